using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Content.Redirects;
using Mahse.Cms.Delivery.Caching;
using Mahse.Cms.Delivery.Querying;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
using Mahse.Cms.Members.Auth;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Validation.AspNetCore;
using Umbraco.Cms.Core.Security;
using Mahse.Cms.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Delivery.Http;

/// <summary>The Content Delivery API v2 content endpoints at Umbraco's paths.</summary>
public static class DeliveryContentEndpoints
{
    public const string Base = "/umbraco/delivery/api/v2/content";

    public static IEndpointRouteBuilder MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        var content = app.MapGroup(Base).WithTags("Content").AllowAnonymous().WithGroupName("delivery")
            .CacheOutput(new DeliveryOutputCachePolicy(DeliveryOutputCachePolicy.ContentTag))
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.Append("Vary", "Accept-Language, Preview, Start-Item");
                var settings = http.RequestServices.GetRequiredService<IOptions<DeliveryApiSettings>>().Value;
                if (!settings.Allows(http.Request, IsPreview(http)))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
                }

                return await next(context);
            });

        content.MapGet("", QueryAsync).WithName("GetContent2.0").WithSummary("Queries published content (fetch, filter, sort, skip, take).")
            .Produces<PagedApiContentResponseModel>().ProducesProblem(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status404NotFound);
        content.MapGet("/item/{id:guid}", ByIdAsync).WithName("GetContentItemById2.0").WithSummary("One published item by key.")
            .Produces<ApiContentResponseModel>().Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status403Forbidden).Produces(StatusCodes.Status404NotFound);
        content.MapGet("/item/{*path}", ByPathAsync).WithName("GetContentItemByPath2.0").WithSummary("One published item by route.")
            .Produces<ApiContentResponseModel>().Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status403Forbidden).Produces(StatusCodes.Status404NotFound);
        content.MapGet("/items", ItemsAsync).WithName("GetContentItems2.0").WithSummary("Several published items by key; unknown keys are left out.")
            .Produces<ApiContentResponseModel[]>().Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>Umbraco's RequestPreviewService: a preview only when the header is "true" (the access filter demands the key).</summary>
    private static bool IsPreview(HttpContext http) => string.Equals(http.Request.Headers["Preview"], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The member a request is for: a valid member access token in <c>Authorization: Bearer</c>. Anything else
    /// (no header, an expired, revoked or forged token, a backoffice token) is nobody.
    /// </summary>
    private static async Task<MemberIdentity?> MemberAsync(HttpContext http)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        return result.Succeeded ? MemberClaims.Read(result.Principal) : null;
    }

    /// <summary>Umbraco's answers for an item the reader may not see: 401 without a member, 403 for a member without access.</summary>
    private static IResult? Refusal(PublicAccessStatus status) => status switch
    {
        PublicAccessStatus.AccessAccepted => null,
        PublicAccessStatus.NotLoggedIn => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
    };

    /// <summary>The cache this request reads: drafts for a preview, the published cache otherwise.</summary>
    private static async ValueTask<ContentCache> SourceAsync(HttpContext http, CancellationToken ct) =>
        IsPreview(http)
            ? await http.RequestServices.GetRequiredService<DraftContentCache>().EnsureLoadedAsync(ct)
            : http.RequestServices.GetRequiredService<PublishedContentCache>();

    private static async Task<IResult> ByIdAsync(Guid id, string? expand, string? fields, HttpContext http, ApiContentBuilder builder, IOptions<DeliveryApiSettings> settings, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        var source = await SourceAsync(http, ct);
        StartItem(http, source, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        return await SingleAsync(http, source.Get(id), source, builder, settings.Value, selection, ct);
    }

    private static async Task<IResult> ByPathAsync(string? path, string? expand, string? fields, HttpContext http, ApiContentBuilder builder, IOptions<DeliveryApiSettings> settings, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        var source = await SourceAsync(http, ct);
        var start = StartItem(http, source, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        // ASP.NET Core leaves %2F encoded in route values.
        var route = Uri.UnescapeDataString(path ?? "/");

        // Umbraco's "preview-{key}": a draft that has no route of its own yet, by key.
        if (source is DraftContentCache && route.Trim('/') is var trimmed && trimmed.StartsWith(PreviewPathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return await SingleAsync(http, Guid.TryParse(trimmed[PreviewPathPrefix.Length..], out var key) ? source.Get(key) : null, source, builder, settings.Value, selection, ct);
        }

        var item = source.GetByRoute(route, start?.UrlSegment);
        if (item is null && source is PublishedContentCache && await http.RequestServices.GetRequiredService<RedirectUrlService>().FindAsync(route, start, ct) is { } moved)
        {
            return Redirect(http, moved);
        }

        return await SingleAsync(http, item, source, builder, settings.Value, selection, ct);
    }

    private const string PreviewPathPrefix = "preview-";

    /// <summary>Umbraco's answer for a tracked old URL: 301 to the item's current route, with its start item in headers.</summary>
    private static IResult Redirect(HttpContext http, PublishedContentItem moved)
    {
        http.Response.Headers["Location-Start-Item-Path"] = moved.StartItemSegment;
        http.Response.Headers["Location-Start-Item-Id"] = moved.StartItemKey.ToString("D");
        return TypedResults.Redirect(moved.Route, permanent: true);
    }

    private static async Task<IResult> ItemsAsync(Guid[]? id, string? expand, string? fields, HttpContext http, ApiContentBuilder builder, IOptions<DeliveryApiSettings> settings, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        var source = await SourceAsync(http, ct);
        var items = (id ?? []).Select(source.Get).OfType<PublishedContentItem>()
            .Where(i => !settings.Value.DisallowedContentTypeAliases.Contains(i.ContentTypeAlias, StringComparer.OrdinalIgnoreCase)).ToList();
        // Umbraco fails the whole request when any item is protected and the caller has no access.
        var member = await MemberAsync(http);
        var refused = items.Select(i => builder.Access(i, source, member)).Where(s => s != PublicAccessStatus.AccessAccepted).ToList();
        if (refused.Count > 0)
        {
            return Refusal(refused.Contains(PublicAccessStatus.NotLoggedIn) ? PublicAccessStatus.NotLoggedIn : PublicAccessStatus.AccessDenied)!;
        }

        var result = new JsonArray();
        foreach (var item in items)
        {
            result.Add(await builder.ContentAsync(item, ct, selection, source, member));
        }

        return TypedResults.Json(result);
    }

    private static async Task<IResult> QueryAsync(
        string? fetch, string[]? filter, string[]? sort, int? skip, int? take, string? expand, string? fields,
        HttpContext http, ApiContentQueryService queries, ApiContentBuilder builder, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        var source = await SourceAsync(http, ct);
        var start = StartItem(http, source, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        if (skip is < 0 || take is < 0)
        {
            return Problems.BadRequest(skip is < 0 ? "skip" : "take", "skip and take must be 0 or more.", "Invalid paging");
        }

        var member = await MemberAsync(http);
        var attempt = queries.Query(fetch, filter ?? [], sort ?? [], start?.Key, skip ?? 0, take ?? 10, member);
        if (!attempt.Success)
        {
            return DeliveryProblems.OptionNotFound(attempt.Status);
        }

        // Items that no longer load are dropped; total stays the index count, as in Umbraco.
        var loaded = attempt.Result.Keys.Select(source.Get).OfType<PublishedContentItem>().ToList();
        if (selection.IsDefault && member is null)
        {
            var rendered = new List<RenderedItemMemo.Rendered>(loaded.Count);
            foreach (var item in loaded)
            {
                rendered.Add(await RenderAsync(http, item, source, builder, selection, ct));
            }

            return new PagedRenderedJson(attempt.Result.Total, rendered);
        }

        var items = new JsonArray();
        foreach (var item in loaded)
        {
            items.Add(await builder.ContentAsync(item, ct, selection, source, member));
        }

        return TypedResults.Json(new JsonObject { ["total"] = attempt.Result.Total, ["items"] = items });
    }

    /// <summary>An item as the default expand/fields show it, from the rendered-item memo when it is current.</summary>
    private static async Task<RenderedItemMemo.Rendered> RenderAsync(
        HttpContext http, PublishedContentItem item, ContentCache source, ApiContentBuilder builder, ApiContentBuilder.Selection selection, CancellationToken ct)
    {
        var memo = http.RequestServices.GetRequiredService<RenderedItemMemo>();
        var schema = await http.RequestServices.GetRequiredService<SchemaCache>().GetAsync(ct);
        return await memo.GetOrRenderAsync(item, schema, async () => await builder.ContentAsync(item, ct, selection, source));
    }

    private static async Task<IResult> SingleAsync(
        HttpContext http, PublishedContentItem? item, ContentCache source, ApiContentBuilder builder, DeliveryApiSettings settings, ApiContentBuilder.Selection selection, CancellationToken ct)
    {
        if (item is null || settings.DisallowedContentTypeAliases.Contains(item.ContentTypeAlias, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        var member = await MemberAsync(http);
        if (Refusal(builder.Access(item, source, member)) is { } refusal)
        {
            return refusal;
        }

        // The memo holds the default shape as nobody-in-particular sees it; a member may see more (members-only pickers).
        if (member is not null || !selection.IsDefault)
        {
            return new ETaggedJson(RenderedItemMemo.Serialize(await builder.ContentAsync(item, ct, selection, source, member)));
        }

        return new ETaggedJson(await RenderAsync(http, item, source, builder, selection, ct));
    }

    /// <summary>The Start-Item header: a root item's key or URL segment. Unknown → 404 with Umbraco's string body.</summary>
    private static PublishedContentItem? StartItem(HttpContext http, ContentCache cache, out IResult? problem)
    {
        problem = null;
        var header = http.Request.Headers["Start-Item"].ToString().Trim().Trim('/');
        if (header.Length == 0)
        {
            return null;
        }

        var root = Guid.TryParse(header, out var key)
            ? cache.Get(key)
            : cache.Roots.FirstOrDefault(i => string.Equals(i.UrlSegment, header, StringComparison.OrdinalIgnoreCase));
        if (root is null || root.Level != 1)
        {
            problem = TypedResults.NotFound("The Start-Item could not be found");
            return null;
        }

        return root;
    }
}
