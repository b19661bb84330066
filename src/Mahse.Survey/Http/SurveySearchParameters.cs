using Mahse.Survey.Model;
using Mahse.Survey.Search;

namespace Mahse.Survey.Http;

/// <summary>A search's query string, shared by the public and the staff endpoints.</summary>
public sealed record SurveySearchParameters(
    string? Q, string? Division, string? Specialism, string? Region, string? Organisation, string? CareerStage, string? Activity, string? Barrier,
    bool? Champion, string? RangeField, int? Min, int? Max, int? Skip, int? Take)
{
    public const int MaxTake = 500;

    /// <summary>The request, or what is wrong with the parameters (field, message).</summary>
    public (SurveySearchRequest? Request, (string Field, string Message)? Problem) ToRequest()
    {
        if (RangeField is { } field && !SurveyVocabulary.Activities.Contains(field))
        {
            return (null, ("rangeField", $"Ranges are on activity counts: {string.Join(", ", SurveyVocabulary.Activities)}."));
        }

        if (Skip is < 0 || Take is < 0 or > MaxTake)
        {
            return (null, ("take", $"skip must be 0 or more and take between 0 and {MaxTake}."));
        }

        var ranges = RangeField is { } range && (Min is not null || Max is not null)
            ? new Dictionary<string, SurveyRange> { [range] = new SurveyRange(Min, Max) }
            : new Dictionary<string, SurveyRange>();
        return (new SurveySearchRequest
        {
            Text = Q, Division = Division, Specialism = Specialism, SubRegion = Region, Organisation = Organisation, CareerStage = CareerStage,
            Activity = Activity, Barrier = Barrier, Champion = Champion, Ranges = ranges, Skip = Skip ?? 0, Take = Take ?? 20,
        }, null);
    }
}
