using Mahse.Cms.Infrastructure;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mahse.Cms.Search.Http;

public sealed record IndexHealthModel(string Status, string? Message);

public sealed record IndexResponseModel(
    string Name,
    IndexHealthModel HealthStatus,
    bool CanRebuild,
    string SearcherName,
    long? DocumentCount,
    int? FieldCount,
    IReadOnlyDictionary<string, object?> ProviderProperties);

public sealed record SearcherResponseModel(string Name);

public sealed record FieldPresentationModel(string Name, IReadOnlyList<string> Values);

public sealed record SearchResultResponseModel(string Id, float Score, IReadOnlyList<FieldPresentationModel> Fields);

/// <summary>Examine Management at Umbraco's Management API paths, and the portal's public site search.</summary>
public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchManagement(this RouteGroupBuilder api)
    {
        api.MapGet("/indexer", (int? skip, int? take, IndexManager indexes, IndexingQueue queue) =>
            {
                var all = indexes.Indexes.Select(i => Present(i, indexes, queue)).ToList();
                return TypedResults.Ok(new PagedModel<IndexResponseModel>(all.Count, all.Skip(skip ?? 0).Take(take ?? 100).ToList()));
            })
            .WithTags("Indexer").WithName("GetIndexers").WithSummary("The indexes, with health, document and field counts.");
        api.MapGet("/indexer/{indexName}", (string indexName, IndexManager indexes, IndexingQueue queue) =>
                indexes.TryGetIndex(indexName, out var index) ? (IResult)TypedResults.Ok(Present(index, indexes, queue)) : Problems.NotFound("index"))
            .WithTags("Indexer").WithName("GetIndexerByName").WithSummary("One index.");
        api.MapPost("/indexer/{indexName}/rebuild", (string indexName, IndexManager indexes, IndexingQueue queue) =>
            {
                if (!indexes.TryGetIndex(indexName, out var index))
                {
                    return (IResult)Problems.NotFound("index");
                }

                return queue.EnqueueRebuild(index)
                    ? TypedResults.Ok()
                    : Problems.Of(StatusCodes.Status409Conflict, "Rebuild already running", "Rebuilding", [new FieldError("indexName", $"{index.Name} is already being rebuilt.")]);
            })
            .WithTags("Indexer").WithName("RebuildIndexer").WithSummary("Rebuilds an index in the background into a shadow copy, then swaps it in.")
            .RequireAuthorization(BackOfficePolicies.ManageSettings).DisableAntiforgery();
        api.MapGet("/searcher", (IndexManager indexes) =>
            {
                var searchers = indexes.Indexes.Select(i => new SearcherResponseModel(UmbracoIndexes.SearcherName(i.Name))).ToList();
                return TypedResults.Ok(new PagedModel<SearcherResponseModel>(searchers.Count, searchers));
            })
            .WithTags("Searcher").WithName("GetSearchers").WithSummary("The searchers, one per index.");
        api.MapGet("/searcher/{searcherName}/query", (string searcherName, string? term, int? skip, int? take, IndexManager indexes) =>
            {
                if (!indexes.TryGetSearcher(searcherName, out var index))
                {
                    return (IResult)Problems.NotFound("searcher");
                }

                if (string.IsNullOrWhiteSpace(term))
                {
                    return Problems.BadRequest("term", "A query term is required.");
                }

                try
                {
                    var results = index.CreateQuery().NativeQuery(term).Execute(skip ?? 0, take ?? 100);
                    var items = results.Hits.Select(h => new SearchResultResponseModel(h.Id, h.Score,
                        h.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new FieldPresentationModel(v.Key, v.Value)).ToList())).ToList();
                    return TypedResults.Ok(new PagedModel<SearchResultResponseModel>(results.TotalItemCount, items));
                }
                catch (SearchQueryException ex)
                {
                    return Problems.BadRequest("term", ex.Message, "Invalid query");
                }
            })
            .WithTags("Searcher").WithName("GetSearcherQuery").WithSummary("Runs a Lucene query on one index (Examine Management's search).");
        return api;
    }

    public static IEndpointRouteBuilder MapSiteSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/mahse/api/v1/search", (string? q, string? contentType, string? discipline, int? skip, int? take, SiteSearchService search) =>
            {
                if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
                {
                    return (IResult)Problems.BadRequest("q", "Give a search text of 1 to 200 characters.");
                }

                try
                {
                    return TypedResults.Ok(search.Search(q, contentType, discipline, skip ?? 0, take ?? 10));
                }
                catch (SearchQueryException ex)
                {
                    return Problems.BadRequest(ex.Message.Contains("skip") ? "skip" : ex.Message.Contains("take") ? "take" : "q", ex.Message, "Invalid search");
                }
            })
            .WithName("SiteSearch").WithSummary("Full-text search of published content, with facets, highlights and suggestions.")
            .AllowAnonymous();
        return app;
    }

    private static IndexResponseModel Present(LuceneIndex index, IndexManager indexes, IndexingQueue queue)
    {
        var (status, message) = index.Health();
        long? documents = null;
        int? fields = null;
        if (status == IndexHealth.Healthy)
        {
            try
            {
                documents = index.DocumentCount();
                fields = index.FieldNames().Count;
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                (status, message) = (IndexHealth.Unhealthy, ex.Message);
            }
        }

        var properties = new Dictionary<string, object?>
        {
            ["CommitCount"] = index.CommitCount,
            ["DefaultAnalyzer"] = index.Options.Analyzer.ToString(),
            ["LuceneDirectory"] = "FSDirectory",
            ["LuceneIndexFolder"] = Path.GetRelativePath(indexes.ContentRoot, index.IndexPath).Replace('\\', '/'),
            ["RebuildProgress"] = queue.RebuildProgress.TryGetValue(index.Name, out var progress) && progress >= 0 && index.IsRebuilding ? progress : null,
        };
        return new IndexResponseModel(index.Name, new IndexHealthModel(status.ToString(), message), index != indexes.Members,
            UmbracoIndexes.SearcherName(index.Name), status == IndexHealth.Rebuilding ? null : documents, status == IndexHealth.Rebuilding ? null : fields, properties);
    }
}
