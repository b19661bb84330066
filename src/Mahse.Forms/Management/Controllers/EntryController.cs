using System.Globalization;
using System.Runtime.CompilerServices;
using Asp.Versioning;
using Mahse.Forms.Management.Authorization;
using Mahse.Forms.Management.Export;
using Mahse.Forms.Management.Models;
using Mahse.Forms.Retention;
using Mahse.Forms.Storage;
using Mahse.Forms.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Security.Authorization;

namespace Mahse.Forms.Management.Controllers;

/// <summary>
/// Entries of a form: list and filter, read with audit, workflow runs and files, approve, reject, delete, export,
/// print and download an upload. Fields marked sensitive show only to administrators and Umbraco's sensitive data group.
/// </summary>
[ApiVersion("1.0")]
public sealed class EntryController(
    FormStore forms,
    EntryStore entries,
    UploadedFiles uploads,
    EntryFiles files,
    WorkflowSignal workflows,
    IAuthorizationHelper users) : EntriesControllerBase
{
    private const int MaxTake = 500;

    [HttpGet("form/{id:guid}/entry")]
    [ProducesResponseType(typeof(EntryListResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("A page of a form's entries, newest first, filtered by state, submission date (from inclusive, to exclusive) and text.")]
    public async Task<IActionResult> List(Guid id, string? state = null, DateTime? from = null, DateTime? to = null, string? q = null, int skip = 0, int take = 50, CancellationToken ct = default)
    {
        if (Filter(state, from, to, q, skip, take, out var filter) is { } problem)
        {
            return problem;
        }

        if (await forms.GetAsync(id, ct) is not { } form)
        {
            return NotFoundProblem("form");
        }

        var view = new EntryView(form, SensitiveData.CanSee(CurrentUser()));
        var (items, total) = await entries.QueryAsync(id, filter!, ct);
        return Ok(new EntryListResponse(total, items.Select(view.Model).ToList(), view.FieldModels));
    }

    [HttpGet("entry/{id:guid}")]
    [ProducesResponseType(typeof(EntryDetailResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("An entry with its audit trail, workflow runs and uploaded files.")]
    public async Task<IActionResult> Get(Guid id, CancellationToken ct = default)
    {
        if (await entries.GetAsync(id, ct) is not { } entry)
        {
            return NotFoundProblem("entry");
        }

        return Ok(await DetailAsync(entry, ct));
    }

    [HttpPost("entry/{id:guid}/approve")]
    [ProducesResponseType(typeof(EntryDetailResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict)]
    [EndpointSummary("Approves an entry: an audit line, and the form's approve-stage workflows queued.")]
    public Task<IActionResult> Approve(Guid id, CancellationToken ct = default) => ChangeStateAsync(id, EntryStates.Approved, ct);

    [HttpPost("entry/{id:guid}/reject")]
    [ProducesResponseType(typeof(EntryDetailResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict)]
    [EndpointSummary("Rejects an entry: an audit line, and the form's reject-stage workflows queued.")]
    public Task<IActionResult> Reject(Guid id, CancellationToken ct = default) => ChangeStateAsync(id, EntryStates.Rejected, ct);

    [HttpDelete("entry/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("Deletes an entry with its audit, workflow runs and uploaded files.")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct = default)
    {
        var deleted = await entries.DeleteAsync([id], ct);
        if (deleted.Count == 0)
        {
            return NotFoundProblem("entry");
        }

        foreach (var row in deleted)
        {
            // Every upload goes, sensitive or not, as retention removes them.
            files.Delete(await forms.GetAsync(row.FormKey, ct) ?? EntryView.Orphan(row.FormKey), [row]);
        }

        return NoContent();
    }

    [HttpGet("form/{id:guid}/entry/export")]
    [ProducesResponseType(typeof(FileStreamResult), StatusCodes.Status200OK, "text/csv", TableExport.XlsxContentType)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("A form's entries (with the list's filters, oldest first) as CSV or XLSX; cells a spreadsheet would run as formulas start with '.")]
    public async Task<IActionResult> Export(Guid id, string? format = null, string? state = null, DateTime? from = null, DateTime? to = null, string? q = null, CancellationToken ct = default)
    {
        if (!TableExport.TryFormat(format, out var xlsx))
        {
            return BadRequestProblem("Unknown export format", "The format is csv or xlsx.");
        }

        if (Filter(state, from, to, q, 0, MaxTake, out var filter) is { } problem)
        {
            return problem;
        }

        if (await forms.GetAsync(id, ct) is not { } form)
        {
            return NotFoundProblem("form");
        }

        var view = new EntryView(form, SensitiveData.CanSee(CurrentUser()));
        var header = new[] { "Id", "State", "Submitted", "Updated", "Culture", "Member" }.Concat(view.Fields.Select(f => f.Caption)).ToList();
        var stream = await TableExport.WriteAsync(xlsx, header, Rows(view, id, filter!, ct), ct);
        return File(stream, xlsx ? TableExport.XlsxContentType : TableExport.CsvContentType, $"{FileName(form.Name)}-entries.{(xlsx ? "xlsx" : "csv")}");
    }

    [HttpGet("entry/{id:guid}/print")]
    [Produces("text/html")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("An entry as a printable HTML page.")]
    public async Task<IActionResult> Print(Guid id, CancellationToken ct = default)
    {
        if (await entries.GetAsync(id, ct) is not { } entry)
        {
            return NotFoundProblem("entry");
        }

        var form = await forms.GetAsync(entry.FormKey, ct) ?? EntryView.Orphan(entry.FormKey);
        var view = new EntryView(form, SensitiveData.CanSee(CurrentUser()));
        Response.Headers.ContentSecurityPolicy = EntryPrint.ContentSecurityPolicy;
        Response.Headers.XContentTypeOptions = "nosniff";
        return Content(EntryPrint.Html(view, entry, await entries.AuditAsync(id, ct)), "text/html; charset=utf-8");
    }

    [HttpGet("entry/{id:guid}/file")]
    [ProducesResponseType(typeof(FileStreamResult), StatusCodes.Status200OK, "application/octet-stream")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("An uploaded file of an entry, by field alias and file name (never by path).")]
    public async Task<IActionResult> File(Guid id, string? field, string? name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(field) || string.IsNullOrWhiteSpace(name) || await entries.GetAsync(id, ct) is not { } entry
            || await forms.GetAsync(entry.FormKey, ct) is not { } form)
        {
            return NotFoundProblem("file");
        }

        var view = new EntryView(form, SensitiveData.CanSee(CurrentUser()));
        var stored = view.Uploads(entry).FirstOrDefault(u => string.Equals(u.Field.Alias, field, StringComparison.OrdinalIgnoreCase)
            && string.Equals(UploadedFiles.DisplayName(u.StoredPath), name, StringComparison.Ordinal)).StoredPath;
        if (stored is null || uploads.Resolve(stored) is not { } path || !System.IO.File.Exists(path))
        {
            return NotFoundProblem("file");
        }

        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.XContentTypeOptions = "nosniff";
        return PhysicalFile(path, "application/octet-stream", UploadedFiles.DisplayName(stored));
    }

    private async Task<IActionResult> ChangeStateAsync(Guid id, string state, CancellationToken ct)
    {
        if (await entries.GetAsync(id, ct) is not { } entry)
        {
            return NotFoundProblem("entry");
        }

        if (entry.State == state)
        {
            return ConflictProblem($"The entry is already {state.ToLowerInvariant()}");
        }

        var form = await forms.GetAsync(entry.FormKey, ct) ?? EntryView.Orphan(entry.FormKey);
        var by = CurrentUser().Name ?? CurrentUser().Username;
        if (!await entries.SetStateAsync(form, id, state, by, ct))
        {
            // Another reviewer got there between the read and the write.
            return await entries.GetAsync(id, ct) is null ? NotFoundProblem("entry") : ConflictProblem($"The entry is already {state.ToLowerInvariant()}");
        }

        // The stage's runs are committed in the outbox: the worker runs them now rather than at its next poll.
        workflows.Nudge();
        return Ok(await DetailAsync((await entries.GetAsync(id, ct))!, ct));
    }

    private async Task<EntryDetailResponse> DetailAsync(EntryRow entry, CancellationToken ct)
    {
        var form = await forms.GetAsync(entry.FormKey, ct) ?? EntryView.Orphan(entry.FormKey);
        var view = new EntryView(form, SensitiveData.CanSee(CurrentUser()));
        var audit = (await entries.AuditAsync(entry.Key, ct)).Select(a => new EntryAuditResponse(a.State, EntryView.Utc(a.At), a.By)).ToList();
        var runs = (await entries.WorkflowRunsAsync(entry.Key, ct))
            .Select(r => new EntryWorkflowResponse(r.WorkflowName, r.Stage, r.Status, r.Attempts, r.LastError, r.CompletedAt is { } at ? EntryView.Utc(at) : null))
            .ToList();
        var uploads = view.Uploads(entry).Select(u => new EntryFileResponse(u.Field.Alias, UploadedFiles.DisplayName(u.StoredPath),
            $"{FormsManagementApi.BasePath}/entry/{entry.Key}/file?field={Uri.EscapeDataString(u.Field.Alias)}&name={Uri.EscapeDataString(UploadedFiles.DisplayName(u.StoredPath))}")).ToList();
        var model = view.Model(entry);
        return new EntryDetailResponse(model.Id, model.FormId, model.State, model.Created, model.Updated, model.MemberKey, model.ContentKey, model.Culture,
            model.Values, view.FieldModels, audit, runs, uploads);
    }

    private async IAsyncEnumerable<string[]> Rows(EntryView view, Guid formKey, EntryFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        // Pages newest first, as the store gives them; the file lists them oldest first, as a register reads.
        var all = new List<EntryRow>();
        for (var skip = 0; ; skip += MaxTake)
        {
            var (items, total) = await entries.QueryAsync(formKey, filter with { Skip = skip, Take = MaxTake }, ct);
            all.AddRange(items);
            if (items.Count < MaxTake || all.Count >= total)
            {
                break;
            }
        }

        foreach (var row in Enumerable.Reverse(all))
        {
            var values = view.Values(row);
            yield return new[]
            {
                row.Key.ToString("D"), row.State, EntryView.Utc(row.CreateDate).ToString("u", CultureInfo.InvariantCulture),
                EntryView.Utc(row.UpdateDate).ToString("u", CultureInfo.InvariantCulture), row.Culture ?? "", row.MemberKey?.ToString("D") ?? "",
            }.Concat(view.Fields.Select(f => values.TryGetValue(f.Alias, out var v) ? string.Join("; ", v) : "")).ToArray();
        }
    }

    private IActionResult? Filter(string? state, DateTime? from, DateTime? to, string? q, int skip, int take, out EntryFilter? filter)
    {
        filter = null;
        string? known = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            known = new[] { EntryStates.Submitted, EntryStates.Approved, EntryStates.Rejected }.FirstOrDefault(s => string.Equals(s, state.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return BadRequestProblem("Unknown state", "The state is Submitted, Approved or Rejected.");
            }
        }

        if (PagingProblem(skip, take, MaxTake) is { } paging)
        {
            return paging;
        }

        if (from is { } f && to is { } t && t < f)
        {
            return BadRequestProblem("Invalid dates", "\"to\" is before \"from\".");
        }

        filter = new EntryFilter(known, ToUtc(from), ToUtc(to), string.IsNullOrWhiteSpace(q) ? null : q.Trim(), skip, take);
        return null;
    }

    /// <summary>Stored dates are UTC without a kind; a date with an offset or Z is converted, one without is taken as UTC.</summary>
    private static DateTime? ToUtc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v, DateTimeKind.Unspecified) : null;

    private IUser CurrentUser() =>
        users.TryGetUmbracoUser(User, out var user) ? user : throw new InvalidOperationException("An authorized request without a backoffice user.");

    private static string FileName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
        return safe.Length == 0 ? "form" : safe;
    }
}
