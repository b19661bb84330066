using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mahse.Forms.Configuration;
using Mahse.Forms.Entries;
using Mahse.Forms.Model;
using Mahse.Forms.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Mail;
using Umbraco.Cms.Core.Models.Email;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Forms.Drafts;

/// <param name="Files">The names of the files saved with the draft, by field alias (their contents stay on the server).</param>
public sealed record FormDraft(
    Guid FormId,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Files,
    int CurrentPage,
    DateTime ExpiresAt);

/// <summary>
/// Save and resume (beyond Umbraco Forms; applicants to long forms ask for it): the values so far are kept under a
/// random token, mailed to the applicant as a resume link; only the token's SHA-256 hash is stored, so the table
/// cannot be used to resume anyone's draft. Drafts expire, and submitting the entry with its token ends the draft,
/// so the link cannot be replayed. Uploads, checked as an entry's are, wait beside the draft outside the web root
/// and go into the entry when it is submitted.
/// </summary>
public sealed class FormDraftService(
    IScopeProvider scopes,
    IEmailSender email,
    IOptions<FormDraftOptions> options,
    IOptions<GlobalSettings> global,
    IOptions<WebRoutingSettings> routing,
    IOptions<FormUploadOptions> uploads,
    TimeProvider clock,
    IHostEnvironment environment,
    ILogger<FormDraftService> logger)
{
    /// <summary>Checks a draft's uploads as an entry's are checked (type, content, size); errors by field alias.</summary>
    public (IReadOnlyList<AcceptedFile> Files, IReadOnlyDictionary<string, string[]> Errors) CheckUploads(FormDefinition form, PostedEntry posted)
    {
        var files = new List<AcceptedFile>();
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var field in form.AllFields.Where(f => f.FieldTypeId == FormFieldTypes.FileUpload.Id))
        {
            if (posted.Files.TryGetValue(field.Alias, out var posts) && posts.Count > 0)
            {
                files.AddRange(FormUploads.Check(field, posts, uploads.Value, m => (errors.TryGetValue(field.Alias, out var l) ? l : errors[field.Alias] = []).Add(m)));
            }
        }

        return (files, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

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
            using var scope = scopes.CreateScope();
            scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
            await scope.Database.InsertAsync(new DraftRow
            {
                Key = key,
                FormKey = form.Id,
                TokenHash = Hash(token),
                Email = address,
                Values = JsonSerializer.Serialize(Known(form, posted)),
                CurrentPage = currentPage,
                CreateDate = now,
                UpdateDate = now,
                ExpiresAt = expires,
            });
            scope.Complete();
        }
        catch
        {
            DeleteFolder(Folder(key)); // no files without their draft
            throw;
        }

        await SendResumeLinkAsync(form, address, token, expires);
        return (token, expires);
    }

    public async Task<FormDraft?> FindAsync(FormDefinition form, string? token, CancellationToken ct)
    {
        if (await RowAsync(form.Id, token) is not { } row)
        {
            return null;
        }

        var files = SavedFiles(row.Key).GroupBy(f => f.FieldId)
            .Select(g => (Field: form.AllFields.FirstOrDefault(f => f.Id == g.Key), Names: g.Select(f => f.Name).ToList()))
            .Where(x => x.Field is not null)
            .ToDictionary(x => x.Field!.Alias, x => (IReadOnlyList<string>)x.Names);
        return new FormDraft(row.FormKey, JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(row.Values) ?? [], files, row.CurrentPage, row.ExpiresAt);
    }

    /// <summary>
    /// The submission with the draft's saved files added to upload fields it does not post itself, so they go through
    /// the entry's checks and into the entry like any upload.
    /// </summary>
    public async Task<PostedEntry> WithSavedFilesAsync(FormDefinition form, string token, PostedEntry posted, CancellationToken ct)
    {
        if (await RowAsync(form.Id, token) is not { } row)
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
        using var scope = scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var row = await scope.Database.FirstOrDefaultAsync<DraftRow>(scope.SqlContext.Sql().SelectAll().From<DraftRow>()
            .Where<DraftRow>(d => d.TokenHash == hash && d.FormKey == form.Id && d.ExpiresAt > now));
        if (row is null)
        {
            return false;
        }

        foreach (var field in files.Select(f => f.FieldId).Distinct())
        {
            DeleteFolder(Path.Combine(Folder(row.Key), field.ToString("N")));
        }

        await WriteFilesAsync(row.Key, files, ct);
        row.Values = JsonSerializer.Serialize(Known(form, posted));
        row.CurrentPage = currentPage;
        row.UpdateDate = now;
        await scope.Database.UpdateAsync(row);
        scope.Complete();
        return true;
    }

    /// <summary>Ends a draft (its entry was submitted); false when the token was unknown, expired or already used.</summary>
    public async Task<bool> EndAsync(Guid formId, string token, CancellationToken ct)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        Guid key;
        using (var scope = scopes.CreateScope())
        {
            scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
            var row = await scope.Database.FirstOrDefaultAsync<DraftRow>(scope.SqlContext.Sql().SelectAll().From<DraftRow>()
                .Where<DraftRow>(d => d.TokenHash == hash && d.FormKey == formId && d.ExpiresAt > now));
            if (row is null || await scope.Database.DeleteAsync(row) == 0)
            {
                return false;
            }

            key = row.Key;
            scope.Complete();
        }

        DeleteFolder(Folder(key));
        return true;
    }

    /// <summary>Deletes expired drafts with their files; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> expired;
        using (var scope = scopes.CreateScope())
        {
            scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
            expired = (await scope.Database.FetchAsync<DraftRow>(scope.SqlContext.Sql().SelectAll().From<DraftRow>().Where<DraftRow>(d => d.ExpiresAt <= now)))
                .Select(d => d.Key).ToList();
            if (expired.Count > 0)
            {
                await scope.Database.ExecuteAsync(scope.SqlContext.Sql().Delete<DraftRow>().WhereIn<DraftRow>(d => d.Key, expired));
            }

            scope.Complete();
        }

        foreach (var key in expired)
        {
            DeleteFolder(Folder(key));
        }

        return expired.Count;
    }

    public static bool IsEmail(string? text) => !string.IsNullOrWhiteSpace(text) && MailAddress.TryCreate(text.Trim(), out var a) && a.Address == text.Trim();

    private async Task SendResumeLinkAsync(FormDefinition form, string address, string token, DateTime expires)
    {
        var path = options.Value.ResumeUrl.Replace("{form}", form.Id.ToString("D")).Replace("{token}", WebUtility.UrlEncode(token));
        var link = Uri.TryCreate(path, UriKind.Absolute, out _) ? path : (routing.Value.UmbracoApplicationUrl ?? "").TrimEnd('/') + path;
        try
        {
            await email.SendAsync(new EmailMessage(global.Value.Smtp?.From, address, $"Continue your {form.Name}",
                $"You saved your {form.Name} to finish later. Continue here until {expires:d MMMM yyyy}:\n\n{link}\n\n"
                + "Keep this link to yourself: anyone with it can see and continue your answers.", isBodyHtml: false), "MahseFormsDraft");
        }
        catch (Exception ex)
        {
            // The draft is saved and the token returned to the client either way; a mail failure must not lose it.
            logger.LogError(ex, "Could not send the resume link of a draft of form {Form}", form.Id);
        }
    }

    // Only the form's own fields are kept (passwords and uploads never), so a draft cannot be used to park arbitrary data.
    private static Dictionary<string, IReadOnlyList<string>> Known(FormDefinition form, PostedEntry posted) => form.AllFields
        .Where(f => FormFieldTypes.Find(f.FieldTypeId) is { StoresValue: true } type && type != FormFieldTypes.FileUpload && type != FormFieldTypes.Password
            && posted.Values.ContainsKey(f.Alias))
        .GroupBy(f => f.Alias)
        .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)posted.Values[g.Key].Select(v => v.Length > 4000 ? v[..4000] : v).ToList());

    private async Task<DraftRow?> RowAsync(Guid formId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        using var scope = scopes.CreateScope(autoComplete: true);
        return await scope.Database.FirstOrDefaultAsync<DraftRow>(scope.SqlContext.Sql().SelectAll().From<DraftRow>()
            .Where<DraftRow>(d => d.TokenHash == hash && d.FormKey == formId && d.ExpiresAt > now));
    }

    private string Folder(Guid draft) => Path.Combine(environment.ContentRootPath, FormsPaths.Drafts, draft.ToString("N"));

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
