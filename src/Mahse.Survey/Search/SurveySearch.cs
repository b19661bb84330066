using Examine;
using Examine.Lucene.Providers;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;
using Mahse.Survey.Model;

namespace Mahse.Survey.Search;

/// <summary>
/// <see cref="ISurveySearch"/> on SurveyIndex. Examine 3 has no faceting, so the query runs on the index's own Lucene
/// searcher (the one Examine keeps near-real-time): free text through Lucene's query parser with the index's English
/// analyzer, facet filters as exact terms, activity ranges as numeric range queries; hits and Lucene.Net.Facet's
/// counts (<see cref="SurveyFacetCounts"/>) are collected in one pass, and the comments of the page's hits are
/// highlighted with Lucene.Net.Highlighter.
/// Facets count the matching responses (a filter narrows its own facet too).
/// </summary>
public sealed class SurveySearch(IExamineManager examine) : ISurveySearch
{
    /// <summary>Most hits one request may ask for.</summary>
    public const int MaxTake = 1000;

    private const int FragmentSize = 160;
    private const int Fragments = 2;

    private readonly SurveyFacetCounts _facets = new();

    public Task<SurveySearchResult> SearchAsync(SurveySearchRequest request, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Search(request));
    }

    public SurveySearchResult Search(SurveySearchRequest request)
    {
        if (!examine.TryGetIndex(SurveyIndex.IndexName, out var found) || found is not LuceneIndex index || index.Searcher is not BaseLuceneSearcher luceneSearcher)
        {
            throw new InvalidOperationException($"{SurveyIndex.IndexName} is not registered with Examine");
        }

        using var reference = luceneSearcher.GetSearchContext().GetSearcher();
        return Search(reference.IndexSearcher, index.DefaultAnalyzer, request);
    }

    /// <summary>The search on a given searcher of SurveyIndex, with the analyzer its text was indexed with.</summary>
    public SurveySearchResult Search(IndexSearcher searcher, Analyzer analyzer, SurveySearchRequest request)
    {
        var skip = Math.Max(0, request.Skip);
        var take = Math.Clamp(request.Take, 0, MaxTake);
        var text = TextQuery(request.Text, analyzer);
        var query = WithFilters(text ?? new MatchAllDocsQuery(), request);

        // Collect exactly the page's end, and never more than the index holds (a huge skip asks for nothing).
        var top = TopScoreDocCollector.Create((int)Math.Clamp((long)skip + take, 1, Math.Max(1, searcher.IndexReader.MaxDoc)), true);
        var facets = _facets.CounterFor(searcher.IndexReader);
        searcher.Search(query, MultiCollector.Wrap(top, facets));

        var hits = new List<SurveySearchHit>();
        if (take > 0)
        {
            var highlighter = text is null ? null : Highlighter(text);
            foreach (var scoreDoc in top.GetTopDocs(skip, take).ScoreDocs)
            {
                var doc = searcher.Doc(scoreDoc.Doc, new HashSet<string> { ExamineFieldNames.ItemIdFieldName, SurveyIndexFields.Comments });
                var highlights = highlighter is not null && doc.Get(SurveyIndexFields.Comments) is { Length: > 0 } comments
                    ? Highlight(highlighter, analyzer, comments)
                    : [];
                hits.Add(new SurveySearchHit(doc.Get(ExamineFieldNames.ItemIdFieldName) ?? "", float.IsNaN(scoreDoc.Score) ? 0 : scoreDoc.Score, highlights));
            }
        }

        return new SurveySearchResult(top.TotalHits, hits, facets.Results(SurveyIndexFields.Facets));
    }

    /// <summary>The free text as a Lucene query over comments and specialisms (all words required; Lucene's syntax allowed).</summary>
    private static Query? TextQuery(string? text, Analyzer analyzer)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parser = new MultiFieldQueryParser(LuceneVersion.LUCENE_48, [.. SurveyIndexFields.Text], analyzer)
        {
            DefaultOperator = Operator.AND,
        };
        try
        {
            return parser.Parse(text.Trim());
        }
        catch (ParseException ex)
        {
            throw new SurveySearchQueryException($"The search text could not be understood: {ex.Message}", ex);
        }
    }

    /// <summary>The filters narrow the text's matches without changing their scores.</summary>
    private static Query WithFilters(Query query, SurveySearchRequest request)
    {
        var filters = new BooleanQuery();
        foreach (var (field, value) in new[]
                 {
                     (SurveyIndexFields.Division, request.Division), (SurveyIndexFields.Specialism, request.Specialism),
                     (SurveyIndexFields.SubRegion, request.SubRegion), (SurveyIndexFields.Organisation, request.Organisation),
                     (SurveyIndexFields.CareerStage, request.CareerStage), (SurveyIndexFields.Activity, request.Activity),
                     (SurveyIndexFields.Barrier, request.Barrier),
                     (SurveyIndexFields.Champion, request.Champion is null ? null : request.Champion.Value ? "yes" : "no"),
                 })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                filters.Add(new TermQuery(new Term(field, value.Trim())), Occur.MUST);
            }
        }

        foreach (var (activity, range) in request.Ranges)
        {
            var field = SurveyIndexFields.Counts.FirstOrDefault(c => string.Equals(c, activity, StringComparison.OrdinalIgnoreCase))
                ?? throw new SurveySearchQueryException($"'{activity}' is not an activity ({string.Join(", ", SurveyVocabulary.Activities)})");
            if (range.Min is not null && range.Max is not null && range.Min > range.Max)
            {
                throw new SurveySearchQueryException($"The range of '{field}' runs from {range.Min} to {range.Max}: its minimum is above its maximum");
            }

            if (range.Min is not null || range.Max is not null)
            {
                filters.Add(NumericRangeQuery.NewInt32Range(field, range.Min, range.Max, true, true), Occur.MUST);
            }
        }

        return filters.Clauses.Count == 0 ? query : new FilteredQuery(query, new QueryWrapperFilter(filters));
    }

    private static Highlighter Highlighter(Query text)
    {
        var scorer = new QueryScorer(text, SurveyIndexFields.Comments);
        return new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), scorer)
        {
            TextFragmenter = new SimpleSpanFragmenter(scorer, FragmentSize),
            MaxDocCharsToAnalyze = 50_000,
        };
    }

    private static IReadOnlyList<string> Highlight(Highlighter highlighter, Analyzer analyzer, string text)
    {
        try
        {
            using var tokens = analyzer.GetTokenStream(SurveyIndexFields.Comments, text);
            return highlighter.GetBestFragments(tokens, text, Fragments).Where(f => f.Length > 0).ToList();
        }
        catch (InvalidTokenOffsetsException)
        {
            return [];
        }
    }
}
