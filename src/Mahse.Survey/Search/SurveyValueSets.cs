using Examine;
using Mahse.Survey.Storage;

namespace Mahse.Survey.Search;

/// <summary>A survey response as SurveyIndex holds it (<see cref="SurveyIndexFields"/>); its id is the respondent id.</summary>
public static class SurveyValueSets
{
    public static ValueSet For(SurveyResponseRow r)
    {
        var counts = r.Activities();
        var values = new Dictionary<string, IEnumerable<object>>
        {
            [SurveyIndexFields.Organisation] = One(r.OrganisationName),
            [SurveyIndexFields.SubRegion] = One(r.SubRegion),
            [SurveyIndexFields.Division] = One(r.Division),
            [SurveyIndexFields.Specialism] = One(r.Specialism),
            [SurveyIndexFields.SpecialismText] = One(r.Specialism),
            [SurveyIndexFields.CareerStage] = One(r.CareerStage),
            [SurveyIndexFields.Activity] = counts.Where(c => c.Value > 0).Select(c => (object)c.Key).ToList(),
            [SurveyIndexFields.Barrier] = r.Barriers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Cast<object>().ToList(),
            [SurveyIndexFields.Champion] = One(r.ChampionWilling ? "yes" : "no"),
            [SurveyIndexFields.Comments] = One(r.Comments),
            [SurveyIndexFields.Site] = One(r.Site),
            [SurveyIndexFields.Synthetic] = One(r.IsSynthetic ? "yes" : "no"),
            [SurveyIndexFields.ImportedAt] = [r.ImportedAt.Ticks],
        };
        foreach (var (activity, count) in counts)
        {
            values[activity] = [count];
        }

        return new ValueSet(r.RespondentId, SurveyIndexFields.Category, SurveyIndexFields.ItemType,
            values.Where(v => v.Value.Any()).ToDictionary(v => v.Key, v => v.Value));
    }

    private static IEnumerable<object> One(string? value) => string.IsNullOrWhiteSpace(value) ? [] : [value];
}
