using System.Text.Json;

namespace Mahse.Survey.Import;

/// <summary>
/// Which column of a real survey export holds each of our fields (field → heading), and how lists are split:
/// <c>{"columns": {"organisation": "Trust name", …}, "listSeparator": ";"}</c>. A field not mapped is read from the
/// column of its own name, which is also what the export writes, so an export imports again unchanged.
/// </summary>
public sealed class SurveyColumnMapping
{
    public Dictionary<string, string> Columns { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string ListSeparator { get; set; } = ";";

    /// <summary>Every field, in the order the export writes them.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "respondentId", "organisation", "organisationKind", "site", "subRegion", "division", "specialism", "careerStage", "band",
        "audit", "serviceImprovement", "research", "innovation", "publication", "grantHolding",
        "barriers", "trainingNeeds", "championWilling", "comments", "contactConsent", "contactName", "contactEmail",
    ];

    /// <summary>Without these a file is refused before any row is read.</summary>
    public static readonly IReadOnlyList<string> Required = ["organisation", "subRegion", "division", "specialism", "careerStage"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Parses a mapping; throws <see cref="JsonException"/> (or <see cref="ArgumentException"/> for an unknown field) with the reason.</summary>
    public static SurveyColumnMapping Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new SurveyColumnMapping();
        }

        var mapping = JsonSerializer.Deserialize<SurveyColumnMapping>(json, Json) ?? new SurveyColumnMapping();
        // The binder's dictionary is case-sensitive; headings are matched ignoring case, so fields are too.
        mapping.Columns = new Dictionary<string, string>(mapping.Columns, StringComparer.OrdinalIgnoreCase);
        var unknown = mapping.Columns.Keys.Where(k => !Fields.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The mapping names unknown fields: {string.Join(", ", unknown)} (fields: {string.Join(", ", Fields)}).");
        }

        if (string.IsNullOrEmpty(mapping.ListSeparator))
        {
            mapping.ListSeparator = ";";
        }

        return mapping;
    }

    public static SurveyColumnMapping Load(string? path) => path is null ? new SurveyColumnMapping() : Parse(File.ReadAllText(path));

    public string HeadingFor(string field) => Columns.TryGetValue(field, out var heading) ? heading : field;
}
