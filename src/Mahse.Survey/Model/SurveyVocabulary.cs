namespace Mahse.Survey.Model;

/// <summary>
/// The survey's fixed vocabularies: the North West's sub-regions, the four healthcare science divisions and their
/// specialisms, the R&amp;I activities and barriers. Imports normalise to these spellings (ignoring case, spacing and
/// "&amp;"/"and"), so a real export with its own wording still lands on the same facets.
/// </summary>
public static class SurveyVocabulary
{
    public static readonly IReadOnlyList<string> SubRegions = ["Cheshire and Merseyside", "Greater Manchester", "Lancashire and South Cumbria", "Cumbria"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Specialisms = new Dictionary<string, IReadOnlyList<string>>
    {
        ["Life sciences"] = ["Clinical biochemistry", "Clinical immunology", "Haematology and transfusion science", "Histocompatibility and immunogenetics", "Clinical microbiology", "Virology", "Genomics", "Reproductive science", "Cellular pathology"],
        ["Physiological sciences"] = ["Audiology", "Cardiac science", "Respiratory and sleep science", "Clinical neurophysiology", "Vascular science", "Gastrointestinal physiology", "Urodynamic science", "Ophthalmic and vision science"],
        ["Physical sciences and biomedical engineering"] = ["Radiotherapy physics", "Nuclear medicine", "Diagnostic radiology and MRI physics", "Radiation safety physics", "Clinical engineering", "Rehabilitation engineering", "Medical device management"],
        ["Clinical bioinformatics"] = ["Genomic bioinformatics", "Health informatics", "Physical sciences bioinformatics"],
    };

    public static IReadOnlyList<string> Divisions => [.. Specialisms.Keys];

    public static readonly IReadOnlyList<string> CareerStages = ["Healthcare science assistant", "Healthcare science associate", "Healthcare science practitioner", "Clinical scientist", "Principal clinical scientist", "Consultant clinical scientist"];

    public static readonly IReadOnlyList<string> Activities = ["audit", "serviceImprovement", "research", "innovation", "publication", "grantHolding"];

    public static readonly IReadOnlyList<string> Barriers = ["time", "funding", "skills", "support", "access to data"];

    public static readonly IReadOnlyList<string> TrainingNeeds = ["research methods", "statistics", "writing for publication", "grant writing", "quality improvement methods", "evaluation", "data science", "ethics and governance"];

    /// <summary>The known spelling of a value, or null when the value is not one of them.</summary>
    public static string? Normalise(string? value, IEnumerable<string> known)
    {
        var key = Key(value);
        return key.Length == 0 ? null : known.FirstOrDefault(k => Key(k) == key);
    }

    private static string Key(string? value) => new string((value ?? "").ToLowerInvariant().Replace("&", "and").Where(char.IsLetterOrDigit).ToArray());
}
