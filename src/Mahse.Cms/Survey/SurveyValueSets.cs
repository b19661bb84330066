using Mahse.Cms.Persistence;
using Mahse.Cms.Search;

namespace Mahse.Cms.Survey;

/// <summary>A survey response in SurveyIndex: facets as raw fields, activity counts as numbers, comments and specialism as English text.</summary>
public static class SurveyValueSets
{
    public static ValueSet For(SurveyResponseRow r, string organisation)
    {
        var counts = new Dictionary<string, int>
        {
            ["audit"] = r.AuditCount, ["serviceImprovement"] = r.ServiceImprovementCount, ["research"] = r.ResearchCount,
            ["innovation"] = r.InnovationCount, ["publication"] = r.PublicationCount, ["grantHolding"] = r.GrantCount,
        };
        var values = new Dictionary<string, object?>
        {
            ["organisation"] = organisation,
            ["subRegion"] = r.SubRegion,
            ["division"] = r.Division,
            ["specialism"] = r.Specialism,
            ["specialismText"] = r.Specialism,
            ["careerStage"] = r.CareerStage,
            ["activities"] = counts.Where(c => c.Value > 0).Select(c => (object)c.Key).ToList(),
            ["barriers"] = r.Barriers.Split(',', StringSplitOptions.RemoveEmptyEntries).Cast<object>().ToList(),
            ["champion"] = r.ChampionWilling ? "yes" : "no",
            ["comments"] = r.Comments,
        };
        foreach (var (name, count) in counts)
        {
            values[name] = count;
        }

        return ValueSet.Create(r.Id.ToString(), "survey", "surveyResponse", values);
    }
}
