using System.Globalization;
using System.Text.Json;
using Mahse.Forms.Configuration;
using Mahse.Forms.Delivery;
using Mahse.Forms.Drafts;
using Mahse.Forms.Entries;
using Mahse.Forms.Model;
using Mahse.Forms.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models.PublishedContent;

namespace Mahse.Forms.Http;

/// <summary>
/// The Forms API, compatible with Umbraco Forms' headless API at both generations of its paths (Forms 14–17 and
/// the Forms 13 alias): definitions and entries with Umbraco Forms' switches, API key, antiforgery, status codes and
/// bodies, plus MAHSE's save and resume (<see cref="FormDraftEndpoints"/>).
/// </summary>
public static class FormsDeliveryEndpoints
{
    public const string Base = "/umbraco/forms/delivery/api/v1";
    public const string LegacyBase = "/umbraco/forms/api/v1";
    public const string RateLimitPolicy = "mahse-forms-entries";

    public static IEndpointRouteBuilder MapFormsDeliveryApi(this IEndpointRouteBuilder app)
    {
        foreach (var (path, name) in new[] { (Base, "MahseFormsDelivery"), (LegacyBase, "MahseFormsDelivery13") })
        {
            var group = app.MapGroup(path).WithTags("Forms").WithGroupName(FormsApiDocument.Name)
                .DisableAntiforgery() // checked by hand on posts only, as Umbraco Forms does, with its own problem body
                .AddEndpointFilter(FormsApiAccess.FilterAsync);
            group.MapGet("/definitions/{id:guid}", GetDefinitionAsync).WithName($"{name}GetDefinition")
                .WithSummary("A form's definition, for a client to render it.")
                .Produces<FormDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
            group.MapPost("/entries/{id:guid}", PostEntryAsync).WithName($"{name}PostEntry")
                .WithSummary("Submits an entry; 202 when accepted, 422 with errors by field alias.")
                .Accepts<FormEntryDto>("application/json").Produces(StatusCodes.Status202Accepted)
                .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .RequireRateLimiting(RateLimitPolicy);
            group.MapFormDrafts(name);
        }

        return app;
    }

    private static async Task<IResult> GetDefinitionAsync(
        Guid id, string? culture, string? contentId, HttpRequest request, FormStore forms, PreValueSources sources, FormDtoBuilder builder,
        PublishedFormPages pages, CancellationToken ct)
    {
        if (InvalidCulture(culture) is { } problem)
        {
            return problem;
        }

        if (await forms.GetAsync(id, ct) is not { } form)
        {
            return NotFound();
        }

        // An unknown contentId is ignored on GET, as in Umbraco Forms; a members-only page feeds no magic strings.
        var magic = new FormMagicStrings(pages.MagicPage(contentId), pages, FormMagicStrings.AdditionalDataFrom(request.Query), request);
        return TypedResults.Json(builder.Build(await sources.ApplyAsync(form, ct), magic));
    }

    private static async Task<IResult> PostEntryAsync(Guid id, HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        if (await AntiforgeryProblemAsync(http) is { } forged)
        {
            return forged;
        }

        var (body, bodyProblem) = await ReadJsonAsync(http, "entry", ct);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (!PostedEntry.TryParse(body, out var posted, out var shapeProblem))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed entry", detail: shapeProblem);
        }

        if (InvalidCulture(posted.Culture) is { } cultureProblem)
        {
            return cultureProblem;
        }

        if (await services.GetRequiredService<FormStore>().GetAsync(id, ct) is not { } stored)
        {
            return NotFound();
        }

        var form = await services.GetRequiredService<PreValueSources>().ApplyAsync(stored, ct);
        var builder = services.GetRequiredService<FormDtoBuilder>();

        // Honeypot: the field Umbraco Forms' theme renders (named after the form id without dashes) is filled only by
        // bots. As Umbraco Forms does, fake success and keep nothing.
        if (posted.Values.TryGetValue(form.Id.ToString("N"), out var trap) && trap.Any(v => v.Length > 0))
        {
            services.GetRequiredService<ILogger<FormsDeliveryLog>>().LogInformation("Honeypot filled on form {Form}; the entry was not stored", form.Id);
            return TypedResults.Json(builder.Accepted(form), statusCode: StatusCodes.Status202Accepted);
        }

        var pages = services.GetRequiredService<PublishedFormPages>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        IPublishedContent? page = null;
        if (!string.IsNullOrWhiteSpace(posted.ContentId))
        {
            page = pages.Find(posted.ContentId);
            if (page is null)
            {
                errors["contentKey"] = [$"Content with identifier '{posted.ContentId}' could not be found."];
            }
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (ClosesAt(form, page) is { } closes && closes <= now)
        {
            return Unprocessable(new Dictionary<string, string[]>
            {
                ["form"] = [$"This form closed on {closes.ToString("d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture)} UTC and takes no more entries."],
            }, "The form is closed.");
        }

        // A saved draft's files stand in for upload fields the submission leaves empty.
        var draftToken = body.TryGetProperty("draftToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        var drafts = services.GetRequiredService<FormDraftService>();
        if (!string.IsNullOrEmpty(draftToken))
        {
            posted = await drafts.WithSavedFilesAsync(form, draftToken, posted, ct);
        }

        var magic = new FormMagicStrings(pages.MagicPage(posted.ContentId), pages, posted.AdditionalData, http.Request);
        var validation = services.GetRequiredService<EntryValidator>().Validate(form, posted, magic,
            page is null || pages.IsMembersOnly(page) ? null : alias => PublishedFormPages.Text(page, alias));
        foreach (var (alias, messages) in validation.Errors)
        {
            errors[alias] = messages;
        }

        if (errors.Count == 0)
        {
            foreach (var (alias, message) in await services.GetRequiredService<RecaptchaVerifier>().VerifyAsync(form, posted, ct))
            {
                errors[alias] = [message];
            }
        }

        if (errors.Count > 0)
        {
            return Unprocessable(errors, "One or more validation errors occurred.");
        }

        // Finishing a saved draft ends it first: a replayed resume token cannot submit the same application twice.
        if (!string.IsNullOrEmpty(draftToken) && !await drafts.EndAsync(form.Id, draftToken, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Draft already submitted or expired",
                detail: "This saved application was already submitted, or its resume link has expired.");
        }

        var member = await MemberKeyAsync(http);
        await services.GetRequiredService<EntrySubmissionService>().StoreAsync(form, validation, posted, page?.Key, member, ct);
        return TypedResults.Json(builder.Accepted(form), statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The body as JSON, or the problem: 415 for another media type, 413 past the server's limit, 400 for broken JSON.</summary>
    internal static async Task<(JsonElement Body, IResult? Problem)> ReadJsonAsync(HttpContext http, string what, CancellationToken ct)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (default, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the {what} as application/json."));
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (default, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Malformed {what}",
                detail: $"Could not read the {what} as JSON: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large",
                detail: "The request is larger than the server accepts; send smaller files."));
        }
    }

    /// <summary>A 400 problem when the post needs the antiforgery token (see <see cref="FormsApiAccess.NeedsAntiforgery"/>) and lacks a valid one.</summary>
    internal static async Task<IResult?> AntiforgeryProblemAsync(HttpContext http)
    {
        if (!FormsApiAccess.NeedsAntiforgery(http.RequestServices.GetRequiredService<IOptionsMonitor<FormsSettings>>().CurrentValue))
        {
            return null;
        }

        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid",
                detail: "Browser posts need the antiforgery token in the 'RequestVerificationToken' header; server-to-server clients use an API key instead.");
        }
    }

    /// <summary>
    /// The member a Delivery API member access token names (Umbraco's member authorisation), through Umbraco's own
    /// request member service; null for a visitor, a backoffice token or an invalid one.
    /// </summary>
    private static async Task<Guid?> MemberKeyAsync(HttpContext http)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var access = http.RequestServices.GetService<IRequestMemberAccessService>();
        return access is null ? null : (await access.MemberAccessAsync()).MemberKey;
    }

    /// <summary>The earlier of the form's own closing time and the closing date (<c>closes</c>) of the page it is posted from.</summary>
    private static DateTime? ClosesAt(FormDefinition form, IPublishedContent? page)
    {
        DateTime? fromPage = page is not null && PublishedFormPages.Text(page, "closes") is { } text
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;
        return new[] { form.ClosesAt, fromPage }.Where(d => d is not null).Min();
    }

    internal static IResult? InvalidCulture(string? culture)
    {
        if (string.IsNullOrWhiteSpace(culture))
        {
            return null;
        }

        try
        {
            CultureInfo.GetCultureInfo(culture, predefinedOnly: true);
            return null;
        }
        catch (CultureNotFoundException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unrecognized culture code",
                detail: $"The provided value of '{culture}' for the 'culture' parameter was not recognized as a valid culture code.");
        }
    }

    /// <summary>Umbraco Forms' 422: ASP.NET Core's validation problem with errors by field alias.</summary>
    internal static IResult Unprocessable(IDictionary<string, string[]> errors, string title) =>
        Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: title);

    internal static IResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "The form could not be found.");
}

/// <summary>Category name for the API's log lines.</summary>
public sealed class FormsDeliveryLog;
