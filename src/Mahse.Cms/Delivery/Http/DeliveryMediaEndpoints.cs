using System.Text.Json.Nodes;
using Mahse.Cms.Delivery.Caching;
using Mahse.Cms.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Mahse.Cms.Delivery.Caching;

namespace Mahse.Cms.Delivery.Http;

/// <summary>
/// The Delivery API's media endpoints. As in Umbraco, media have no query extensions: fetch is children of a folder
/// (or the root), filters are mediaType and name, sorts are createDate, name, sortOrder and updateDate; paged in memory.
/// </summary>
public static class DeliveryMediaEndpoints
{
    public const string Base = "/umbraco/delivery/api/v2/media";

    public static IEndpointRouteBuilder MapDeliveryMediaApi(this IEndpointRouteBuilder app)
    {
        var media = app.MapGroup(Base).WithTags("Media").AllowAnonymous().WithGroupName("delivery")
            .CacheOutput(new DeliveryOutputCachePolicy(DeliveryOutputCachePolicy.MediaTag))
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var settings = http.RequestServices.GetRequiredService<IOptions<DeliveryApiSettings>>().Value;
                var allowed = settings.Enabled && settings.Media.Enabled
                              && ((settings.PublicAccess && settings.Media.PublicAccess) || settings.HasValidApiKey(http.Request));
                return allowed ? await next(context) : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
            });
        media.MapGet("", Query).WithName("GetMedia2.0").WithSummary("Children of a media folder (fetch=children:…), filtered and sorted.")
            .Produces<PagedApiMediaWithCropsResponseModel>().ProducesProblem(StatusCodes.Status400BadRequest);
        media.MapGet("/item/{id:guid}", (Guid id, string? expand, string? fields, PublishedMediaCache cache) => Single(cache.Get(id)))
            .WithName("GetMediaItemById2.0").WithSummary("One media item by key.")
            .Produces<ApiMediaWithCropsResponseModel>().Produces(StatusCodes.Status404NotFound);
        media.MapGet("/item/{*path}", (string? path, string? expand, string? fields, PublishedMediaCache cache) => Single(cache.GetByPath(Uri.UnescapeDataString(path ?? ""))))
            .WithName("GetMediaItemByPath2.0").WithSummary("One media item by folder names and name.")
            .Produces<ApiMediaWithCropsResponseModel>().Produces(StatusCodes.Status404NotFound);
        media.MapGet("/items", (Guid[]? id, string? expand, string? fields, PublishedMediaCache cache) =>
                TypedResults.Json(new JsonArray((id ?? []).Select(cache.Get).OfType<PublishedMediaItem>().Select(m => (JsonNode?)Response(m)).ToArray())))
            .WithName("GetMediaItems2.0").WithSummary("Several media items by key; unknown keys are left out.")
            .Produces<ApiMediaWithCropsResponseModel[]>();
        return app;
    }

    private static IResult Query(string? fetch, string[]? filter, string[]? sort, int? skip, int? take, string? expand, string? fields, PublishedMediaCache cache)
    {
        if (string.IsNullOrWhiteSpace(fetch) || !fetch.StartsWith("children:", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("The attempted 'fetch' option does not exist", statusCode: StatusCodes.Status400BadRequest, title: "Selector option not found", type: "Error");
        }

        var target = fetch["children:".Length..].Trim();
        Guid? parent = target is "" or "/" ? null
            : Guid.TryParse(target, out var key) ? key
            : cache.GetByPath(target)?.Key ?? Guid.Empty;
        IEnumerable<PublishedMediaItem> items = cache.All.Where(m => m.ParentKey == parent);
        foreach (var f in filter ?? [])
        {
            if (f.StartsWith("mediaType:", StringComparison.OrdinalIgnoreCase))
            {
                var types = f["mediaType:".Length..].TrimStart('!').Split(',', StringSplitOptions.RemoveEmptyEntries);
                var negate = f["mediaType:".Length..].StartsWith('!');
                items = items.Where(m => types.Contains(m.MediaType, StringComparer.OrdinalIgnoreCase) != negate);
            }
            else if (f.StartsWith("name:", StringComparison.OrdinalIgnoreCase))
            {
                var value = f["name:".Length..];
                var negate = value.StartsWith('!');
                items = items.Where(m => m.Name.Contains(value.TrimStart('!'), StringComparison.OrdinalIgnoreCase) != negate);
            }
            else
            {
                return TypedResults.Problem("One of the attempted 'filter' options does not exist", statusCode: StatusCodes.Status400BadRequest, title: "Filter option not found", type: "Error");
            }
        }

        IOrderedEnumerable<PublishedMediaItem>? ordered = null;
        foreach (var s in sort ?? [])
        {
            var parts = s.Split(':', 2);
            var descending = parts.Length < 2 || !parts[1].StartsWith("asc", StringComparison.Ordinal);
            Func<PublishedMediaItem, IComparable>? keySelector = parts[0].ToLowerInvariant() switch
            {
                "createdate" => m => m.CreateDate,
                "updatedate" => m => m.UpdateDate,
                "name" => m => m.Name,
                "sortorder" => m => m.SortOrder,
                _ => null,
            };
            if (keySelector is null)
            {
                return TypedResults.Problem("One of the attempted 'sort' options does not exist", statusCode: StatusCodes.Status400BadRequest, title: "Sort option not found", type: "Error");
            }

            ordered = ordered is null
                ? descending ? items.OrderByDescending(keySelector) : items.OrderBy(keySelector)
                : descending ? ordered.ThenByDescending(keySelector) : ordered.ThenBy(keySelector);
        }

        if (skip is < 0 || take is < 0)
        {
            return Problems.BadRequest(skip is < 0 ? "skip" : "take", "skip and take must be 0 or more.", "Invalid paging");
        }

        var list = (ordered ?? items.OrderBy(m => m.SortOrder)).ToList();
        var page = list.Skip(skip ?? 0).Take(take ?? 10).Select(m => (JsonNode?)Response(m)).ToArray();
        return TypedResults.Json(new JsonObject { ["total"] = list.Count, ["items"] = new JsonArray(page) });
    }

    private static IResult Single(PublishedMediaItem? item) =>
        item is null ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found") : new ETaggedJson(Response(item));

    /// <summary>Umbraco's IApiMediaWithCropsResponse, in its property order.</summary>
    private static JsonObject Response(PublishedMediaItem item) => new()
    {
        ["path"] = item.Path,
        ["createDate"] = item.CreateDate,
        ["updateDate"] = item.UpdateDate,
        ["focalPoint"] = item.FocalPoint?.DeepClone(),
        ["crops"] = item.Crops.DeepClone(),
        ["id"] = item.Key.ToString("D"),
        ["name"] = item.Name,
        ["mediaType"] = item.MediaType,
        ["url"] = item.Url,
        ["extension"] = item.Extension,
        ["width"] = item.Width,
        ["height"] = item.Height,
        ["bytes"] = item.Bytes,
        ["properties"] = new JsonObject(),
    };
}
