using Examine;
using Lucene.Net.Facet;

namespace Mahse.Survey.Search;

/// <summary>
/// SurveyIndex's fields (decision 0009): comments and specialism as English text, the facets as exact values that are
/// also counted, the six activity counts as numbers for ranges. The names are the request's and the result's.
/// </summary>
public static class SurveyIndexFields
{
    /// <summary>Examine's category of every document in the index.</summary>
    public const string Category = "survey";

    /// <summary>Examine's item type of a response.</summary>
    public const string ItemType = "surveyResponse";

    public const string Comments = "comments";

    /// <summary>The specialism as English text (the facet <see cref="Specialism"/> holds it exact).</summary>
    public const string SpecialismText = "specialismText";

    public const string Division = "division";
    public const string Specialism = "specialism";
    public const string SubRegion = "subRegion";
    public const string Organisation = "organisation";
    public const string CareerStage = "careerStage";

    /// <summary>The activities reported at least once (multi-valued).</summary>
    public const string Activity = "activity";

    /// <summary>The barriers named (multi-valued).</summary>
    public const string Barrier = "barrier";

    /// <summary>Willing to be an R&amp;I champion: "yes" or "no".</summary>
    public const string Champion = "champion";

    public const string Site = "site";

    /// <summary>When the row was last written (ticks): the start-up check compares the newest with the table's.</summary>
    public const string ImportedAt = "importedAt";
    public const string Synthetic = "synthetic";

    /// <summary>Examine field type of the facets: an exact, stored term plus a sorted-set doc value that Lucene's faceting counts.</summary>
    public const string FacetType = "mahseFacet";

    public static readonly IReadOnlyList<string> Facets = [Division, Specialism, SubRegion, Organisation, CareerStage, Activity, Barrier, Champion];

    /// <summary>The text fields a free-text query searches.</summary>
    public static readonly IReadOnlyList<string> Text = [Comments, SpecialismText];

    /// <summary>The activity count fields, named as the vocabulary's activities.</summary>
    public static IReadOnlyList<string> Counts => Model.SurveyVocabulary.Activities;

    /// <summary>The index's analyzer: Lucene's English analyzer (standard tokens, lower case, English stop words, Porter stemming).</summary>
    public static Lucene.Net.Analysis.Analyzer TextAnalyzer() => new Lucene.Net.Analysis.En.EnglishAnalyzer(Examine.LuceneInfo.CurrentVersion);

    public static FieldDefinitionCollection Definitions()
    {
        var definitions = new List<FieldDefinition>
        {
            new(Comments, FieldDefinitionTypes.FullText),
            new(SpecialismText, FieldDefinitionTypes.FullText),
            new(Site, FieldDefinitionTypes.Raw),
            new(Synthetic, FieldDefinitionTypes.Raw),
            new(ImportedAt, FieldDefinitionTypes.Long),
        };
        definitions.AddRange(Facets.Select(f => new FieldDefinition(f, FacetType)));
        definitions.AddRange(Counts.Select(c => new FieldDefinition(c, FieldDefinitionTypes.Integer)));
        return new FieldDefinitionCollection([.. definitions]);
    }

    /// <summary>How the facets are written and counted: the multi-valued ones say so, as Lucene requires.</summary>
    public static FacetsConfig FacetsConfig()
    {
        var config = new FacetsConfig();
        config.SetMultiValued(Activity, true);
        config.SetMultiValued(Barrier, true);
        return config;
    }
}
