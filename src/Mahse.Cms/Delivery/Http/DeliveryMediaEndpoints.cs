using System.Text.Json.Nodes;
using Mahse.Cms.Delivery.Caching;
using Mahse.Cms.Delivery.Querying;
using Mahse.Cms.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;


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
        media.MapGet("/item/{id:guid}", (Guid id, string? expand, string? fields, PublishedMediaCache cache, ApiContentBuilder builder, CancellationToken ct) =>
                SingleAsync(cache.Get(id), expand, fields, builder, ct))
            .WithName("GetMediaItemById2.0").WithSummary("One media item by key.")
            .Produces<ApiMediaWithCropsResponseModel>().Produces(StatusCodes.Status404NotFound);
        media.MapGet("/item/{*path}", (string? path, string? expand, string? fields, PublishedMediaCache cache, ApiContentBuilder builder, CancellationToken ct) =>
                SingleAsync(cache.GetByPath(Uri.UnescapeDataString(path ?? "")), expand, fields, builder, ct))
            .WithName("GetMediaItemByPath2.0").WithSummary("One media item by folder names and name.")
            .Produces<ApiMediaWithCropsResponseModel>().Produces(StatusCodes.Status404NotFound);
        media.MapGet("/items", ItemsAsync)
            .WithName("GetMediaItems2.0").WithSummary("Several media items by key; unknown keys are left out.")
            .Produces<ApiMediaWithCropsResponseModel[]>();
        return app;
    }

    private static async Task<IResult> ItemsAsync(Guid[]? id, string? expand, string? fields, PublishedMediaCache cache, ApiContentBuilder builder, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        var result = new JsonArray();
        foreach (var item in (id ?? []).Select(cache.Get).OfType<PublishedMediaItem>())
        {
            result.Add(await builder.MediaAsync(item, ct, selection));
        }

        return TypedResults.Json(result);
    }

    private static async Task<IResult> Query(
        string? fetch, string[]? filter, string[]? sort, int? skip, int? take, string? expand, string? fields,
        PublishedMediaCache cache, ApiContentBuilder builder, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        if (string.IsNullOrWhiteSpace(fetch) || !fetch.StartsWith("children:", StringComparison.OrdinalIgnoreCase))
        {
            return DeliveryProblems.OptionNotFound(ApiContentQueryStatus.SelectorOptionNotFound);
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
                return DeliveryProblems.OptionNotFound(ApiContentQueryStatus.FilterOptionNotFound);
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
                return DeliveryProblems.OptionNotFound(ApiContentQueryStatus.SortOptionNotFound);
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
        var page = new JsonArray();
        foreach (var item in list.Skip(skip ?? 0).Take(take ?? 10))
        {
            page.Add(await builder.MediaAsync(item, ct, selection));
        }

        return TypedResults.Json(new JsonObject { ["total"] = list.Count, ["items"] = page });
    }

    private static async Task<IResult> SingleAsync(PublishedMediaItem? item, string? expand, string? fields, ApiContentBuilder builder, CancellationToken ct)
    {
        if (!ApiContentBuilder.Selection.TryParse(expand, fields, out var selection))
        {
            return DeliveryProblems.InvalidSelection();
        }

        return item is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not Found")
            : new ETaggedJson(RenderedItemMemo.Serialize(await builder.MediaAsync(item, ct, selection)));
    }
}
