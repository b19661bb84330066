using Examine.Lucene;
using Examine.Lucene.Providers;
using Lucene.Net.Documents;
using Lucene.Net.Facet;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mahse.Survey.Search;

/// <summary>
/// The survey's Examine index, registered with Umbraco's ExamineManager (so Settings › Examine Management shows its
/// health, document count and fields, rebuilds it with <see cref="SurveyIndexPopulator"/>, and searches it). One
/// document per response, its id the respondent id. Examine 3 writes the fields; this class adds what Examine 3 lacks,
/// Lucene.Net.Facet's doc values for the facets (<see cref="SurveyFacetValueType"/>), as each document is written.
/// </summary>
public sealed class SurveyIndex(ILoggerFactory loggerFactory, string name, IOptionsMonitor<LuceneDirectoryIndexOptions> indexOptions)
    : LuceneIndex(loggerFactory, name, indexOptions)
{
    public const string IndexName = "SurveyIndex";

    public static readonly FacetsConfig Facets = SurveyIndexFields.FacetsConfig();

    protected override long? UpdateLuceneDocument(Term term, Document doc) => base.UpdateLuceneDocument(term, Facets.Build(doc));
}
