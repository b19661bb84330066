using Examine;
using Examine.Lucene;
using Examine.Lucene.Directories;
using Examine.Lucene.Providers;
using Lucene.Net.Store;
using Mahse.Survey.Search;
using Mahse.Survey.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mahse.Tests.Survey.Search;

/// <summary>
/// SurveyIndex and SurveySearch in-process on an in-memory directory (no site): facets after responses are rewritten
/// (Lucene deletes and re-adds them), paging past the end, and highlights that escape what a comment holds.
/// </summary>
public sealed class SurveySearchLogicTests : IDisposable
{
    private readonly SurveyIndex _index;
    private readonly SurveySearch _search;

    public SurveySearchLogicTests()
    {
        var options = new LuceneDirectoryIndexOptions { DirectoryFactory = new GenericDirectoryFactory(_ => new RAMDirectory()) };
        new ConfigureSurveyIndexOptions(NullLoggerFactory.Instance).Configure(SurveyIndex.IndexName, options);
        _index = new SurveyIndex(NullLoggerFactory.Instance, SurveyIndex.IndexName, new Monitor(options), null!);
        _search = new SurveySearch(new Manager(_index));
    }

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Rewritten_responses_are_counted_once_with_their_new_values()
    {
        Write(Enumerable.Range(1, 10).Select(i => Row($"R-{i}", i <= 6 ? "Life sciences" : "Clinical bioinformatics", research: i, barriers: "time,funding")));
        Write(Enumerable.Range(1, 4).Select(i => Row($"R-{i}", "Physiological sciences", research: 0, barriers: "skills")));

        var result = _search.Search(new SurveySearchRequest { Take = 0 });
        Assert.Equal(10, result.Total);
        Assert.Equal(new Dictionary<string, int> { ["Life sciences"] = 2, ["Clinical bioinformatics"] = 4, ["Physiological sciences"] = 4 }, result.Facets["division"]);
        Assert.Equal(new Dictionary<string, int> { ["time"] = 6, ["funding"] = 6, ["skills"] = 4 }, result.Facets["barrier"]);
        Assert.Equal(6, result.Facets["activity"]["research"]);
        Assert.Equal(new Dictionary<string, int> { ["no"] = 10 }, result.Facets["champion"]);

        var ranged = _search.Search(new SurveySearchRequest { Ranges = new Dictionary<string, SurveyRange> { ["research"] = new(null, 0) }, Take = 20 });
        Assert.Equal(["R-1", "R-2", "R-3", "R-4"], ranged.Hits.Select(h => h.RespondentId).Order());
    }

    [Fact]
    public void Paging_past_the_end_gives_the_total_and_no_hits()
    {
        Write(Enumerable.Range(1, 3).Select(i => Row($"P-{i}", "Life sciences", research: 1, barriers: "")));
        var result = _search.Search(new SurveySearchRequest { Skip = int.MaxValue, Take = 20 });
        Assert.Equal(3, result.Total);
        Assert.Empty(result.Hits);
        Assert.Empty(result.Facets["barrier"]);
    }

    [Fact]
    public void Highlights_mark_the_stemmed_words_and_escape_the_rest()
    {
        Write([Row("H-1", "Life sciences", research: 1, barriers: "", comments: "<b>Audited</b> & improved the audits")]);
        var hit = Assert.Single(_search.Search(new SurveySearchRequest { Text = "audit" }).Hits);
        Assert.Equal("&lt;b&gt;<mark>Audited</mark>&lt;&#x2F;b&gt; &amp; improved the <mark>audits</mark>", Assert.Single(hit.Highlights));
    }

    private void Write(IEnumerable<SurveyResponseRow> rows)
    {
        using (_index.WithThreadingMode(IndexThreadingMode.Synchronous))
        {
            _index.IndexItems(rows.Select(SurveyValueSets.For).ToList());
        }

        // Near-real-time: searchable once Examine's reopen thread has caught up with the write.
        _index.WaitForChanges();
    }

    private static SurveyResponseRow Row(string id, string division, int research, string barriers, string? comments = null) => new()
    {
        RespondentId = id,
        OrganisationName = "Logic Test Trust",
        SubRegion = "Cumbria",
        Division = division,
        Specialism = "Virology",
        CareerStage = "Clinical scientist",
        ResearchCount = research,
        Barriers = barriers,
        Comments = comments,
        ImportedAt = DateTime.UtcNow,
    };

    private sealed class Monitor(LuceneDirectoryIndexOptions options) : IOptionsMonitor<LuceneDirectoryIndexOptions>
    {
        public LuceneDirectoryIndexOptions CurrentValue => options;

        public LuceneDirectoryIndexOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<LuceneDirectoryIndexOptions, string?> listener) => null;
    }

    private sealed class Manager(IIndex index) : IExamineManager
    {
        public IEnumerable<IIndex> Indexes => [index];

        public IEnumerable<ISearcher> RegisteredSearchers => [];

        public void Dispose()
        {
        }

        public bool TryGetIndex(string indexName, out IIndex index1)
        {
            index1 = index;
            return indexName == index.Name;
        }

        public bool TryGetSearcher(string searcherName, out ISearcher searcher)
        {
            searcher = null!;
            return false;
        }
    }
}
