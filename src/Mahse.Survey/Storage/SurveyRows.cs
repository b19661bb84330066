using Mahse.Survey.Model;

namespace Mahse.Survey.Storage;

/// <summary>From a record to its row, and whether a re-imported record changes anything.</summary>
public static class SurveyRows
{
    public static SurveyResponseRow From(SurveyRecord r, int organisationId, DateTime now) => new()
    {
        RespondentId = r.RespondentId,
        OrganisationId = organisationId,
        Site = r.Site,
        SubRegion = r.SubRegion,
        Division = r.Division,
        Specialism = r.Specialism,
        CareerStage = r.CareerStage,
        Band = r.Band,
        AuditCount = r.Activities.GetValueOrDefault("audit"),
        ServiceImprovementCount = r.Activities.GetValueOrDefault("serviceImprovement"),
        ResearchCount = r.Activities.GetValueOrDefault("research"),
        InnovationCount = r.Activities.GetValueOrDefault("innovation"),
        PublicationCount = r.Activities.GetValueOrDefault("publication"),
        GrantCount = r.Activities.GetValueOrDefault("grantHolding"),
        Barriers = string.Join(",", r.Barriers),
        TrainingNeeds = string.Join(",", r.TrainingNeeds),
        ChampionWilling = r.ChampionWilling,
        Comments = r.Comments,
        // Contact details only with consent, whatever the file holds (decision 0009): the store is the last gate.
        ContactConsent = r.ContactConsent,
        ContactName = r.ContactConsent ? r.ContactName : null,
        ContactEmail = r.ContactConsent ? r.ContactEmail : null,
        IsSynthetic = r.IsSynthetic,
        ImportedAt = now,
    };

    /// <summary>Same content (ids and the import time aside): a re-import of it is "unchanged".</summary>
    public static bool Same(SurveyResponseRow a, SurveyResponseRow b) =>
        a.OrganisationId == b.OrganisationId && a.Site == b.Site && a.SubRegion == b.SubRegion && a.Division == b.Division && a.Specialism == b.Specialism
        && a.CareerStage == b.CareerStage && a.Band == b.Band && a.AuditCount == b.AuditCount && a.ServiceImprovementCount == b.ServiceImprovementCount
        && a.ResearchCount == b.ResearchCount && a.InnovationCount == b.InnovationCount && a.PublicationCount == b.PublicationCount && a.GrantCount == b.GrantCount
        && a.Barriers == b.Barriers && a.TrainingNeeds == b.TrainingNeeds && a.ChampionWilling == b.ChampionWilling && a.Comments == b.Comments
        && a.ContactConsent == b.ContactConsent && a.ContactName == b.ContactName && a.ContactEmail == b.ContactEmail && a.IsSynthetic == b.IsSynthetic;
}
