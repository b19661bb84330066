using Examine.Lucene.Indexing;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Facet.SortedSet;
using Microsoft.Extensions.Logging;

namespace Mahse.Survey.Search;

/// <summary>
/// A facet field for Examine 3 (which has no faceting of its own): the exact value as a stored, unanalysed term, for
/// filters and for Examine Management's search and field list, plus a <see cref="SortedSetDocValuesFacetField"/> that
/// <see cref="SurveyIndex"/> turns into Lucene.Net.Facet's doc values when it writes the document.
/// </summary>
public sealed class SurveyFacetValueType(string fieldName, ILoggerFactory loggerFactory) : IndexFieldValueTypeBase(fieldName, loggerFactory)
{
    private static readonly Analyzer Keyword = new KeywordAnalyzer();

    public override Analyzer Analyzer => Keyword;

    protected override void AddSingleValue(Document doc, object value)
    {
        // Lucene's faceting refuses empty labels; an empty value is no value.
        if (TryConvert<string>(value, out var text) && !string.IsNullOrWhiteSpace(text))
        {
            doc.Add(new StringField(FieldName, text, Field.Store.YES));
            doc.Add(new SortedSetDocValuesFacetField(FieldName, text));
        }
    }
}
