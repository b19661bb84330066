using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;

namespace Mahse.Cms.Search;

public sealed record SearchHit(string Id, float Score, IReadOnlyDictionary<string, IReadOnlyList<string>> Values, IReadOnlyList<string> Highlights)
{
    public string? this[string field] => Values.TryGetValue(field, out var v) && v.Count > 0 ? v[0] : null;
}

public sealed record SearchResults(long TotalItemCount, IReadOnlyList<SearchHit> Hits, IReadOnlyList<FacetResult> Facets, IReadOnlyList<string> Suggestions)
{
    public FacetResult? Facet(string field) => Facets.FirstOrDefault(f => f.Field == field);
}

internal static class SearchExecutor
{
    public static SearchResults Execute(
        LuceneIndex index, Query query, int skip, int take, Sort? sort, ISet<string>? fields,
        FacetRequests facets, string? highlightField, string? suggestField, string? suggestText)
    {
        return index.Search(searcher =>
        {
            // Collect exactly skip+take (not (skip+1)*take, and no 10,000 cap), so deep paging works.
            var numHits = LuceneIndex.HitsToCollect(searcher, skip, take);
            ITopDocsCollector top = sort is null
                ? TopScoreDocCollector.Create(numHits, true)
                : TopFieldCollector.Create(sort, numHits, true, false, false, false);
            var facetCollector = facets.Any ? new FacetsCollector(facets) : null;
            searcher.Search(query, facetCollector is null ? top : MultiCollector.Wrap(top, facetCollector));
            var docs = top.GetTopDocs(skip, take);

            var highlighter = highlightField is null ? null : CreateHighlighter(searcher.IndexReader, query, highlightField);
            var hits = new List<SearchHit>(docs.ScoreDocs.Length);
            foreach (var scoreDoc in docs.ScoreDocs)
            {
                var document = fields is null ? searcher.Doc(scoreDoc.Doc) : searcher.Doc(scoreDoc.Doc, fields);
                var values = document.Fields
                    .Where(f => f.GetStringValue() is not null || f.GetNumericValue() is not null)
                    .GroupBy(f => f.Name)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(f => f.GetStringValue() ?? Convert.ToString(f.GetNumericValue(), System.Globalization.CultureInfo.InvariantCulture)!).ToList());
                var highlights = highlighter is null || document.Get(highlightField) is not { } text
                    ? []
                    : Highlight(highlighter, index, highlightField!, text);
                hits.Add(new SearchHit(document.Get(IndexFieldNames.NodeId) ?? "", float.IsNaN(scoreDoc.Score) ? 0 : scoreDoc.Score, values, highlights));
            }

            var suggestions = suggestField is not null && suggestText is not null
                ? Suggest(searcher.IndexReader, index, suggestField, suggestText)
                : [];
            return new SearchResults(top.TotalHits, hits, facetCollector?.Results() ?? [], suggestions);
        });
    }

    private static Highlighter CreateHighlighter(IndexReader reader, Query query, string field)
    {
        var scorer = new QueryScorer(query.Rewrite(reader), field);
        return new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new SimpleHTMLEncoder(), scorer)
        {
            TextFragmenter = new SimpleSpanFragmenter(scorer, 160),
            MaxDocCharsToAnalyze = 50_000,
        };
    }

    private static IReadOnlyList<string> Highlight(Highlighter highlighter, LuceneIndex index, string field, string text)
    {
        try
        {
            using var stream = index.Analyzer.GetTokenStream(field, text);
            return highlighter.GetBestFragments(stream, text, 2).Where(f => f.Length > 0).ToList();
        }
        catch (InvalidTokenOffsetsException)
        {
            return [];
        }
    }

    /// <summary>
    /// "Did you mean": each analysed word of the text that is rare or absent in the field is swapped for the most
    /// frequent indexed term within two edits (Lucene.Net.Suggest is not available; FuzzyTermsEnum is).
    /// </summary>
    private static IReadOnlyList<string> Suggest(IndexReader reader, LuceneIndex index, string field, string text)
    {
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null)
        {
            return [];
        }

        var words = new SearchQuery(index, null).Tokens(field, text);
        var changed = false;
        var corrected = new List<string>();
        foreach (var word in words)
        {
            var frequency = reader.DocFreq(new Term(field, word));
            string? best = null;
            var bestFrequency = frequency;
            if (word.Length >= 4)
            {
                var fuzzy = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(field, word), 2, 1, true);
                BytesRef? candidate;
                while ((candidate = fuzzy.Next()) is not null)
                {
                    var candidateText = candidate.Utf8ToString();
                    if (candidateText != word && fuzzy.DocFreq > bestFrequency)
                    {
                        best = candidateText;
                        bestFrequency = fuzzy.DocFreq;
                    }
                }
            }

            // Only suggest for words the index barely knows.
            if (best is not null && frequency < Math.Max(1, bestFrequency / 10))
            {
                corrected.Add(best);
                changed = true;
            }
            else
            {
                corrected.Add(word);
            }
        }

        return changed ? [string.Join(' ', corrected)] : [];
    }
}
