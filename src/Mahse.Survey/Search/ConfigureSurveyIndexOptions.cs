using Examine.Lucene;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mahse.Survey.Search;

/// <summary>
/// SurveyIndex's settings, as Umbraco's ConfigureIndexOptions sets its own indexes': English stemming (Porter, with
/// English stop words) for text, the field definitions, the facet field type, and an index that unlocks after a crash.
/// </summary>
public sealed class ConfigureSurveyIndexOptions(ILoggerFactory loggerFactory) : IConfigureNamedOptions<LuceneDirectoryIndexOptions>
{
    public void Configure(string? name, LuceneDirectoryIndexOptions options)
    {
        if (name != SurveyIndex.IndexName)
        {
            return;
        }

        options.Analyzer = SurveyIndexFields.TextAnalyzer();
        options.FieldDefinitions = SurveyIndexFields.Definitions();
        options.IndexValueTypesFactory = new Dictionary<string, IFieldValueTypeFactory>
        {
            [SurveyIndexFields.FacetType] = new DelegateFieldValueTypeFactory(field => new SurveyFacetValueType(field, loggerFactory)),
        };
        options.UnlockIndex = true;

        // Writes (an import, a rebuild) become searchable within a second, not Examine's default minute.
        options.NrtTargetMaxStaleSec = 1;
        options.NrtTargetMinStaleSec = 0.1;
    }

    public void Configure(LuceneDirectoryIndexOptions options) => Configure(Options.DefaultName, options);
}
