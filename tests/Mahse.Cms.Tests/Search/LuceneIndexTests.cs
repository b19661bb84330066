using Mahse.Cms.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mahse.Cms.Tests.Search;

/// <summary>The index layer on a real Lucene index in a temporary folder.</summary>
public sealed class LuceneIndexTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mahse-index-tests", Guid.NewGuid().ToString("N"));

    private static readonly SearchIndexOptions SurveyOptions = new("TestIndex", IndexAnalyzer.EnglishStemming,
    [
        new FieldDefinition("title", FieldDefinitionTypes.FullTextSortable),
        new FieldDefinition("division", FieldDefinitionTypes.Raw, Facet: true),
        new FieldDefinition("region", FieldDefinitionTypes.Raw, Facet: true),
        new FieldDefinition("code", FieldDefinitionTypes.Raw),
        new FieldDefinition("email", FieldDefinitionTypes.EmailAddress),
        new FieldDefinition("projects", FieldDefinitionTypes.Integer),
        new FieldDefinition("award", FieldDefinitionTypes.Double),
        new FieldDefinition("opens", FieldDefinitionTypes.DateTime),
    ]);

    private LuceneIndex Open() => new(SurveyOptions, _folder, NullLogger.Instance);

    private static ValueSet Item(string id, string title, string body, string division, string region, int projects, double award = 0, string? email = null) =>
        ValueSet.Create(id, "content", "surveyResponse", new Dictionary<string, object?>
        {
            ["title"] = title,
            ["body"] = body,
            ["division"] = division,
            ["region"] = region,
            ["projects"] = projects,
            ["award"] = award,
            ["opens"] = new DateTime(2026, 10, projects % 28 + 1, 0, 0, 0, DateTimeKind.Utc),
            ["email"] = email,
        });

    private static LuceneIndex Seeded(LuceneIndex index)
    {
        index.IndexItems(
        [
            Item("1", "Improving blood test turnaround", "We measured turnaround times and ran improvement cycles", "Life sciences", "Greater Manchester", 3, 5000, "lead@trust.nhs.uk"),
            Item("2", "Audiology clinic redesign", "Improvements to clinic scheduling for hearing tests", "Physiological sciences", "Cumbria", 1, 2500),
            Item("3", "Radiotherapy planning audit", "An audit of planning times", "Physical sciences and biomedical engineering", "Greater Manchester", 7, 9000),
            Item("4", "Genomics data pipeline", "Innovation in clinical bioinformatics pipelines", "Clinical bioinformatics", "Cheshire and Merseyside", 0),
            Item("5", "Blood bank stock control", "Reducing wasted blood units", "Life sciences", "Lancashire and South Cumbria", 5, 1000),
        ]);
        index.WaitForChanges();
        return index;
    }

    [Fact]
    public void Field_queries_use_the_field_type_and_english_stemming()
    {
        using var index = Seeded(Open());

        // "improve" finds "improving", "improvement", "improvements": the stemming analyzer at work.
        var stemmed = index.CreateQuery("content").Field("body", "improve").Execute();
        Assert.Equal(["1", "2"], stemmed.Hits.Select(h => h.Id).Order().ToArray());

        Assert.Equal("4", index.CreateQuery().Field("division", "Clinical bioinformatics").Execute().Hits.Single().Id);
        Assert.Empty(index.CreateQuery().Field("division", "clinical bioinformatics").Execute().Hits);
        Assert.Equal("1", index.CreateQuery().Field("email", "lead").Execute().Hits.Single().Id);
        Assert.Equal("3", index.CreateQuery().Field("projects", 7).Execute().Hits.Single().Id);
        Assert.Equal(["3", "5"], index.CreateQuery().RangeQuery<int>(["projects"], 5, null).Execute().Hits.Select(h => h.Id).Order().ToArray());
        Assert.Equal(2, index.CreateQuery().RangeQuery<double>(["award"], 2000, 6000).Execute().TotalItemCount);
        Assert.Throws<SearchQueryException>(() => index.CreateQuery().Field("projects", "many").Execute());
    }

    [Fact]
    public void Boolean_operations_groups_fuzzy_wildcards_phrases_and_boosts()
    {
        using var index = Seeded(Open());

        var andNot = index.CreateQuery().Field("division", "Life sciences").Not().Field("body", "blood units").Execute();
        Assert.Equal("1", andNot.Hits.Single().Id);

        var grouped = index.CreateQuery().GroupedOr(["region"], "Cumbria", "Cheshire and Merseyside").Execute();
        Assert.Equal(["2", "4"], grouped.Hits.Select(h => h.Id).Order().ToArray());

        var nested = index.CreateQuery().Field("division", "Life sciences").And().Group(q => q.Field("title", "stock").Or().Field("title", "turnaround")).Execute();
        Assert.Equal(2, nested.TotalItemCount);

        Assert.Equal("2", index.CreateQuery().Field("title", "audiolgy".Fuzzy(2)).Execute().Hits.Single().Id);
        Assert.Equal("4", index.CreateQuery().Field("title", "genom".MultipleCharacterWildcard()).Execute().Hits.Single().Id);
        Assert.Equal("3", index.CreateQuery().Field("title", "planning audit".Phrase()).Execute().Hits.Single().Id);
        Assert.Empty(index.CreateQuery().Field("title", "audit planning".Phrase()).Execute().Hits);
        Assert.Throws<SearchQueryException>(() => index.CreateQuery().Field("title", "*ology".MultipleCharacterWildcard()).Execute());

        var boosted = index.CreateQuery(defaultOperation: BooleanOperation.Or).Field("title", "blood").Or().Field("title", "audit".Boost(50)).Execute();
        Assert.Equal("3", boosted.Hits[0].Id);
    }

    [Fact]
    public void Managed_and_native_queries()
    {
        using var index = Seeded(Open());

        var managed = index.CreateQuery().ManagedQuery("blood").Execute();
        Assert.Equal(["1", "5"], managed.Hits.Select(h => h.Id).Order().ToArray());

        var native = index.CreateQuery().NativeQuery("title:audit OR projects:[6 TO 10]").Execute();
        Assert.Equal("3", native.Hits.Single().Id);
        var error = Assert.Throws<SearchQueryException>(() => index.CreateQuery().NativeQuery("title:(unclosed").Execute());
        Assert.Contains("could not be parsed", error.Message);
    }

    [Fact]
    public void Facets_are_counted_over_all_matches_not_only_the_page()
    {
        using var index = Seeded(Open());

        var results = index.CreateQuery().All()
            .WithFacets(f => f.FacetString("division").FacetString("region", maxCount: 2)
                .FacetLongRange("projects", new LongRange("none", 0, 1), new LongRange("some", 1, 5), new LongRange("many", 5, null))
                .FacetDoubleRange("award", new DoubleRange("small", 0, 3000), new DoubleRange("large", 3000, null)))
            .Execute(skip: 0, take: 1);

        Assert.Single(results.Hits);
        Assert.Equal(5, results.TotalItemCount);
        Assert.Equal(new FacetValue("Life sciences", 2), results.Facet("division")!.Values[0]);
        Assert.Equal(4, results.Facet("division")!.Values.Count);
        Assert.Equal([new FacetValue("Greater Manchester", 2), new FacetValue("Cheshire and Merseyside", 1)], results.Facet("region")!.Values);
        Assert.Equal([1L, 2L, 2L], results.Facet("projects")!.Values.Select(v => v.Count).ToArray());
        Assert.Equal([3L, 2L], results.Facet("award")!.Values.Select(v => v.Count).ToArray());
    }

    [Fact]
    public void Sorting_paging_selected_fields_highlights_and_suggestions()
    {
        using var index = Seeded(Open());

        var sorted = index.CreateQuery().All().OrderBy(new SortableField("title")).Execute(skip: 1, take: 2);
        Assert.Equal(["Blood bank stock control", "Genomics data pipeline"], sorted.Hits.Select(h => h["title"]).ToArray());
        var byNumber = index.CreateQuery().All().OrderByDescending(new SortableField("projects", SortType.Int)).Execute(take: 1);
        Assert.Equal("3", byNumber.Hits.Single().Id);

        var selected = index.CreateQuery().Id("2").SelectFields("title").Execute().Hits.Single();
        Assert.Equal("Audiology clinic redesign", selected["title"]);
        Assert.Null(selected["body"]);

        var highlighted = index.CreateQuery().Field("body", "audit").WithHighlight("body").Execute().Hits.Single();
        Assert.Contains("<mark>audit</mark>", highlighted.Highlights.Single());

        var suggestion = index.CreateQuery().Field("title", "bloood").WithSuggestions("title", "bloood turnarund").Execute();
        Assert.Equal("blood turnaround", suggestion.Suggestions.Single());
    }

    [Fact]
    public void Deep_paging_goes_past_ten_thousand_hits_and_long_values_do_not_abort_indexing()
    {
        using var index = Open();
        index.IndexItems(Enumerable.Range(0, 12_050).Select(i => ValueSet.Create(i.ToString("D6"), "content", "bulk",
            new Dictionary<string, object?> { ["title"] = $"item {i:D6}", ["code"] = i == 0 ? new string('x', 40_000) : "c" })));
        index.WaitForChanges(20_000);

        var page = index.CreateQuery().All().OrderBy(new SortableField("title")).Execute(skip: 12_000, take: 50);

        Assert.Equal(12_050, page.TotalItemCount);
        Assert.Equal("item 012000", page.Hits[0]["title"]);
        Assert.Equal(50, page.Hits.Count);
        Assert.Equal(12_050, index.CreateQuery().All().Execute(take: 0).TotalItemCount);
        Assert.Throws<SearchQueryException>(() => index.CreateQuery().All().Execute(skip: -1));
        Assert.Throws<SearchQueryException>(() => index.CreateQuery().All().Execute(take: 5000));
    }

    [Fact]
    public async Task A_rebuild_swaps_in_a_full_index_and_searches_never_see_it_empty()
    {
        using var index = Seeded(Open());
        var gate = new SemaphoreSlim(0);
        async IAsyncEnumerable<IReadOnlyList<ValueSet>> Slowly()
        {
            yield return [Item("10", "New one", "rebuilt", "Life sciences", "Cumbria", 1)];
            await gate.WaitAsync();
            yield return [Item("11", "New two", "rebuilt", "Life sciences", "Cumbria", 2)];
        }

        var rebuild = index.RebuildAsync(Slowly(), null, CancellationToken.None);
        Assert.True(index.IsRebuilding);
        Assert.Equal(5, index.CreateQuery().All().Execute().TotalItemCount);
        gate.Release();
        await rebuild;

        Assert.Equal(["10", "11"], index.CreateQuery().All().Execute().Hits.Select(h => h.Id).Order().ToArray());
        Assert.False(index.IsRebuilding);
    }

    [Fact]
    public void A_damaged_index_is_moved_aside_and_opened_empty_for_a_rebuild()
    {
        using (var index = Seeded(Open()))
        {
            index.Commit();
        }

        var indexFolder = Path.Combine(_folder, "TestIndex");
        foreach (var segments in Directory.GetFiles(indexFolder, "segments_*"))
        {
            File.WriteAllBytes(segments, [1, 2, 3, 4]);
        }

        using var reopened = Open();

        Assert.True(reopened.NeedsRebuild);
        Assert.Equal(0, reopened.DocumentCount());
        Assert.Single(Directory.GetDirectories(_folder, "TestIndex.corrupt-*"));
    }

    [Fact]
    public void An_index_left_locked_by_a_crash_reopens_with_what_was_committed()
    {
        var first = Seeded(Open());
        first.Commit();
        first.IndexItems([Item("9", "Uncommitted", "lost on crash", "Life sciences", "Cumbria", 1)]);

        // No Dispose: the process "dies" with write.lock held and a write not committed.
        using var reopened = new LuceneIndex(SurveyOptions, _folder, NullLogger.Instance);

        Assert.Equal(5, reopened.DocumentCount());
        Assert.True(reopened.NeedsRebuild, "a write was pending when the process died, so the index must be rebuilt");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
