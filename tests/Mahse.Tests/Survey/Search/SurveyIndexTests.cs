using System.Net;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Mahse.Survey.Model;
using Mahse.Survey.Search;

namespace Mahse.Tests.Survey.Search;

/// <summary>
/// SurveyIndex on the real site: listed by Umbraco's Management API indexer endpoints (what Settings › Examine
/// Management shows), rebuilt from the table through them, searchable through Umbraco's searcher endpoint with English
/// stemming, and <see cref="SurveySearch"/>'s facets, ranges and highlights on the index the site built.
/// </summary>
public sealed class SurveyIndexTests(SurveyIndexFixture fixture) : IClassFixture<SurveyIndexFixture>
{
    private const string Api = "/umbraco/management/api/v1";

    [Fact]
    public async Task SurveyIndex_is_listed_with_Umbracos_indexes_healthy_and_rebuildable()
    {
        using var client = await fixture.Site.ManagementClientAsync();
        using var all = await GetJsonAsync(client, $"{Api}/indexer?take=100");
        var names = all.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Contains("ExternalIndex", names);
        Assert.Contains(SurveyIndex.IndexName, names);

        using var details = await GetJsonAsync(client, $"{Api}/indexer/{SurveyIndex.IndexName}");
        var index = details.RootElement;
        Assert.Equal("Healthy", index.GetProperty("healthStatus").GetProperty("status").GetString(), ignoreCase: true);
        Assert.True(index.GetProperty("canRebuild").GetBoolean());
        Assert.False(string.IsNullOrEmpty(index.GetProperty("searcherName").GetString()));
        Assert.Equal("EnglishAnalyzer", index.GetProperty("providerProperties").GetProperty("DefaultAnalyzer").GetString());
    }

    [Fact]
    public async Task A_rebuild_through_the_Management_API_indexes_every_stored_response()
    {
        var stored = await fixture.IndexedAsync();

        using var client = await fixture.Site.ManagementClientAsync();
        await Eventually(async () =>
        {
            using var details = await GetJsonAsync(client, $"{Api}/indexer/{SurveyIndex.IndexName}");
            var index = details.RootElement;
            Assert.Equal(stored, index.GetProperty("documentCount").GetInt64());
            Assert.Equal("Healthy", index.GetProperty("healthStatus").GetProperty("status").GetString(), ignoreCase: true);

            // The field list Examine Management counts: the facets, the six activity counts and the text fields at least.
            Assert.True(index.GetProperty("fieldCount").GetInt32() >= SurveyIndexFields.Facets.Count + SurveyIndexFields.Counts.Count + SurveyIndexFields.Text.Count,
                details.RootElement.ToString());
        });
    }

    [Fact]
    public async Task Umbracos_searcher_finds_responses_by_a_stemmed_word()
    {
        await fixture.IndexedAsync();
        using var client = await fixture.Site.ManagementClientAsync();

        // "calibration" and "calibrating" share the stem "calibr"; "mentoring" and "mentored" share "mentor".
        await Eventually(async () =>
        {
            Assert.Equal(["IDX-1"], await SearcherIdsAsync(client, "calibration"));
            Assert.Equal(["IDX-2"], await SearcherIdsAsync(client, "mentoring"));
        });
    }

    [Fact]
    public async Task SurveySearch_gives_facets_ranges_and_highlights_on_the_index_the_site_built()
    {
        await fixture.IndexedAsync();
        using var directory = FSDirectory.Open(new DirectoryInfo(fixture.Site.IndexFolder));
        using var reader = await CommittedAsync(directory, fixture.Responses.Count);
        var search = new SurveySearch(null!);
        var searcher = new IndexSearcher(reader);
        var analyzer = SurveyIndexFields.TextAnalyzer();

        // Facets of one organisation's responses: each facet value counted as the rows say.
        var organisation = SurveyIndexFixture.OrganisationA;
        var mine = fixture.Responses.Where(r => r.Organisation == organisation).ToList();
        var result = search.Search(searcher, analyzer, new SurveySearchRequest { Organisation = organisation, Take = 100 });
        Assert.Equal(mine.Count, result.Total);
        Assert.Equal(mine.Select(r => r.RespondentId).Order(), result.Hits.Select(h => h.RespondentId).Order());
        AssertFacet(mine.GroupBy(r => r.Division), result, SurveyIndexFields.Division);
        AssertFacet(mine.GroupBy(r => r.CareerStage), result, SurveyIndexFields.CareerStage);
        AssertFacet(mine.GroupBy(r => r.Champion ? "yes" : "no"), result, SurveyIndexFields.Champion);
        AssertFacet(mine.SelectMany(r => r.Barriers, (r, b) => (r, b)).GroupBy(x => x.b, x => x.r), result, SurveyIndexFields.Barrier);
        AssertFacet(mine.SelectMany(r => r.Activities.Where(a => a.Value > 0), (r, a) => (r, a.Key)).GroupBy(x => x.Key, x => x.r), result, SurveyIndexFields.Activity);
        Assert.Equal(new Dictionary<string, int> { [organisation] = mine.Count }, result.Facets[SurveyIndexFields.Organisation]);

        // A range on an activity count, with a facet filter.
        var ranged = search.Search(searcher, analyzer, new SurveySearchRequest
        {
            Organisation = organisation,
            Barrier = "time",
            Ranges = new Dictionary<string, SurveyRange> { ["research"] = new(2, 3) },
            Take = 100,
        });
        var expected = mine.Where(r => r.Barriers.Contains("time") && r.Research is >= 2 and <= 3).Select(r => r.RespondentId).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ranged.Hits.Select(h => h.RespondentId).Order());
        Assert.Equal(expected.Count, ranged.Total);

        // Text: stemmed, with the matching words of the comments marked; totals only when no hits are asked for.
        var text = search.Search(searcher, analyzer, new SurveySearchRequest { Text = "calibration audit", Take = 10 });
        var hit = Assert.Single(text.Hits);
        Assert.Equal("IDX-1", hit.RespondentId);
        Assert.True(hit.Score > 0);
        var highlight = Assert.Single(hit.Highlights);
        Assert.Contains("<mark>calibrating</mark>", highlight);
        Assert.Contains("<mark>auditing</mark>", highlight);
        var totals = search.Search(searcher, analyzer, new SurveySearchRequest { Text = "calibration", Take = 0 });
        Assert.Equal(1, totals.Total);
        Assert.Empty(totals.Hits);
        Assert.Equal(1, totals.Facets[SurveyIndexFields.Organisation].Values.Sum());

        // Bad syntax, or a range on something that is not an activity, is the caller's mistake.
        Assert.Throws<SurveySearchQueryException>(() => search.Search(searcher, analyzer, new SurveySearchRequest { Text = "\"unclosed" }));
        Assert.Throws<SurveySearchQueryException>(() => search.Search(searcher, analyzer,
            new SurveySearchRequest { Ranges = new Dictionary<string, SurveyRange> { ["comments"] = new(1, null) } }));
    }

    /// <summary>
    /// Retries an assertion for a while: Umbraco rebuilds every index a minute after a cold boot (a new site's first
    /// start), which empties SurveyIndex for a moment before filling it again.
    /// </summary>
    private static async Task Eventually(Func<Task> assertion)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static void AssertFacet<TKey>(IEnumerable<IGrouping<TKey, TestResponse>> expected, SurveySearchResult result, string facet)
        where TKey : notnull
    {
        var counts = expected.ToDictionary(g => g.Key.ToString()!, g => g.Count());
        Assert.Equal(counts.OrderBy(c => c.Key), result.Facets[facet].OrderBy(c => c.Key));
    }

    /// <summary>The index as last committed to disk, once it holds the expected responses (Examine commits in the background).</summary>
    private static async Task<DirectoryReader> CommittedAsync(Lucene.Net.Store.Directory directory, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var reader = DirectoryReader.Open(directory);
            if (reader.NumDocs >= atLeast || DateTime.UtcNow > deadline)
            {
                return reader;
            }

            reader.Dispose();
            await Task.Delay(500);
        }
    }

    private static async Task<IReadOnlyList<string>> SearcherIdsAsync(HttpClient client, string term)
    {
        using var json = await GetJsonAsync(client, $"{Api}/searcher/{SurveyIndex.IndexName}/query?term={Uri.EscapeDataString(term)}&take=100");
        return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}

/// <summary>The site, the responses written into its table, and a rebuild of SurveyIndex through the Management API (once per class).</summary>
public sealed class SurveyIndexFixture : IAsyncLifetime
{
    public const string OrganisationA = "Index Test Hospitals NHS Foundation Trust";
    public const string OrganisationB = "Index Test University";

    private readonly Lazy<Task<long>> _indexed;

    public SurveyIndexFixture() => _indexed = new Lazy<Task<long>>(RebuildAsync);

    public SurveyIndexSite Site { get; } = new();

    public IReadOnlyList<TestResponse> Responses { get; } = Make(30);

    public Task InitializeAsync() => Site.InitializeAsync();

    public Task DisposeAsync() => Site.DisposeAsync();

    /// <summary>Writes the responses, rebuilds SurveyIndex through the Management API and waits until it holds every stored response; the count.</summary>
    public Task<long> IndexedAsync() => _indexed.Value;

    private async Task<long> RebuildAsync()
    {
        await Site.Table.AddAsync(Responses);
        var stored = await Site.Table.CountAsync();
        using var client = await Site.ManagementClientAsync();
        using (var rebuild = await client.PostAsync("/umbraco/management/api/v1/indexer/SurveyIndex/rebuild", null))
        {
            Assert.True(rebuild.IsSuccessStatusCode, $"rebuild: {(int)rebuild.StatusCode} {await rebuild.Content.ReadAsStringAsync()}");
        }

        var deadline = DateTime.UtcNow.AddSeconds(90);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync("/umbraco/management/api/v1/indexer/SurveyIndex");
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(last);
                var status = json.RootElement.GetProperty("healthStatus").GetProperty("status").GetString();
                if (json.RootElement.GetProperty("documentCount").GetInt64() == stored && string.Equals(status, "Healthy", StringComparison.OrdinalIgnoreCase))
                {
                    return stored;
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"SurveyIndex did not reach {stored} documents after a rebuild: {last}\n{Site.Diagnostics()}");
    }

    private static List<TestResponse> Make(int count)
    {
        var divisions = SurveyVocabulary.Divisions;
        var stages = SurveyVocabulary.CareerStages;
        var responses = new List<TestResponse>();
        for (var i = 1; i <= count; i++)
        {
            var division = divisions[i % divisions.Count];
            var comments = i switch
            {
                1 => "We keep calibrating the analysers & auditing the results every week.",
                2 => "I mentored two trainees through their first service improvement project.",
                _ when i % 5 == 0 => null,
                _ => $"Routine laboratory work, response {i}.",
            };
            responses.Add(new TestResponse(
                $"IDX-{i}", i % 2 == 0 ? OrganisationA : OrganisationB, i % 2 == 0 ? "Greater Manchester" : "Cumbria", division,
                SurveyVocabulary.Specialisms[division][0], stages[i % stages.Count],
                Audit: i % 3, ServiceImprovement: i % 2, Research: i % 5, Innovation: i % 4 == 0 ? 1 : 0, Publication: i % 6 == 0 ? 2 : 0, Grants: i % 7 == 0 ? 1 : 0,
                Barriers: (i % 3) switch { 0 => ["time", "funding"], 1 => ["time"], _ => [] },
                Champion: i % 4 == 0,
                Comments: comments));
        }

        return responses;
    }
}
