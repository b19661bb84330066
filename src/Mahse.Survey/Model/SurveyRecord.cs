namespace Mahse.Survey.Model;

/// <summary>One response as imported or generated, before it is stored (its organisation by name).</summary>
public sealed record SurveyRecord(
    string RespondentId, string Organisation, string OrganisationKind, string? Site, string SubRegion, string Division, string Specialism, string CareerStage, string? Band,
    IReadOnlyDictionary<string, int> Activities, IReadOnlyList<string> Barriers, IReadOnlyList<string> TrainingNeeds, bool ChampionWilling, string? Comments,
    bool ContactConsent, string? ContactName, string? ContactEmail, bool IsSynthetic);
