using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mahse.Cms.Email;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Forms.Entries;

/// <summary>How long a saved draft can be resumed.</summary>
public sealed class FormDraftOptions
{
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The page a resume link opens; {form} and {token} are filled in.</summary>
    public string ResumeUrl { get; set; } = "/apply?form={form}&resume={token}";
}

/// <param name="Files">The names of the files saved with the draft, by field alias (their contents stay on the server).</param>
public sealed record FormDraft(Guid FormId, IReadOnlyDictionary<string, IReadOnlyList<string>> Values, IReadOnlyDictionary<string, IReadOnlyList<string>> Files,
    int CurrentPage, DateTime ExpiresAt);

/// <summary>
/// Save and resume (which Umbraco Forms lacks, and applicants to long forms ask for): the values so far are kept
/// under a random token, mailed to the applicant as a resume link; only the token's hash is stored. Drafts expire,
/// and submitting the entry with its token ends the draft, so the link cannot be replayed. Uploads, checked as
/// an entry's are, wait beside the draft outside the web root and go into the entry when it is submitted.
/// </summary>
public sealed class FormDraftService(
    ICmsDbContextFactory contexts, IEmailSender email, IOptions<FormDraftOptions> options, IOptions<Members.MemberOptions> site, TimeProvider clock,
    IHostEnvironment environment, ILogger<FormDraftService> logger)
{
    public const string DraftFolder = "umbraco/Data/forms/drafts";

    /// <summary>Saves a draft and mails its resume link; returns the token (also for a client to keep).</summary>
    public async Task<(string Token, DateTime ExpiresAt)> SaveAsync(
        FormDefinition form, string address, PostedEntry posted, IReadOnlyList<AcceptedFile> files, int currentPage, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now.Add(options.Value.Lifetime);
        var key = Guid.NewGuid();
        try
        {
            await WriteFilesAsync(key, files, ct);
            await using var db = contexts.CreateDbContext();
            db.FormDrafts.Add(new FormDraftRow
            {
                Key = key, FormKey = form.Id, TokenHash = Hash(token), Email = address, ValuesJson = JsonSerializer.Serialize(Known(form, posted)),
                CurrentPage = currentPage, CreateDate = now, UpdateDate = now, ExpiresAt = expires,
            });
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            DeleteFolder(Folder(key)); // no files without their draft
            throw;
        }

        var link = (site.Value.ApplicationUrl ?? "").TrimEnd('/') + options.Value.ResumeUrl.Replace("{form}", form.Id.ToString("D")).Replace("{token}", WebUtility.UrlEncode(token));
        try
        {
            await email.SendAsync(new EmailMessage(address, $"Continue your {form.Name}",
                $"You saved your {form.Name} to finish later. Continue here until {expires:d MMMM yyyy}:\n\n{link}\n\nKeep this link to yourself: anyone with it can see and continue your answers."), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not send the resume link of a draft of form {Form}", form.Id);
        }

        return (token, expires);
    }

    public async Task<FormDraft?> FindAsync(FormDefinition form, string? token, CancellationToken ct)
    {
        if (await RowAsync(form.Id, token, ct) is not { } row)
        {
            return null;
        }

        var files = SavedFiles(row.Key).GroupBy(f => f.FieldId).Select(g => (Field: form.AllFields.FirstOrDefault(f => f.Id == g.Key), Names: g.Select(f => f.Name).ToList()))
            .Where(x => x.Field is not null).ToDictionary(x => x.Field!.Alias, x => (IReadOnlyList<string>)x.Names);
        return new FormDraft(row.FormKey, JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(row.ValuesJson) ?? [], files, row.CurrentPage, row.ExpiresAt);
    }

    /// <summary>
    /// The submission with the draft's saved files added to upload fields it does not post itself, so they go through
    /// the entry's checks and into the entry like any upload.
    /// </summary>
    public async Task<PostedEntry> WithSavedFilesAsync(FormDefinition form, string token, PostedEntry posted, CancellationToken ct)
    {
        if (await RowAsync(form.Id, token, ct) is not { } row)
        {
            return posted;
        }

        var files = posted.Files.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        foreach (var group in SavedFiles(row.Key).GroupBy(f => f.FieldId))
        {
            if (form.AllFields.FirstOrDefault(f => f.Id == group.Key) is { } field && !files.ContainsKey(field.Alias))
            {
                var saved = new List<PostedFile>();
                foreach (var file in group)
                {
                    saved.Add(new PostedFile(file.Name, "data:application/octet-stream;base64," + Convert.ToBase64String(await File.ReadAllBytesAsync(file.Path, ct))));
                }

                files[field.Alias] = saved;
            }
        }

        return posted with { Files = files };
    }

    /// <summary>Updates the values, and replaces the saved files of each upload field that posts new ones.</summary>
    public async Task<bool> UpdateAsync(FormDefinition form, string? token, PostedEntry posted, IReadOnlyList<AcceptedFile> files, int currentPage, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        var row = await db.FormDrafts.SingleOrDefaultAsync(d => d.TokenHash == hash && d.FormKey == form.Id && d.ExpiresAt > now, ct);
        if (row is null)
        {
            return false;
        }

        foreach (var field in files.Select(f => f.FieldId).Distinct())
        {
            DeleteFolder(Path.Combine(Folder(row.Key), field.ToString("N")));
        }

        await WriteFilesAsync(row.Key, files, ct);
        row.ValuesJson = JsonSerializer.Serialize(Known(form, posted));
        row.CurrentPage = currentPage;
        row.UpdateDate = now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Ends a draft (its entry was submitted); false when the token was unknown, expired or already used.</summary>
    public async Task<bool> EndAsync(Guid formId, string token, CancellationToken ct)
    {
        var hash = Hash(token);
        await using var db = contexts.CreateDbContext();
        var key = await db.FormDrafts.Where(d => d.TokenHash == hash && d.FormKey == formId).Select(d => (Guid?)d.Key).SingleOrDefaultAsync(ct);
        if (key is null || await db.FormDrafts.Where(d => d.Key == key).ExecuteDeleteAsync(ct) == 0)
        {
            return false;
        }

        DeleteFolder(Folder(key.Value));
        return true;
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        var expired = await db.FormDrafts.Where(d => d.ExpiresAt <= now).Select(d => d.Key).ToListAsync(ct);
        var purged = await db.FormDrafts.Where(d => d.ExpiresAt <= now).ExecuteDeleteAsync(ct);
        foreach (var key in expired)
        {
            DeleteFolder(Folder(key));
        }

        return purged;
    }

    public static bool IsEmail(string? text) => !string.IsNullOrWhiteSpace(text) && MailAddress.TryCreate(text.Trim(), out var a) && a.Address == text.Trim();

    // Only the form's own fields are kept (passwords never), so a draft cannot be used to park arbitrary data.
    private static Dictionary<string, IReadOnlyList<string>> Known(FormDefinition form, PostedEntry posted) => form.AllFields
        .Where(f => FormFieldTypes.Find(f.FieldTypeId) is { StoresValue: true } type && type != FormFieldTypes.FileUpload && posted.Values.ContainsKey(f.Alias))
        .ToDictionary(f => f.Alias, f => (IReadOnlyList<string>)posted.Values[f.Alias].Select(v => v.Length > 4000 ? v[..4000] : v).ToList());

    private async Task<FormDraftRow?> RowAsync(Guid formId, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        return await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.TokenHash == hash && d.FormKey == formId && d.ExpiresAt > now, ct);
    }

    private string Folder(Guid draft) => Path.Combine(environment.ContentRootPath, DraftFolder, draft.ToString("N"));

    // Laid out as {draft}/{field}/{file}/{name}, so a field's files can be replaced and the original names kept.
    private async Task WriteFilesAsync(Guid draft, IReadOnlyList<AcceptedFile> files, CancellationToken ct)
    {
        foreach (var file in files)
        {
            var path = Path.Combine(Folder(draft), file.FieldId.ToString("N"), file.FileId.ToString("N"), file.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, file.Content, ct);
        }
    }

    private IEnumerable<(Guid FieldId, string Name, string Path)> SavedFiles(Guid draft)
    {
        var folder = Folder(draft);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var fieldFolder in Directory.EnumerateDirectories(folder))
        {
            if (!Guid.TryParseExact(Path.GetFileName(fieldFolder), "N", out var field))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateDirectories(fieldFolder).SelectMany(Directory.EnumerateFiles).Order(StringComparer.Ordinal))
            {
                yield return (field, Path.GetFileName(path), path);
            }
        }
    }

    private void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove the draft files in {Folder}", folder);
        }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
