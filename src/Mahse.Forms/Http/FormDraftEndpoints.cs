using System.Text.Json;
using Mahse.Forms.Drafts;
using Mahse.Forms.Entries;
using Mahse.Forms.Model;
using Mahse.Forms.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mahse.Forms.Http;

/// <summary>
/// Save and resume, MAHSE's extension beside the Forms API's definitions and entries (same paths, gate and rate
/// limit): <c>POST drafts/{id}</c> saves and mails a resume link, <c>GET</c> and <c>PUT drafts/{id}?token=</c> read
/// and update; <c>draftToken</c> in an entry's body submits the draft and ends it.
/// </summary>
public static class FormDraftEndpoints
{
    public static RouteGroupBuilder MapFormDrafts(this RouteGroupBuilder group, string name)
    {
        group.MapPost("/drafts/{id:guid}", SaveAsync).WithName($"{name}SaveDraft")
            .WithSummary("Extension: saves the answers so far and emails a resume link.").RequireRateLimiting(FormsDeliveryEndpoints.RateLimitPolicy);
        group.MapGet("/drafts/{id:guid}", GetAsync).WithName($"{name}GetDraft")
            .WithSummary("Extension: the saved answers for a resume token.").RequireRateLimiting(FormsDeliveryEndpoints.RateLimitPolicy);
        group.MapPut("/drafts/{id:guid}", UpdateAsync).WithName($"{name}UpdateDraft")
            .WithSummary("Extension: updates the saved answers for a resume token.").RequireRateLimiting(FormsDeliveryEndpoints.RateLimitPolicy);
        return group;
    }

    private static async Task<IResult> SaveAsync(Guid id, HttpContext http, FormStore forms, FormDraftService drafts, TimeProvider clock, CancellationToken ct)
    {
        var (form, posted, body, problem) = await ReadAsync(id, http, forms, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (form!.ClosesAt is { } closes && closes <= clock.GetUtcNow().UtcDateTime)
        {
            return FormsDeliveryEndpoints.Unprocessable(new Dictionary<string, string[]> { ["form"] = ["This form is closed and takes no more entries."] }, "The form is closed.");
        }

        var (files, fileErrors) = drafts.CheckUploads(form, posted!);
        if (fileErrors.Count > 0)
        {
            return FormsDeliveryEndpoints.Unprocessable(fileErrors.ToDictionary(), "One or more validation errors occurred.");
        }

        var address = body.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (!FormDraftService.IsEmail(address))
        {
            return FormsDeliveryEndpoints.Unprocessable(new Dictionary<string, string[]> { ["email"] = ["An email address is needed to send the resume link to."] },
                "One or more validation errors occurred.");
        }

        var (resumeToken, expires) = await drafts.SaveAsync(form, address!.Trim(), posted!, files, Page(body), ct);
        return TypedResults.Json(new { resumeToken, expiresAt = expires }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetAsync(Guid id, string? token, FormStore forms, FormDraftService drafts, CancellationToken ct) =>
        await forms.GetAsync(id, ct) is { } form && await drafts.FindAsync(form, token, ct) is { } draft
            ? TypedResults.Ok(new { values = draft.Values, files = draft.Files, currentPage = draft.CurrentPage, expiresAt = draft.ExpiresAt })
            : DraftNotFound();

    private static async Task<IResult> UpdateAsync(Guid id, string? token, HttpContext http, FormStore forms, FormDraftService drafts, CancellationToken ct)
    {
        var (form, posted, body, problem) = await ReadAsync(id, http, forms, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (files, fileErrors) = drafts.CheckUploads(form!, posted!);
        if (fileErrors.Count > 0)
        {
            return FormsDeliveryEndpoints.Unprocessable(fileErrors.ToDictionary(), "One or more validation errors occurred.");
        }

        return await drafts.UpdateAsync(form!, token, posted!, files, Page(body), ct) ? TypedResults.Ok() : DraftNotFound();
    }

    private static async Task<(FormDefinition? Form, PostedEntry? Posted, JsonElement Body, IResult? Problem)> ReadAsync(Guid id, HttpContext http, FormStore forms, CancellationToken ct)
    {
        // Saving writes data as an entry does, so browser posts need the antiforgery token here too.
        if (await FormsDeliveryEndpoints.AntiforgeryProblemAsync(http) is { } forged)
        {
            return (null, null, default, forged);
        }

        var (body, problem) = await FormsDeliveryEndpoints.ReadJsonAsync(http, "draft", ct);
        if (problem is not null)
        {
            return (null, null, default, problem);
        }

        if (!PostedEntry.TryParse(body, out var posted, out var shapeProblem))
        {
            return (null, null, body, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed draft", detail: shapeProblem));
        }

        return await forms.GetAsync(id, ct) is { } form ? (form, posted, body, null) : (null, null, body, FormsDeliveryEndpoints.NotFound());
    }

    private static int Page(JsonElement body) =>
        body.TryGetProperty("currentPage", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var n) ? Math.Max(0, n) : 0;

    private static IResult DraftNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found",
            detail: "No saved application matches this resume link; it may have expired or been submitted.");
}
