using Lucene.Net.Analysis;
using Lucene.Net.Facet;
using Lucene.Net.Facet.SortedSet;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Mahse.Survey.Search;

namespace Mahse.Bench.Survey;

/// <summary>
/// One faceted search, as the site's endpoint takes it (query string), as the module's search takes it
/// (<see cref="SurveySearchRequest"/>), and as plain Lucene.Net clauses for the baselines.
/// </summary>
public sealed record SurveyQuery(string Name, string? Text, string? Division, string? Region, string? RangeField, int? Min, int Take)
{
    public static readonly IReadOnlyList<SurveyQuery> All =
    [
        // Free text, two facet filters and a range: the backoffice's typical narrowed search.
        new("text + 2 facets + range", "research", "Life sciences", "Greater Manchester", "research", 1, 10),
        // No text, one broad filter: the facet counting over some 40 % of the responses is the work.
        new("1 broad facet, no text", null, "Life sciences", null, null, null, 10),
    ];

    public string QueryString()
    {
        var parts = new List<string>();
        void Add(string key, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{key}={Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!)}");
            }
        }

        Add("q", Text);
        Add("division", Division);
        Add("region", Region);
        Add("rangeField", RangeField);
        Add("min", Min);
        Add("take", Take);
        return string.Join('&', parts);
    }

    public SurveySearchRequest Request() => new()
    {
        Text = Text,
        Division = Division,
        SubRegion = Region,
        Ranges = RangeField is null ? new Dictionary<string, SurveyRange>() : new Dictionary<string, SurveyRange> { [RangeField] = new SurveyRange(Min, null) },
        Take = Take,
    };

    /// <summary>The same clauses as one plain BooleanQuery: the text (parsed as the module parses it) and the filters as required terms.</summary>
    public Query Lucene(Analyzer analyzer)
    {
        var query = new BooleanQuery();
        if (Text is not null)
        {
            var parser = new MultiFieldQueryParser(LuceneVersion.LUCENE_48, [.. SurveyIndexFields.Text], analyzer) { DefaultOperator = Operator.AND };
            query.Add(parser.Parse(Text), Occur.MUST);
        }

        if (Division is not null)
        {
            query.Add(new TermQuery(new Term(SurveyIndexFields.Division, Division)), Occur.MUST);
        }

        if (Region is not null)
        {
            query.Add(new TermQuery(new Term(SurveyIndexFields.SubRegion, Region)), Occur.MUST);
        }

        if (RangeField is not null)
        {
            query.Add(NumericRangeQuery.NewInt32Range(RangeField, Min, null, true, true), Occur.MUST);
        }

        return query;
    }
}

/// <summary>
/// The searches run in this process on SurveyIndex's files (opened read-only after the site stopped): the module's own
/// <see cref="SurveySearch"/>, and raw Lucene.Net with the same clauses, without facets and with Lucene.Net.Facet's
/// standard sorted-set counts over the same eight dimensions.
/// </summary>
public sealed class InProcessSearch : IDisposable
{
    private readonly Lucene.Net.Store.Directory _directory;
    private readonly DirectoryReader _reader;
    private readonly DefaultSortedSetDocValuesReaderState _facetState;

    public InProcessSearch(string indexFolder)
    {
        _directory = Lucene.Net.Store.FSDirectory.Open(indexFolder);
        _reader = DirectoryReader.Open(_directory);
        Searcher = new IndexSearcher(_reader);
        // Built once per reader, as an application keeps it (Lucene.Net.Facet's own advice).
        _facetState = new DefaultSortedSetDocValuesReaderState(_reader);
    }

    public IndexSearcher Searcher { get; }

    public Analyzer Analyzer { get; } = SurveyIndexFields.TextAnalyzer();

    public int Documents => _reader.NumDocs;

    public SurveySearch Module { get; } = new(null!);

    public long ModuleSearch(SurveyQuery query) => Module.Search(Searcher, Analyzer, query.Request()).Total;

    /// <summary>The module's search for totals and facets only (take 0): no page of stored fields, no highlighting.</summary>
    public long ModuleCountsOnly(SurveyQuery query) => Module.Search(Searcher, Analyzer, query.Request() with { Take = 0 }).Total;

    public long RawSearch(SurveyQuery query)
    {
        var top = TopScoreDocCollector.Create(query.Take, true);
        Searcher.Search(query.Lucene(Analyzer), top);
        var hits = top.GetTopDocs();
        foreach (var hit in hits.ScoreDocs)
        {
            // The page's ids, as any search returns them.
            _ = Searcher.Doc(hit.Doc, new HashSet<string> { Examine.ExamineFieldNames.ItemIdFieldName }).Get(Examine.ExamineFieldNames.ItemIdFieldName);
        }

        return top.TotalHits;
    }

    public long RawFacetedSearch(SurveyQuery query)
    {
        var facets = new FacetsCollector();
        var top = FacetsCollector.Search(Searcher, query.Lucene(Analyzer), query.Take, facets);
        foreach (var hit in top.ScoreDocs)
        {
            _ = Searcher.Doc(hit.Doc, new HashSet<string> { Examine.ExamineFieldNames.ItemIdFieldName }).Get(Examine.ExamineFieldNames.ItemIdFieldName);
        }

        var counts = new SortedSetDocValuesFacetCounts(_facetState, facets);
        foreach (var dimension in SurveyIndexFields.Facets)
        {
            _ = counts.GetTopChildren(100, dimension);
        }

        return top.TotalHits;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        Analyzer.Dispose();
    }
}
