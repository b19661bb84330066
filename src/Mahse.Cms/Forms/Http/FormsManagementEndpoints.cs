using System.Globalization;
using System.Text;
using System.Text.Json;
using Mahse.Cms.Forms.Entries;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Infrastructure.Export;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
using Mahse.Cms.Persistence;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Validation.AspNetCore;

namespace Mahse.Cms.Forms.Http;

/// <summary>
/// The backoffice side of Forms: forms (list, read, save, delete), and entries (list and filter by state, read,
/// approve, reject, export as CSV with spreadsheet formulas neutralised). Forms need ManageSettings; entries need
/// ReviewEntries (Administrators, Editors, Reviewers); sensitive fields are shown to Administrators only.
/// </summary>
public static class FormsManagementEndpoints
{
    public const string Base = "/umbraco/forms/management/api/v1";

    public sealed record EntryModel(Guid Id, Guid Form, string State, DateTime Created, DateTime Updated, string? Culture, Guid? ContentKey, Guid? MemberKey,
        IReadOnlyDictionary<string, IReadOnlyList<string>> Values, IReadOnlyList<EntryAuditModel> Audit);

    public sealed record EntryAuditModel(string State, DateTime At, string? By);

    public sealed record FormItemModel(Guid Id, string Name);

    public static IEndpointRouteBuilder MapFormsManagementApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Base).WithTags("Forms Management").WithGroupName("management")
            .RequireAuthorization(BackOfficePolicies.BackOfficeAccess);

        api.MapGet("/form", async (FormStore forms, CancellationToken ct) =>
            TypedResults.Ok((await forms.AllAsync(ct)).Select(f => new FormItemModel(f.Id, f.Name)).ToList())).WithName("GetForms");
        api.MapGet("/form/{id:guid}", async Task<IResult> (Guid id, FormStore forms, CancellationToken ct) =>
            await forms.GetAsync(id, ct) is { } form ? TypedResults.Json(form, FormStore.Json) : Problems.NotFound("form")).WithName("GetFormById");
        api.MapPut("/form/{id:guid}", async Task<IResult> (Guid id, HttpRequest request, FormStore forms, CancellationToken ct) =>
        {
            var (form, problem) = await RequestBody.ReadAsync<FormDefinition>(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            form!.Id = id;
            if (FormDefinitionRules.Check(form) is { Count: > 0 } errors)
            {
                return Problems.Of(StatusCodes.Status400BadRequest, "Invalid form", "InvalidForm", errors);
            }

            return await forms.SaveAsync(form, ct) ? TypedResults.Created($"{Base}/form/{id}", (object?)null) : TypedResults.Ok();
        }).WithName("PutFormById").RequireAuthorization(BackOfficePolicies.ManageSettings);
        api.MapDelete("/form/{id:guid}", async Task<IResult> (Guid id, FormStore forms, CancellationToken ct) =>
            await forms.DeleteAsync(id, ct) ? TypedResults.Ok() : Problems.NotFound("form")).WithName("DeleteFormById").RequireAuthorization(BackOfficePolicies.ManageSettings);

        var entries = api.MapGroup("").RequireAuthorization(BackOfficePolicies.ReviewEntries);
        entries.MapGet("/form/{id:guid}/entry", ListAsync).WithName("GetFormEntries");
        entries.MapGet("/form/{id:guid}/entry/export", ExportAsync).WithName("ExportFormEntries");
        entries.MapGet("/entry/{id:guid}", async Task<IResult> (Guid id, HttpContext http, ICmsDbContextFactory contexts, FormStore forms, CancellationToken ct) =>
        {
            await using var db = contexts.CreateDbContext();
            var entry = await db.FormEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Key == id, ct);
            return entry is null ? Problems.NotFound("entry") : TypedResults.Ok(await ToModelAsync(db, entry, await forms.GetAsync(entry.FormKey, ct), CanSeeSensitive(http), ct));
        }).WithName("GetEntryById");
        entries.MapGet("/entry/{id:guid}/file", FileAsync).WithName("GetEntryFile");
        entries.MapGet("/entry/{id:guid}/print", PrintAsync).WithName("PrintEntry");
        entries.MapPost("/entry/{id:guid}/approve", (Guid id, HttpContext http, ICmsDbContextFactory contexts, FormStore forms, Workflows.WorkflowSignal signal, TimeProvider clock, CancellationToken ct) =>
            ChangeStateAsync(id, FormEntryStates.Approved, http, contexts, forms, signal, clock, ct)).WithName("ApproveEntry");
        entries.MapPost("/entry/{id:guid}/reject", (Guid id, HttpContext http, ICmsDbContextFactory contexts, FormStore forms, Workflows.WorkflowSignal signal, TimeProvider clock, CancellationToken ct) =>
            ChangeStateAsync(id, FormEntryStates.Rejected, http, contexts, forms, signal, clock, ct)).WithName("RejectEntry");
        return app;
    }

    private static bool CanSeeSensitive(HttpContext http) => http.User.HasClaim(OpenIddict.Abstractions.OpenIddictConstants.Claims.Role, UserGroups.Administrators);

    private static async Task<IResult> ListAsync(Guid id, string? state, int? skip, int? take, HttpContext http, ICmsDbContextFactory contexts, FormStore forms, CancellationToken ct)
    {
        if (await forms.GetAsync(id, ct) is not { } form)
        {
            return Problems.NotFound("form");
        }

        if (skip is < 0 || take is < 0)
        {
            return Problems.BadRequest(skip is < 0 ? "skip" : "take", "skip and take must be 0 or more.", "Invalid paging");
        }

        await using var db = contexts.CreateDbContext();
        var query = db.FormEntries.AsNoTracking().Where(e => e.FormKey == id && e.State != FormEntryStates.Deleted);
        if (!string.IsNullOrWhiteSpace(state))
        {
            query = query.Where(e => e.State == state);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.CreateDate).ThenByDescending(e => e.Id).Skip(skip ?? 0).Take(Math.Min(take ?? 100, 1000)).ToListAsync(ct);
        var items = new List<EntryModel>();
        foreach (var row in rows)
        {
            items.Add(await ToModelAsync(db, row, form, CanSeeSensitive(http), ct));
        }

        return TypedResults.Ok(new PagedModel<EntryModel>(total, items));
    }

    private static async Task<IResult> ChangeStateAsync(
        Guid id, string state, HttpContext http, ICmsDbContextFactory contexts, FormStore forms, Workflows.WorkflowSignal signal, TimeProvider clock, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var entry = await db.FormEntries.SingleOrDefaultAsync(e => e.Key == id, ct);
        if (entry is null || entry.State == FormEntryStates.Deleted)
        {
            return Problems.NotFound("entry");
        }

        if (entry.State == state)
        {
            return Problems.Of(StatusCodes.Status409Conflict, $"The entry is already {state.ToLowerInvariant()}", "InvalidState", []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        entry.State = state;
        entry.UpdateDate = now;
        db.FormEntryAudit.Add(new FormEntryAuditRow { EntryId = entry.Id, State = state, At = now, By = http.User.Identity?.Name });
        if (await forms.GetAsync(entry.FormKey, ct) is { } form)
        {
            Outbox.Queue(db, form, entry, state, now);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Nudge();
        return TypedResults.Ok();
    }

    /// <summary>A form's entries as CSV or XLSX (<see cref="TableExport"/> neutralises anything a spreadsheet would run).</summary>
    private static async Task<IResult> ExportAsync(Guid id, string? state, string? format, HttpContext http, ICmsDbContextFactory contexts, FormStore forms, CancellationToken ct)
    {
        if (!TableExport.IsKnownFormat(format))
        {
            return Problems.BadRequest("format", "The export format is csv or xlsx.", "Unknown export format");
        }

        if (await forms.GetAsync(id, ct) is not { } form)
        {
            return Problems.NotFound("form");
        }

        var sensitive = CanSeeSensitive(http);
        var fields = form.AllFields.Where(f => FormFieldTypes.Find(f.FieldTypeId)?.StoresValue == true && (sensitive || !f.ContainsSensitiveData)).ToList();
        await using var db = contexts.CreateDbContext();
        var rows = db.FormEntries.AsNoTracking().Where(e => e.FormKey == id && e.State != FormEntryStates.Deleted && (state == null || e.State == state))
            .OrderBy(e => e.CreateDate).AsEnumerable().Select(row =>
            {
                var values = JsonSerializer.Deserialize<Dictionary<Guid, List<string>>>(row.ValuesJson) ?? [];
                return new object?[] { row.Key.ToString("D"), row.State, row.CreateDate.ToString("u", CultureInfo.InvariantCulture) }
                    .Concat(fields.Select(f => values.TryGetValue(f.Id, out var v) ? string.Join("; ", v) : "")).ToArray();
            });
        var header = new[] { "Id", "State", "Submitted" }.Concat(fields.Select(f => f.Caption)).ToList();
        return await TableExport.FileAsync(format, $"{FileName(form.Name)}-entries", header, rows, ct);
    }

    /// <summary>
    /// An uploaded file of an entry, to reviewers only (files of sensitive fields to Administrators only). The
    /// path must be one the entry holds, so nothing else on disk can be asked for.
    /// </summary>
    private static async Task<IResult> FileAsync(Guid id, string? path, HttpContext http, ICmsDbContextFactory contexts, FormStore forms,
        Microsoft.Extensions.Hosting.IHostEnvironment environment, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var entry = await db.FormEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Key == id && e.State != FormEntryStates.Deleted, ct);
        var form = entry is null ? null : await forms.GetAsync(entry.FormKey, ct);
        if (entry is null || form is null || string.IsNullOrEmpty(path))
        {
            return Problems.NotFound("file");
        }

        var values = JsonSerializer.Deserialize<Dictionary<Guid, List<string>>>(entry.ValuesJson) ?? [];
        var field = form.AllFields.FirstOrDefault(f => f.FieldTypeId == FormFieldTypes.FileUpload.Id && values.TryGetValue(f.Id, out var v) && v.Contains(path));
        if (field is null || field.ContainsSensitiveData && !CanSeeSensitive(http))
        {
            return Problems.NotFound("file");
        }

        var full = Path.Combine(environment.ContentRootPath, path);
        if (!File.Exists(full))
        {
            return Problems.NotFound("file");
        }

        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.PhysicalFile(full, "application/octet-stream", Path.GetFileName(full));
    }

    /// <summary>A submitted application as a printable HTML page: each page and question with its answer, all encoded.</summary>
    private static async Task<IResult> PrintAsync(Guid id, HttpContext http, ICmsDbContextFactory contexts, FormStore forms, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var entry = await db.FormEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Key == id && e.State != FormEntryStates.Deleted, ct);
        var form = entry is null ? null : await forms.GetAsync(entry.FormKey, ct);
        if (entry is null || form is null)
        {
            return Problems.NotFound("entry");
        }

        var sensitive = CanSeeSensitive(http);
        var values = JsonSerializer.Deserialize<Dictionary<Guid, List<string>>>(entry.ValuesJson) ?? [];
        static string E(string? s) => System.Net.WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(form.Name)} — {entry.Key:D}</title>")
            .Append("<style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto}dt{font-weight:bold;margin-top:1rem}dd{margin:0;white-space:pre-wrap}</style></head><body>")
            .Append($"<h1>{E(form.Name)}</h1><p>Entry {entry.Key:D} · {E(entry.State)} · submitted {entry.CreateDate:d MMMM yyyy HH:mm} UTC</p>");
        foreach (var page in form.Pages.OrderBy(p => p.SortOrder))
        {
            html.Append($"<section><h2>{E(page.Caption)}</h2><dl>");
            foreach (var field in page.FieldSets.SelectMany(s => s.Containers).SelectMany(c => c.Fields)
                         .Where(f => FormFieldTypes.Find(f.FieldTypeId)?.StoresValue == true && (sensitive || !f.ContainsSensitiveData)))
            {
                var answer = values.TryGetValue(field.Id, out var v) ? v : [];
                var shown = field.FieldTypeId == FormFieldTypes.FileUpload.Id ? answer.Select(Path.GetFileName) : answer;
                html.Append($"<dt>{E(field.Caption)}</dt><dd>{E(string.Join(", ", shown))}</dd>");
            }

            html.Append("</dl></section>");
        }

        html.Append("</body></html>");
        http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'";
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>A value a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe.</summary>


    private static string FileName(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    private static async Task<EntryModel> ToModelAsync(CmsDbContext db, FormEntryRow entry, FormDefinition? form, bool sensitive, CancellationToken ct)
    {
        var values = JsonSerializer.Deserialize<Dictionary<Guid, List<string>>>(entry.ValuesJson) ?? [];
        var byAlias = (form?.AllFields ?? []).Where(f => values.ContainsKey(f.Id) && (sensitive || !f.ContainsSensitiveData))
            .ToDictionary(f => f.Alias, f => (IReadOnlyList<string>)values[f.Id]);
        var audit = await db.FormEntryAudit.AsNoTracking().Where(a => a.EntryId == entry.Id).OrderBy(a => a.Id)
            .Select(a => new EntryAuditModel(a.State, a.At, a.By)).ToListAsync(ct);
        return new EntryModel(entry.Key, entry.FormKey, entry.State, entry.CreateDate, entry.UpdateDate, entry.Culture, entry.ContentKey, sensitive ? entry.MemberKey : null, byAlias, audit);
    }
}

/// <summary>What a saved form must satisfy: a name, unique field ids and aliases, known field types.</summary>
public static class FormDefinitionRules
{
    public static List<FieldError> Check(FormDefinition form)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(form.Name))
        {
            errors.Add(new FieldError("name", "A form needs a name."));
        }

        var fields = form.AllFields.ToList();
        foreach (var duplicate in fields.GroupBy(f => f.Alias, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new FieldError("pages", $"The alias '{duplicate.Key}' is used by more than one field."));
        }

        foreach (var duplicate in fields.GroupBy(f => f.Id).Where(g => g.Count() > 1))
        {
            errors.Add(new FieldError("pages", $"The field id {duplicate.Key} is used more than once."));
        }

        foreach (var field in fields.Where(f => FormFieldTypes.Find(f.FieldTypeId) is null || string.IsNullOrWhiteSpace(f.Alias)))
        {
            errors.Add(new FieldError("pages", $"Field '{field.Alias}' has an unknown type {field.FieldTypeId} or no alias."));
        }

        return errors;
    }
}
