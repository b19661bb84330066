using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Search;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Search;

/// <summary>Search on the real host with the MAHSE site loaded: Umbraco's indexes, Examine Management, site search.</summary>
public sealed class SearchApiTests(Sync.MahseSiteHost host) : IClassFixture<Sync.MahseSiteHost>
{
    private IndexManager Indexes => host.Services.GetRequiredService<IndexManager>();

    private async Task IdleAsync()
    {
        await host.Services.GetRequiredService<IndexingQueue>().WhenIdleAsync();
        foreach (var index in Indexes.Indexes)
        {
            index.WaitForChanges();
        }
    }

    [Fact]
    public async Task Start_up_builds_the_indexes_from_the_published_cache_and_the_database()
    {
        await IdleAsync();
        var published = host.Services.GetRequiredService<PublishedContentCache>().Count;

        Assert.Equal(published, Indexes.External.DocumentCount());
        Assert.Equal(published, Indexes.DeliveryApi.DocumentCount());
        Assert.True(Indexes.Internal.DocumentCount() >= published);
        Assert.Equal(0, Indexes.Members.DocumentCount());
    }

    [Fact]
    public async Task Site_search_stems_highlights_facets_and_filters()
    {
        await IdleAsync();
        var client = host.Anonymous();

        var results = await client.GetFromJsonAsync<JsonElement>("/mahse/api/v1/search?q=improve&take=5");

        Assert.True(results.GetProperty("total").GetInt64() >= 5);
        var items = results.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("highlights").EnumerateArray().Any(h => h.GetString()!.Contains("<mark>improv", StringComparison.OrdinalIgnoreCase)));
        Assert.All(items, i => Assert.StartsWith("/", i.GetProperty("url").GetString()));
        var nodeTypes = results.GetProperty("facets").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "nodeType");
        Assert.Contains(nodeTypes.GetProperty("values").EnumerateArray(), v => v.GetProperty("label").GetString() == "roadmapStage");

        var stagesOnly = await client.GetFromJsonAsync<JsonElement>("/mahse/api/v1/search?q=improvement&contentType=roadmapStage");
        Assert.All(stagesOnly.GetProperty("items").EnumerateArray(), i => Assert.Equal("roadmapStage", i.GetProperty("contentType").GetString()));

        var life = await client.GetFromJsonAsync<JsonElement>("/mahse/api/v1/search?q=blood&discipline=Life%20sciences");
        Assert.True(life.GetProperty("total").GetInt64() >= 1);
    }

    [Fact]
    public async Task Members_only_guidance_never_appears_in_anonymous_site_search()
    {
        await IdleAsync();

        // "finance business partner" appears only in the members-only implementation guidance.
        var results = await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/search?q=finance%20business%20partner");

        Assert.Equal(0, results.GetProperty("total").GetInt64());
        var inIndex = Indexes.External.CreateQuery().Field("body", "finance").Execute();
        Assert.Equal("y", Assert.Single(inIndex.Hits)["__Protected"]);
    }

    [Fact]
    public async Task Misspellings_get_a_did_you_mean()
    {
        await IdleAsync();
        var results = await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/search?q=fellowshps");
        Assert.Equal("fellowship", results.GetProperty("suggestions")[0].GetString());
    }

    [Fact]
    public async Task A_publish_is_searchable_within_two_seconds_and_unpublish_and_trash_remove_it()
    {
        await IdleAsync();
        var api = new ManagementApi(await host.ClientAsync());
        var home = host.Services.GetRequiredService<PublishedContentCache>().All.Single(i => i.Level == 1);
        var contentPage = (await api.Client.GetFromJsonAsync<JsonElement>($"{Base}/tree/document-type/root")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "Content page").GetProperty("id").GetGuid();
        var id = await api.CreateDocumentAsync(contentPage, "Zebrafish imaging", new JsonObject { ["title"] = "Zebrafish imaging network" }, home.Key);

        var started = DateTime.UtcNow;
        await api.PublishAsync(id);
        JsonElement found;
        do
        {
            found = await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/search?q=zebrafish");
        }
        while (found.GetProperty("total").GetInt64() == 0 && DateTime.UtcNow - started < TimeSpan.FromSeconds(2));

        Assert.Equal(id, found.GetProperty("items")[0].GetProperty("key").GetGuid());

        await EnsureAsync(await api.Client.PutAsJsonAsync($"{Base}/document/{id}/unpublish", new JsonObject()), HttpStatusCode.OK);
        await IdleAsync();
        Assert.Equal(0, (await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/search?q=zebrafish")).GetProperty("total").GetInt64());
        Assert.Single(Indexes.Internal.CreateQuery().Field("nodeName", "zebrafish").Execute().Hits);

        await EnsureAsync(await api.Client.PutAsync($"{Base}/document/{id}/move-to-recycle-bin", null), HttpStatusCode.OK);
        await IdleAsync();
        Assert.Empty(Indexes.Internal.CreateQuery().Field("nodeName", "zebrafish").Execute().Hits);
    }

    [Fact]
    public async Task Examine_management_lists_rebuilds_and_queries_indexes()
    {
        await IdleAsync();
        var admin = await host.ClientAsync();

        var list = await admin.GetFromJsonAsync<JsonElement>($"{Base}/indexer");
        Assert.Equal(["DeliveryApiContentIndex", "ExternalIndex", "InternalIndex", "MembersIndex", "SurveyIndex"],
            list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());
        var external = await admin.GetFromJsonAsync<JsonElement>($"{Base}/indexer/ExternalIndex");
        Assert.Equal("Healthy", external.GetProperty("healthStatus").GetProperty("status").GetString());
        Assert.True(external.GetProperty("documentCount").GetInt64() >= 60);
        Assert.True(external.GetProperty("fieldCount").GetInt32() > 10);
        Assert.Equal("umbraco/Data/TEMP/ExamineIndexes/ExternalIndex", external.GetProperty("providerProperties").GetProperty("LuceneIndexFolder").GetString());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Base}/indexer/ExternalIndex/rebuild", null)).StatusCode);
        await IdleAsync();
        Assert.True(Indexes.External.DocumentCount() >= 60);
        await ProblemAsync(await admin.PostAsync($"{Base}/indexer/NoSuchIndex/rebuild", null), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.ClientAsync("Editors")).PostAsync($"{Base}/indexer/ExternalIndex/rebuild", null)).StatusCode);

        var searchers = await admin.GetFromJsonAsync<JsonElement>($"{Base}/searcher");
        Assert.Contains(searchers.GetProperty("items").EnumerateArray(), s => s.GetProperty("name").GetString() == "ExternalIndexSearcher");
        var query = await admin.GetFromJsonAsync<JsonElement>($"{Base}/searcher/ExternalIndexSearcher/query?term=nodeType:roadmapstage&take=3");
        Assert.Equal(6, query.GetProperty("total").GetInt64());
        Assert.Equal(3, query.GetProperty("items").GetArrayLength());
        Assert.Contains(query.GetProperty("items")[0].GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "nodeName");
    }

    [Theory]
    [InlineData("/umbraco/management/api/v1/searcher/ExternalIndexSearcher/query?term=title:(unclosed", HttpStatusCode.BadRequest, "term")]
    [InlineData("/umbraco/management/api/v1/searcher/ExternalIndexSearcher/query?term=nodeName:x&skip=-1", HttpStatusCode.BadRequest, "term")]
    [InlineData("/umbraco/management/api/v1/searcher/ExternalIndexSearcher/query?term=nodeName:x&take=5000", HttpStatusCode.BadRequest, "term")]
    [InlineData("/umbraco/management/api/v1/searcher/ExternalIndexSearcher/query?term=nodeNmae:roadmap", HttpStatusCode.BadRequest, "term")]
    [InlineData("/umbraco/management/api/v1/searcher/NoSuchSearcher/query?term=x", HttpStatusCode.NotFound, null)]
    [InlineData("/umbraco/management/api/v1/indexer/NoSuchIndex", HttpStatusCode.NotFound, null)]
    [InlineData("/mahse/api/v1/search?q=", HttpStatusCode.BadRequest, "q")]
    [InlineData("/mahse/api/v1/search?q=roadmap&take=5000", HttpStatusCode.BadRequest, "take")]
    [InlineData("/mahse/api/v1/search?q=roadmap&skip=-3", HttpStatusCode.BadRequest, "skip")]
    public async Task Bad_queries_are_problem_details_naming_the_problem(string url, HttpStatusCode status, string? field)
    {
        var client = url.StartsWith("/mahse", StringComparison.Ordinal) ? host.Anonymous() : await host.ClientAsync();
        await ProblemAsync(await client.GetAsync(url), status, field);
    }
}
