using Mahse.Forms.Configuration;
using Mahse.Forms.Model;
using Mahse.Forms.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mahse.Forms.Entries;

/// <summary>
/// Stores an accepted entry: its uploads are written first, under the content root outside the web root, then the
/// entry, its audit lines and its workflow outbox rows go into Umbraco's database in one scope
/// (<see cref="EntryStore.AddAsync"/>). If that fails the files are removed again, so nothing is half-written.
/// </summary>
public sealed class EntrySubmissionService(EntryStore entries, IHostEnvironment environment, ILogger<EntrySubmissionService> logger)
{
    public async Task<Guid> StoreAsync(FormDefinition form, EntryValidation validation, PostedEntry posted, Guid? contentKey, Guid? memberKey, CancellationToken ct)
    {
        var key = Guid.NewGuid();
        var values = validation.Values.ToDictionary(v => v.Key, v => v.Value.ToList());
        var written = new List<string>();
        try
        {
            foreach (var file in validation.Files)
            {
                // {form}/{entry}/{file}/{original name}: the name is kept for reviewers; the file id keeps two uploads apart.
                var relative = string.Join('/', FormsPaths.Uploads, form.Id.ToString("N"), key.ToString("N"), file.FileId.ToString("N"), file.FileName);
                var path = Path.Combine(environment.ContentRootPath, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, file.Content, ct);
                written.Add(path);
                (values.TryGetValue(file.FieldId, out var list) ? list : values[file.FieldId] = []).Add(relative);
            }

            // A form that keeps no records (StoreRecordsLocally off) still has its workflows to run, and they read the
            // entry from the outbox's side of the same transaction; the workflow worker removes such entries once run.
            await entries.AddAsync(form, new NewEntry(
                key,
                values,
                Culture: string.IsNullOrWhiteSpace(posted.Culture) ? null : posted.Culture,
                ContentKey: contentKey,
                MemberKey: memberKey,
                AdditionalData: posted.AdditionalData.Count == 0 ? null : posted.AdditionalData.ToDictionary(),
                By: memberKey is { } member ? $"member:{member:D}" : null), ct);
        }
        catch
        {
            foreach (var path in written)
            {
                TryDelete(path);
            }

            throw;
        }

        return key;
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove the upload {Path} of an entry that was not stored", path);
        }
    }
}
