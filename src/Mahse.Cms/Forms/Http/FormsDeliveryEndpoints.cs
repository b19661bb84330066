using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mahse.Cms.Content.PublicAccess;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Forms.Delivery;
using Mahse.Cms.Forms.Entries;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Members.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Validation.AspNetCore;

namespace Mahse.Cms.Forms.Http;

/// <summary>
/// The Umbraco Forms headless API at both generations of paths (Forms 14–17 and the Forms 13 alias):
/// definitions and entries, with Umbraco Forms' switches, API key, antiforgery, status codes and bodies.
/// </summary>
public static class FormsDeliveryEndpoints
{
    public const string Base = "/umbraco/forms/delivery/api/v1";
    public const string LegacyBase = "/umbraco/forms/api/v1";
    public const string RateLimitPolicy = "forms-entries";

    public static IEndpointRouteBuilder MapFormsDeliveryApi(this IEndpointRouteBuilder app)
    {
        foreach (var (path, name) in new[] { (Base, "FormsDelivery"), (LegacyBase, "FormsDelivery13") })
        {
            var group = app.MapGroup(path).WithTags("Forms").WithGroupName("forms").DisableAntiforgery().AddEndpointFilter(AccessFilter);
            group.MapGet("/definitions/{id:guid}", GetDefinitionAsync).WithName($"{name}GetDefinition").WithSummary("A form's definition, for a client to render it.")
                .Produces<FormDto>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
            group.MapPost("/entries/{id:guid}", PostEntryAsync).WithName($"{name}PostEntry").WithSummary("Submits an entry; 202 when accepted, 422 with errors by field alias.")
                .Accepts<FormEntryDto>("application/json").Produces(StatusCodes.Status202Accepted)
                .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .RequireRateLimiting(RateLimitPolicy);
            group.MapFormDrafts(name);
        }

        return app;
    }

    /// <summary>Umbraco Forms' gate: the API switched on, and the configured Api-Key (compared in constant time).</summary>
    private static async ValueTask<object?> AccessFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<IOptions<FormsSettings>>().Value;
        if (!settings.Options.EnableFormsApi)
        {
            return Forbidden("The Forms API is not enabled.");
        }

        if (!string.IsNullOrEmpty(settings.Security.FormsApiKey))
        {
            var given = http.Request.Headers["Api-Key"].ToString();
            if (given.Length == 0)
            {
                return Forbidden("An API key has been configured for the Umbraco Forms API but no key was found in the request's 'Api-Key' header.");
            }

            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(settings.Security.FormsApiKey))))
            {
                return Forbidden("An API key has been configured for the Umbraco Forms API but the value provided in the request's 'Api-Key' header does not match.");
            }
        }

        return await next(context);
    }

    private static async Task<IResult> GetDefinitionAsync(
        Guid id, string? culture, string? contentId, HttpRequest request, FormStore forms, PreValueSources sources, FormDtoBuilder builder, PublishedContentCache published,
        PublicAccessRules access, CancellationToken ct)
    {
        if (InvalidCulture(culture) is { } problem)
        {
            return problem;
        }

        if (await forms.GetAsync(id, ct) is not { } form)
        {
            return NotFound();
        }

        var magic = new FormMagicStrings(MagicPage(contentId, published, access), published, FormMagicStrings.AdditionalDataFrom(request.Query), request);
        return TypedResults.Json(builder.Build(await sources.ApplyAsync(form, ct), magic));
    }

    private static async Task<IResult> PostEntryAsync(
        Guid id, HttpContext http, FormStore forms, FormDtoBuilder builder, EntrySubmissionService submissions, PublishedContentCache published,
        IOptions<FormsSettings> settings, IOptions<FormUploadLimits> limits, TimeProvider clock, ILogger<FormsDeliveryLog> logger, CancellationToken ct)
    {
        if (settings.Value.Security.EnableAntiForgeryTokenForFormsApi)
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid",
                    detail: "Browser posts need the antiforgery token in the 'RequestVerificationToken' header; server-to-server clients use an API key instead.");
            }
        }

        if (!http.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: "Send the entry as application/json.");
        }

        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: ct)).RootElement;
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed entry", detail: $"Could not read the entry as JSON: {ex.Message}");
        }

        var posted = PostedEntry.Parse(body, out var entryShapeProblem);
        if (posted is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed entry", detail: entryShapeProblem);
        }

        if (InvalidCulture(posted.Culture) is { } cultureProblem)
        {
            return cultureProblem;
        }

        if (await forms.GetAsync(id, ct) is not { } stored)
        {
            return NotFound();
        }

        var form = await http.RequestServices.GetRequiredService<PreValueSources>().ApplyAsync(stored, ct);

        // Honeypot: the field Umbraco's theme renders (named after the form id) is filled only by bots. Fake success, keep nothing.
        if (posted.Values.TryGetValue(form.Id.ToString("N"), out var trap) && trap.Any(v => v.Length > 0))
        {
            logger.LogInformation("Honeypot filled on form {Form}; the entry was not stored", form.Id);
            return TypedResults.Json(builder.Accepted(form), statusCode: StatusCodes.Status202Accepted);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PublishedContentItem? content = null;
        if (!string.IsNullOrWhiteSpace(posted.ContentId))
        {
            content = int.TryParse(posted.ContentId, out var contentInt) ? published.Get(contentInt)
                : Guid.TryParse(posted.ContentId, out var contentKey) ? published.Get(contentKey) : null;
            if (content is null)
            {
                errors["contentKey"] = [$"Content with identifier '{posted.ContentId}' could not be found."];
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (ClosedAt(form, content) is { } closed && closed <= now)
        {
            return Unprocessable(new Dictionary<string, string[]> { ["form"] = [$"This form closed on {closed:d MMMM yyyy 'at' HH:mm} UTC and takes no more entries."] },
                "The form is closed.");
        }

        // A saved draft's files stand in for upload fields the submission leaves empty.
        var draftToken = body.TryGetProperty("draftToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        if (draftToken is not null)
        {
            posted = await http.RequestServices.GetRequiredService<FormDraftService>().WithSavedFilesAsync(form, draftToken, posted, ct);
        }

        var magic = new FormMagicStrings(MagicPage(posted.ContentId, published, http.RequestServices.GetRequiredService<PublicAccessRules>()), published, posted.AdditionalData, http.Request);
        var validation = EntryValidator.Validate(form, posted, settings.Value, limits.Value, content?.Properties, magic);
        foreach (var (alias, messages) in validation.Errors)
        {
            errors[alias] = messages.ToArray();
        }

        if (errors.Count == 0)
        {
            foreach (var (alias, message) in await http.RequestServices.GetRequiredService<RecaptchaVerifier>().VerifyAsync(form, posted, ct))
            {
                errors[alias] = [message];
            }
        }

        if (errors.Count > 0)
        {
            return Unprocessable(errors, "One or more validation errors occurred.");
        }

        // Finishing a saved draft ends it first: a replayed resume token cannot submit the same application twice.
        if (draftToken is not null && !await http.RequestServices.GetRequiredService<FormDraftService>().EndAsync(form.Id, draftToken, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Draft already submitted or expired",
                detail: "This saved application was already submitted, or its resume link has expired.");
        }

        var member = await MemberAsync(http);
        await submissions.StoreAsync(form, validation, posted, content?.Key, member, ct);
        return TypedResults.Json(builder.Accepted(form), statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// The hosting page whose properties magic strings may show: an int id or a GUID, ignored when unknown (as Umbraco
    /// Forms does) and when members-only, since anyone can name any page in the query string.
    /// </summary>
    private static PublishedContentItem? MagicPage(string? contentId, PublishedContentCache published, PublicAccessRules access)
    {
        var page = int.TryParse(contentId, out var contentInt) ? published.Get(contentInt) : Guid.TryParse(contentId, out var contentKey) ? published.Get(contentKey) : null;
        return page is not null && access.For(page, published) is null ? page : null;
    }

    /// <summary>The earlier of the form's own closing time and the closing date of the call page it is posted from.</summary>
    private static DateTime? ClosedAt(FormDefinition form, PublishedContentItem? content)
    {
        DateTime? fromContent = content?.Properties.TryGetValue("closes", out var closes) == true && closes is not null
            && DateTime.TryParse(closes.ToString().Trim('"'), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date : null;
        return new[] { form.ClosesAt, fromContent }.Where(d => d is not null).Min();
    }

    private static async Task<Guid?> MemberAsync(HttpContext http)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        return result.Succeeded ? MemberClaims.Read(result.Principal)?.Key : null;
    }

    private static IResult? InvalidCulture(string? culture)
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

    /// <summary>Umbraco Forms' 422: ASP.NET Core's ValidationProblemDetails with errors by field alias.</summary>
    internal static IResult Unprocessable(IDictionary<string, string[]> errors, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status422UnprocessableEntity, Title = title });

    private static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: "https://httpstatuses.io/403", detail: detail);

    internal static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found", detail: "The form could not be found.");
}

/// <summary>Category name for the API's log lines.</summary>
public sealed class FormsDeliveryLog;
