namespace Mahse.Cms.Search;

public sealed record SiteSearchHit(Guid Key, string Name, string ContentType, string? Url, float Score, IReadOnlyList<string> Highlights);

public sealed record SiteSearchResult(long Total, IReadOnlyList<SiteSearchHit> Items, IReadOnlyList<FacetResult> Facets, IReadOnlyList<string> Suggestions);

/// <summary>
/// The portal's site search over ExternalIndex: full text with English stemming, facets by content type and
/// discipline, highlighted snippets and "did you mean". Members-only items are left out for callers who are not
/// signed-in members (member sign-in comes with the members issue, so today that is every caller).
/// </summary>
public sealed class SiteSearchService(IndexManager indexes, Content.PublishedCache.PublishedContentCache cache)
{
    private static readonly string[] SearchFields = ["nodeName", "title", "summary", "body", "keyQuestions", "guidance"];

    public SiteSearchResult Search(string text, string? contentType, string? discipline, int skip, int take)
    {
        var query = indexes.External.CreateQuery("content")
            .Group(q => q.ManagedQuery(text, SearchFields), BooleanOperation.Or);
        if (!string.IsNullOrWhiteSpace(contentType))
        {
            query.And().Field("nodeType", contentType);
        }

        if (!string.IsNullOrWhiteSpace(discipline))
        {
            query.And().Field("disciplines", discipline);
        }

        query.Not().Field("__Protected", "y");
        var results = query
            .WithFacets(f => f.FacetString("nodeType", 20).FacetString("disciplines", 10))
            .WithHighlight("body")
            .WithSuggestions("nodeName", text)
            .Execute(skip, take);
        var items = results.Hits.Select(h =>
        {
            var key = Guid.Parse(h["__Key"]!);
            var item = cache.Get(key);
            return new SiteSearchHit(key, h["nodeName"] ?? "", h["nodeType"] ?? "", item?.Route, h.Score,
                h.Highlights.Count > 0 ? h.Highlights : h["summary"] is { } summary ? [System.Net.WebUtility.HtmlEncode(summary)] : []);
        }).ToList();
        return new SiteSearchResult(results.TotalItemCount, items, results.Facets, results.Suggestions);
    }
}
