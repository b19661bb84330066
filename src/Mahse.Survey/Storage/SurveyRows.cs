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

    /// <summary>The columns a new row is inserted with (all but the id), and their values.</summary>
    public static readonly IReadOnlyList<(string Column, Func<SurveyResponseRow, object?> Value)> InsertColumns =
    [
        ("key", r => r.Key), ("respondentId", r => r.RespondentId), ("organisationId", r => r.OrganisationId), ("site", r => r.Site),
        ("subRegion", r => r.SubRegion), ("division", r => r.Division), ("specialism", r => r.Specialism), ("careerStage", r => r.CareerStage),
        ("band", r => r.Band), ("auditCount", r => r.AuditCount), ("serviceImprovementCount", r => r.ServiceImprovementCount),
        ("researchCount", r => r.ResearchCount), ("innovationCount", r => r.InnovationCount), ("publicationCount", r => r.PublicationCount),
        ("grantCount", r => r.GrantCount), ("barriers", r => r.Barriers), ("trainingNeeds", r => r.TrainingNeeds),
        ("championWilling", r => r.ChampionWilling), ("comments", r => r.Comments), ("contactConsent", r => r.ContactConsent),
        ("contactName", r => r.ContactName), ("contactEmail", r => r.ContactEmail), ("isSynthetic", r => r.IsSynthetic), ("importedAt", r => r.ImportedAt),
    ];

    /// <summary>Rows per multi-row INSERT: SQL Server takes at most 2,100 parameters a statement.</summary>
    public static int RowsPerInsert => 2000 / InsertColumns.Count;

    /// <summary>One INSERT of many rows (<c>VALUES (…), (…)</c>) with positional parameters, and its arguments.</summary>
    public static (string Sql, object?[] Args) MultiRowInsert(IReadOnlyList<SurveyResponseRow> rows, Func<string, string> quote)
    {
        var columns = InsertColumns;
        var sql = new System.Text.StringBuilder("INSERT INTO ").Append(quote(SurveyResponseRow.TableName)).Append(" (")
            .Append(string.Join(", ", columns.Select(c => quote(c.Column)))).Append(") VALUES ");
        var args = new object?[rows.Count * columns.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            sql.Append(i == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var index = i * columns.Count + c;
                sql.Append(c == 0 ? "@" : ", @").Append(index);
                args[index] = columns[c].Value(rows[i]);
            }

            sql.Append(')');
        }

        return (sql.ToString(), args);
    }

    /// <summary>Same content (ids and the import time aside): a re-import of it is "unchanged".</summary>
    public static bool Same(SurveyResponseRow a, SurveyResponseRow b) =>
        a.OrganisationId == b.OrganisationId && a.Site == b.Site && a.SubRegion == b.SubRegion && a.Division == b.Division && a.Specialism == b.Specialism
        && a.CareerStage == b.CareerStage && a.Band == b.Band && a.AuditCount == b.AuditCount && a.ServiceImprovementCount == b.ServiceImprovementCount
        && a.ResearchCount == b.ResearchCount && a.InnovationCount == b.InnovationCount && a.PublicationCount == b.PublicationCount && a.GrantCount == b.GrantCount
        && a.Barriers == b.Barriers && a.TrainingNeeds == b.TrainingNeeds && a.ChampionWilling == b.ChampionWilling && a.Comments == b.Comments
        && a.ContactConsent == b.ContactConsent && a.ContactName == b.ContactName && a.ContactEmail == b.ContactEmail && a.IsSynthetic == b.IsSynthetic;
}
