using System.Net;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mahse.Cms.Email;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
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

public sealed record FormDraft(Guid FormId, IReadOnlyDictionary<string, IReadOnlyList<string>> Values, int CurrentPage, DateTime ExpiresAt);

/// <summary>
/// Save and resume (which Umbraco Forms lacks, and applicants to long forms ask for): the values so far are kept
/// under a random token, mailed to the applicant as a resume link; only the token's hash is stored. Drafts expire,
/// and submitting the entry with its token ends the draft, so the link cannot be replayed.
/// </summary>
public sealed class FormDraftService(
    ICmsDbContextFactory contexts, IEmailSender email, IOptions<FormDraftOptions> options, IOptions<Members.MemberOptions> site, TimeProvider clock, ILogger<FormDraftService> logger)
{
    /// <summary>Saves a draft and mails its resume link; returns the token (also for a client to keep).</summary>
    public async Task<(string Token, DateTime ExpiresAt)> SaveAsync(FormDefinition form, string address, PostedEntry posted, int currentPage, CancellationToken ct)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now.Add(options.Value.Lifetime);
        await using var db = contexts.CreateDbContext();
        db.FormDrafts.Add(new FormDraftRow
        {
            Key = Guid.NewGuid(), FormKey = form.Id, TokenHash = Hash(token), Email = address, ValuesJson = JsonSerializer.Serialize(Known(form, posted)),
            CurrentPage = currentPage, CreateDate = now, UpdateDate = now, ExpiresAt = expires,
        });
        await db.SaveChangesAsync(ct);

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

    public async Task<FormDraft?> FindAsync(Guid formId, string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        var row = await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.TokenHash == hash && d.FormKey == formId && d.ExpiresAt > now, ct);
        return row is null ? null : new FormDraft(row.FormKey, JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(row.ValuesJson) ?? [], row.CurrentPage, row.ExpiresAt);
    }

    public async Task<bool> UpdateAsync(FormDefinition form, string? token, PostedEntry posted, int currentPage, CancellationToken ct)
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
        return await db.FormDrafts.Where(d => d.TokenHash == hash && d.FormKey == formId).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        return await db.FormDrafts.Where(d => d.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }

    public static bool IsEmail(string? text) => !string.IsNullOrWhiteSpace(text) && MailAddress.TryCreate(text.Trim(), out var a) && a.Address == text.Trim();

    // Only the form's own fields are kept (passwords never), so a draft cannot be used to park arbitrary data.
    private static Dictionary<string, IReadOnlyList<string>> Known(FormDefinition form, PostedEntry posted) => form.AllFields
        .Where(f => FormFieldTypes.Find(f.FieldTypeId) is { StoresValue: true } type && type != FormFieldTypes.FileUpload && posted.Values.ContainsKey(f.Alias))
        .ToDictionary(f => f.Alias, f => (IReadOnlyList<string>)posted.Values[f.Alias].Select(v => v.Length > 4000 ? v[..4000] : v).ToList());

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
