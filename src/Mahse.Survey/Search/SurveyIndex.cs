using Examine.Lucene;
using Examine.Lucene.Providers;
using Lucene.Net.Documents;
using Lucene.Net.Facet;
using Lucene.Net.Index;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Hosting;
using Umbraco.Cms.Infrastructure.Examine;

namespace Mahse.Survey.Search;

/// <summary>
/// The survey's Examine index, registered with Umbraco's ExamineManager (so Settings › Examine Management shows its
/// health, document count and fields, rebuilds it with <see cref="SurveyIndexPopulator"/>, and searches it). One
/// document per response, its id the respondent id. Examine 3 writes the fields; this class adds what Examine 3 lacks,
/// Lucene.Net.Facet's doc values for the facets (<see cref="SurveyFacetValueType"/>), as each document is written.
/// </summary>
/// <remarks>
/// It reports its own diagnostics, as Umbraco's indexes do: the diagnostics factory Umbraco resolves gives a plain
/// Lucene index only generic figures (a document count of -1, no fields).
/// </remarks>
public sealed class SurveyIndex : LuceneIndex, IIndexDiagnostics
{
    public const string IndexName = "SurveyIndex";

    public static readonly FacetsConfig Facets = SurveyIndexFields.FacetsConfig();

    private readonly LuceneIndexDiagnostics _diagnostics;

    public SurveyIndex(ILoggerFactory loggerFactory, string name, IOptionsMonitor<LuceneDirectoryIndexOptions> indexOptions, IHostingEnvironment hostingEnvironment)
        : base(loggerFactory, name, indexOptions)
    {
        _diagnostics = new LuceneIndexDiagnostics(this, loggerFactory.CreateLogger<LuceneIndexDiagnostics>(), hostingEnvironment, indexOptions);
    }

    public IReadOnlyDictionary<string, object?> Metadata => new Dictionary<string, object?>(_diagnostics.Metadata)
    {
        ["Facets"] = string.Join(", ", SurveyIndexFields.Facets),
        ["NumericFields"] = string.Join(", ", SurveyIndexFields.Counts),
        ["TextFields"] = string.Join(", ", SurveyIndexFields.Text),
    };

    public Attempt<string?> IsHealthy() => _diagnostics.IsHealthy();

    protected override long? UpdateLuceneDocument(Term term, Document doc) => base.UpdateLuceneDocument(term, Facets.Build(doc));
}
