namespace Mahse.Survey.Centres;

/// <summary>
/// The score of decision 0009: <c>(Σ activity count × weight) / responses × min(1, responses / 20)</c>. Rarer, more
/// demanding R&amp;I work weighs more, and the confidence factor keeps a handful of enthusiastic respondents from
/// outranking a department's broad activity.
/// </summary>
public static class CentreScore
{
    /// <summary>Groups with fewer responses are not ranked at all.</summary>
    public const int MinimumResponses = 5;

    /// <summary>Responses from which a group's activity counts fully; below it the score is scaled down.</summary>
    public const int FullConfidenceAt = 20;

    public const string Formula = "score = (Σ activity count × weight) / responses × min(1, responses / 20)";

    public static double PerResponse(IReadOnlyDictionary<string, int> totals, IReadOnlyDictionary<string, double> weights, int responses) =>
        responses == 0 ? 0 : totals.Sum(t => t.Value * weights.GetValueOrDefault(t.Key)) / responses;

    public static double Confidence(int responses) => Math.Min(1.0, responses / (double)FullConfidenceAt);

    public static double Score(IReadOnlyDictionary<string, int> totals, IReadOnlyDictionary<string, double> weights, int responses) =>
        Math.Round(PerResponse(totals, weights, responses) * Confidence(responses), 3);
}
