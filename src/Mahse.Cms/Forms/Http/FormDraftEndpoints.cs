using System.Text.Json;
using Mahse.Cms.Forms.Entries;
using Mahse.Cms.Forms.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Forms.Http;

/// <summary>
/// Save and resume, an extension beside the Forms API's definitions and entries (same paths, key and rate limit):
/// <c>POST drafts/{id}</c> saves and mails a resume link, <c>GET</c> and <c>PUT drafts/{id}?token=</c> read and update.
/// </summary>
public static class FormDraftEndpoints
{
    public static RouteGroupBuilder MapFormDrafts(this RouteGroupBuilder group, string name)
    {
        group.MapPost("/drafts/{id:guid}", SaveDraftAsync).WithName($"{name}SaveDraft").WithSummary("Extension: saves the answers so far and emails a resume link.")
            .RequireRateLimiting(FormsDeliveryEndpoints.RateLimitPolicy);
        group.MapGet("/drafts/{id:guid}", GetDraftAsync).WithName($"{name}GetDraft").WithSummary("Extension: the saved answers for a resume token.");
        group.MapPut("/drafts/{id:guid}", UpdateDraftAsync).WithName($"{name}UpdateDraft").WithSummary("Extension: updates the saved answers for a resume token.")
            .RequireRateLimiting(FormsDeliveryEndpoints.RateLimitPolicy);
        return group;
    }

    private static async Task<IResult> SaveDraftAsync(
        Guid id, HttpContext http, FormStore forms, FormDraftService drafts, IOptions<FormsSettings> settings, IOptions<FormUploadLimits> limits, TimeProvider clock,
        CancellationToken ct)
    {
        var (form, posted, body, problem) = await ReadDraftAsync(id, http, forms, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (files, fileErrors) = EntryValidator.CheckDraftUploads(form!, posted!, settings.Value, limits.Value);
        if (fileErrors.Count > 0)
        {
            return FormsDeliveryEndpoints.Unprocessable(fileErrors.ToDictionary(e => e.Key, e => e.Value.ToArray()), "One or more validation errors occurred.");
        }

        if (form!.ClosesAt is { } closes && closes <= clock.GetUtcNow().UtcDateTime)
        {
            return FormsDeliveryEndpoints.Unprocessable(new Dictionary<string, string[]> { ["form"] = ["This form is closed."] }, "The form is closed.");
        }

        var address = body.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (!FormDraftService.IsEmail(address))
        {
            return FormsDeliveryEndpoints.Unprocessable(new Dictionary<string, string[]> { ["email"] = ["An email address is needed to send the resume link to."] }, "One or more validation errors occurred.");
        }

        var (resumeToken, expires) = await drafts.SaveAsync(form, address!.Trim(), posted!, files, Page(body), ct);
        return TypedResults.Json(new { resumeToken, expiresAt = expires }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetDraftAsync(Guid id, string? token, FormStore forms, FormDraftService drafts, CancellationToken ct) =>
        await forms.GetAsync(id, ct) is { } form && await drafts.FindAsync(form, token, ct) is { } draft
            ? TypedResults.Ok(new { values = draft.Values, files = draft.Files, currentPage = draft.CurrentPage, expiresAt = draft.ExpiresAt })
            : DraftNotFound();

    private static async Task<IResult> UpdateDraftAsync(
        Guid id, string? token, HttpContext http, FormStore forms, FormDraftService drafts, IOptions<FormsSettings> settings, IOptions<FormUploadLimits> limits,
        CancellationToken ct)
    {
        var (form, posted, body, problem) = await ReadDraftAsync(id, http, forms, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (files, fileErrors) = EntryValidator.CheckDraftUploads(form!, posted!, settings.Value, limits.Value);
        if (fileErrors.Count > 0)
        {
            return FormsDeliveryEndpoints.Unprocessable(fileErrors.ToDictionary(e => e.Key, e => e.Value.ToArray()), "One or more validation errors occurred.");
        }

        return await drafts.UpdateAsync(form!, token, posted!, files, Page(body), ct) ? TypedResults.Ok() : DraftNotFound();
    }

    private static async Task<(FormDefinition? Form, PostedEntry? Posted, JsonElement Body, IResult? Problem)> ReadDraftAsync(Guid id, HttpContext http, FormStore forms, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, null, default, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the draft as application/json."));
        }

        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct)).RootElement;
        }
        catch (JsonException ex)
        {
            return (null, null, default, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed draft", detail: ex.Message));
        }

        var posted = PostedEntry.Parse(body, out var shapeProblem);
        if (posted is null)
        {
            return (null, null, body, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed draft", detail: shapeProblem));
        }

        return await forms.GetAsync(id, ct) is { } form ? (form, posted, body, null) : (null, null, body, FormsDeliveryEndpoints.NotFound());
    }

    private static int Page(JsonElement body) => body.TryGetProperty("currentPage", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? Math.Max(0, n) : 0;

    private static IResult DraftNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "No saved application matches this resume link; it may have expired or been submitted.");
}
