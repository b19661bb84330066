using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mahse.Survey.Model;

namespace Mahse.Survey.Import;

/// <summary>
/// One row of a file (heading → text) to a <see cref="SurveyRecord"/> in the vocabulary's spelling, or the reason it
/// cannot be one. Unknown divisions and sub-regions are refused with the known values, so whoever fixes the file
/// knows what to write.
/// </summary>
public static class SurveyRecordParser
{
    public static SurveyRecord? Parse(IReadOnlyDictionary<string, string?> row, SurveyColumnMapping mapping, out string? reason)
    {
        reason = null;
        // An export prefixes formula-looking text with ' (so a spreadsheet does not run it); it is taken off again here.
        string? Get(string field) => row.TryGetValue(mapping.HeadingFor(field), out var value) && !string.IsNullOrWhiteSpace(value)
            ? Export.SurveyExport.Restore(value.Trim())
            : null;
        List<string> List(string field, IEnumerable<string> known) => (Get(field) ?? "")
            .Split([mapping.ListSeparator, ","], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => SurveyVocabulary.Normalise(v, known) ?? v.ToLowerInvariant()).Distinct().ToList();

        var organisation = Get("organisation");
        if (organisation is null)
        {
            reason = "No organisation.";
            return null;
        }

        var subRegion = SurveyVocabulary.Normalise(Get("subRegion"), SurveyVocabulary.SubRegions);
        if (subRegion is null)
        {
            reason = $"Unknown sub-region '{Get("subRegion")}' (expected one of: {string.Join(", ", SurveyVocabulary.SubRegions)}).";
            return null;
        }

        var division = SurveyVocabulary.Normalise(Get("division"), SurveyVocabulary.Divisions);
        if (division is null)
        {
            reason = $"Unknown division '{Get("division")}' (expected one of: {string.Join(", ", SurveyVocabulary.Divisions)}).";
            return null;
        }

        var specialism = Get("specialism");
        var stage = Get("careerStage");
        if (specialism is null || stage is null)
        {
            reason = specialism is null ? "No specialism." : "No career stage.";
            return null;
        }

        var activities = new Dictionary<string, int>();
        foreach (var activity in SurveyVocabulary.Activities)
        {
            var text = Get(activity);
            if (text is null)
            {
                activities[activity] = 0;
            }
            else if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count is >= 0 and <= 10_000)
            {
                activities[activity] = count;
            }
            else
            {
                reason = $"'{text}' is not a count for {activity} (a whole number from 0 to 10,000).";
                return null;
            }
        }

        var champion = Flag(Get("championWilling"));
        var consent = Flag(Get("contactConsent"));
        if (champion is null || consent is null)
        {
            reason = champion is null ? $"'{Get("championWilling")}' is not yes or no (championWilling)." : $"'{Get("contactConsent")}' is not yes or no (contactConsent).";
            return null;
        }

        // Without consent the contact details are dropped here (and again by the store), so they are not even checked.
        var name = consent.Value ? Get("contactName") : null;
        var email = consent.Value ? Get("contactEmail") : null;
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            reason = $"'{email}' is not an email address.";
            return null;
        }

        var normalisedSpecialism = SurveyVocabulary.Normalise(specialism, SurveyVocabulary.Specialisms.Values.SelectMany(s => s)) ?? specialism;
        // A row without an id is identified by a hash of its values, so importing the same file twice still finds it.
        var respondent = Get("respondentId") ?? "ROW-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f",
            SurveyColumnMapping.Fields.Where(f => f != "respondentId").Select(f => Get(f) ?? "")))).AsSpan(0, 12));
        if (respondent.Length > 100)
        {
            reason = "The respondent id is longer than 100 characters.";
            return null;
        }

        return new SurveyRecord(
            respondent, organisation, Get("organisationKind") ?? (organisation.Contains("NHS", StringComparison.OrdinalIgnoreCase) ? "NHS trust" : "Other employer"),
            Get("site"), subRegion, division, normalisedSpecialism, SurveyVocabulary.Normalise(stage, SurveyVocabulary.CareerStages) ?? stage, Get("band"),
            activities, List("barriers", SurveyVocabulary.Barriers), List("trainingNeeds", SurveyVocabulary.TrainingNeeds), champion.Value, Get("comments"),
            consent.Value, name, email, IsSynthetic: respondent.StartsWith("SYN-", StringComparison.Ordinal));
    }

    /// <summary>yes/no in the spellings exports use; null when it is neither.</summary>
    public static bool? Flag(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" => false,
        "yes" or "y" or "true" or "1" => true,
        "no" or "n" or "false" or "0" => false,
        _ => null,
    };
}
