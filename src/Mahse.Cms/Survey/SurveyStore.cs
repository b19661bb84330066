using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Survey;

public sealed record SurveySaveResult(int Inserted, int Updated, int Unchanged);

/// <summary>
/// Stores survey responses in batches, idempotently: a respondent id seen before updates its row (or leaves it
/// alone when nothing changed); organisations are created on first sight.
/// </summary>
public sealed class SurveyStore(ICmsDbContextFactory contexts, TimeProvider clock)
{
    public async Task<SurveySaveResult> SaveAsync(IReadOnlyList<SurveyRecord> batch, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var organisations = await db.SurveyOrganisations.ToDictionaryAsync(o => o.Name, StringComparer.OrdinalIgnoreCase, ct);
        foreach (var record in batch.Where(r => !organisations.ContainsKey(r.Organisation)).DistinctBy(r => r.Organisation, StringComparer.OrdinalIgnoreCase))
        {
            var row = new SurveyOrganisationRow { Key = Guid.NewGuid(), Name = record.Organisation, Kind = record.OrganisationKind, SubRegion = record.SubRegion };
            db.SurveyOrganisations.Add(row);
            organisations[row.Name] = row;
        }

        await db.SaveChangesAsync(ct);
        var ids = batch.Select(r => r.RespondentId).ToList();
        var existing = await db.SurveyResponses.Where(r => ids.Contains(r.RespondentId)).ToDictionaryAsync(r => r.RespondentId, ct);
        int inserted = 0, updated = 0, unchanged = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var record in batch)
        {
            var fresh = ToRow(record, organisations[record.Organisation].Id, now);
            if (existing.TryGetValue(record.RespondentId, out var row))
            {
                if (Same(row, fresh))
                {
                    unchanged++;
                    continue;
                }

                Copy(fresh, row);
                updated++;
            }
            else
            {
                fresh.Key = Guid.NewGuid();
                db.SurveyResponses.Add(fresh);
                existing[record.RespondentId] = fresh;
                inserted++;
            }
        }

        await db.SaveChangesAsync(ct);
        return new SurveySaveResult(inserted, updated, unchanged);
    }

    private static SurveyResponseRow ToRow(SurveyRecord r, int organisationId, DateTime now) => new()
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
        // Contact details only with consent, whatever the file holds.
        ContactConsent = r.ContactConsent,
        ContactName = r.ContactConsent ? r.ContactName : null,
        ContactEmail = r.ContactConsent ? r.ContactEmail : null,
        IsSynthetic = r.IsSynthetic,
        ImportedAt = now,
    };

    private static bool Same(SurveyResponseRow a, SurveyResponseRow b) =>
        a.OrganisationId == b.OrganisationId && a.Site == b.Site && a.SubRegion == b.SubRegion && a.Division == b.Division && a.Specialism == b.Specialism
        && a.CareerStage == b.CareerStage && a.Band == b.Band && a.AuditCount == b.AuditCount && a.ServiceImprovementCount == b.ServiceImprovementCount
        && a.ResearchCount == b.ResearchCount && a.InnovationCount == b.InnovationCount && a.PublicationCount == b.PublicationCount && a.GrantCount == b.GrantCount
        && a.Barriers == b.Barriers && a.TrainingNeeds == b.TrainingNeeds && a.ChampionWilling == b.ChampionWilling && a.Comments == b.Comments
        && a.ContactConsent == b.ContactConsent && a.ContactName == b.ContactName && a.ContactEmail == b.ContactEmail && a.IsSynthetic == b.IsSynthetic;

    private static void Copy(SurveyResponseRow from, SurveyResponseRow to)
    {
        var key = to.Key;
        var id = to.Id;
        foreach (var property in typeof(SurveyResponseRow).GetProperties())
        {
            property.SetValue(to, property.GetValue(from));
        }

        to.Key = key;
        to.Id = id;
    }
}
