using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Delivery.Caching;
using Mahse.Cms.Delivery.Querying;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
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
                var preview = string.Equals(http.Request.Headers["Preview"], "true", StringComparison.OrdinalIgnoreCase);
                if (!settings.Allows(http.Request, preview))
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
                }

                if (preview)
                {
                    return Problems.Of(StatusCodes.Status501NotImplemented, "Preview is not available yet", null, []);
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

    private static async Task<IResult> ByIdAsync(Guid id, string? expand, string? fields, HttpContext http, PublishedContentCache cache, ApiContentBuilder builder, IOptions<DeliveryApiSettings> settings, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        StartItem(http, cache, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        return await SingleAsync(cache.Get(id), builder, settings.Value, selection, ct);
    }

    private static async Task<IResult> ByPathAsync(string? path, string? expand, string? fields, HttpContext http, PublishedContentCache cache, ApiContentBuilder builder, IOptions<DeliveryApiSettings> settings, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        var start = StartItem(http, cache, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        // ASP.NET Core leaves %2F encoded in route values.
        var route = Uri.UnescapeDataString(path ?? "/");
        return await SingleAsync(cache.GetByRoute(route, start?.UrlSegment), builder, settings.Value, selection, ct);
    }

    private static async Task<IResult> ItemsAsync(Guid[]? id, string? expand, string? fields, HttpContext http, PublishedContentCache cache, ApiContentBuilder builder, IOptions<DeliveryApiSettings> settings, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        var items = (id ?? []).Select(cache.Get).OfType<PublishedContentItem>()
            .Where(i => !settings.Value.DisallowedContentTypeAliases.Contains(i.ContentTypeAlias, StringComparer.OrdinalIgnoreCase)).ToList();
        if (items.Any(builder.IsProtected))
        {
            // Umbraco fails the whole request when any item is protected and the caller has no access.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        var result = new JsonArray();
        foreach (var item in items)
        {
            result.Add(await builder.ContentAsync(item, ct, selection));
        }

        return TypedResults.Json(result);
    }

    private static async Task<IResult> QueryAsync(
        string? fetch, string[]? filter, string[]? sort, int? skip, int? take, string? expand, string? fields,
        HttpContext http, PublishedContentCache cache, ApiContentQueryService queries, ApiContentBuilder builder, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        var start = StartItem(http, cache, out var problem);
        if (problem is not null)
        {
            return problem;
        }

        if (skip is < 0 || take is < 0)
        {
            return Problems.BadRequest(skip is < 0 ? "skip" : "take", "skip and take must be 0 or more.", "Invalid paging");
        }

        var attempt = queries.Query(fetch, filter ?? [], sort ?? [], start?.Key, skip ?? 0, take ?? 10);
        if (!attempt.Success)
        {
            return DeliveryProblems.OptionNotFound(attempt.Status);
        }

        // Items that no longer load are dropped; total stays the index count, as in Umbraco.
        var items = new JsonArray();
        foreach (var key in attempt.Result.Keys)
        {
            if (cache.Get(key) is { } item)
            {
                items.Add(await builder.ContentAsync(item, ct, selection));
            }
        }

        return TypedResults.Json(new JsonObject { ["total"] = attempt.Result.Total, ["items"] = items });
    }

    private static async Task<IResult> SingleAsync(PublishedContentItem? item, ApiContentBuilder builder, DeliveryApiSettings settings, ApiContentBuilder.Selection selection, CancellationToken ct)
    {
        if (item is null || settings.DisallowedContentTypeAliases.Contains(item.ContentTypeAlias, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        if (builder.IsProtected(item))
        {
            // No member is signed in (member auth comes with the members issue): 401, as Umbraco answers without a token.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return new ETaggedJson(await builder.ContentAsync(item, ct, selection));
    }

    /// <summary>The Start-Item header: a root item's key or URL segment. Unknown → 404 with Umbraco's string body.</summary>
    private static PublishedContentItem? StartItem(HttpContext http, PublishedContentCache cache, out IResult? problem)
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
