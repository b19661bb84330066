namespace Mahse.Survey.Model;

/// <summary>
/// The six activity counts and the champions, summed over a group of responses (NPoco maps a query's aliases onto
/// these properties). Shared by the public aggregates and the centres ranking, which sum the same columns.
/// </summary>
public class ActivityCounts
{
    public int Audit { get; set; }

    public int ServiceImprovement { get; set; }

    public int Research { get; set; }

    public int Innovation { get; set; }

    public int Publication { get; set; }

    public int Grants { get; set; }

    public int Champions { get; set; }

    /// <summary>The counts keyed by <see cref="SurveyVocabulary.Activities"/>.</summary>
    public IReadOnlyDictionary<string, int> ByActivity() => new Dictionary<string, int>
    {
        [SurveyVocabulary.Activities[0]] = Audit, [SurveyVocabulary.Activities[1]] = ServiceImprovement, [SurveyVocabulary.Activities[2]] = Research,
        [SurveyVocabulary.Activities[3]] = Innovation, [SurveyVocabulary.Activities[4]] = Publication, [SurveyVocabulary.Activities[5]] = Grants,
    };

    protected void AddCounts(ActivityCounts other)
    {
        Audit += other.Audit;
        ServiceImprovement += other.ServiceImprovement;
        Research += other.Research;
        Innovation += other.Innovation;
        Publication += other.Publication;
        Grants += other.Grants;
        Champions += other.Champions;
    }
}
