using Mahse.Survey.Storage;
using NPoco;
using Umbraco.Cms.Infrastructure.Persistence;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Survey.Views;

/// <summary>A response as staff see it: everything, contact details and comments included.</summary>
public sealed record SurveyResponseView(
    string RespondentId, string Organisation, string? Site, string SubRegion, string Division, string Specialism, string CareerStage, string? Band,
    IReadOnlyDictionary<string, int> Activities, IReadOnlyList<string> Barriers, IReadOnlyList<string> TrainingNeeds, bool ChampionWilling,
    string? Comments, bool ContactConsent, string? ContactName, string? ContactEmail, bool IsSynthetic, DateTime ImportedAt,
    IReadOnlyList<string>? Highlights = null)
{
    public static SurveyResponseView From(SurveyResponseRow r, IReadOnlyList<string>? highlights = null) => new(
        r.RespondentId, r.OrganisationName ?? "", r.Site, r.SubRegion, r.Division, r.Specialism, r.CareerStage, r.Band, r.Activities(),
        Split(r.Barriers), Split(r.TrainingNeeds), r.ChampionWilling, r.Comments, r.ContactConsent, r.ContactName, r.ContactEmail, r.IsSynthetic,
        r.ImportedAt, highlights);

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>An R&amp;I champion who agreed to be contacted (shown to members and staff).</summary>
public sealed record Champion(string Name, string? Email, string Organisation, string? Department, string SubRegion, string Division, string Specialism, string CareerStage);

/// <summary>Filters of the staff list of responses (exact values, as stored in the vocabulary's spelling).</summary>
public sealed record SurveyResponseFilter(
    string? Division = null, string? SubRegion = null, string? Organisation = null, string? CareerStage = null, bool? Champion = null, bool? Synthetic = null,
    int Skip = 0, int Take = 50);

/// <summary>Single responses from the table: the staff list, and the champions who consented to be contacted.</summary>
public sealed class SurveyResponses(IScopeProvider scopes)
{
    private const string From = " FROM " + SurveyResponseRow.TableName + " r INNER JOIN " + SurveyOrganisationRow.TableName + " o ON o.id = r.organisationId";

    public async Task<(IReadOnlyList<SurveyResponseView> Items, long Total)> ListAsync(SurveyResponseFilter filter, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        var where = Where(scope.SqlContext, filter);
        var total = await scope.Database.ExecuteScalarAsync<long>(scope.SqlContext.Sql().Append("SELECT COUNT(*)" + From).Append(where));
        if (filter.Take <= 0 || filter.Skip >= total)
        {
            return ([], total);
        }

        var sql = scope.SqlContext.Sql().Append("SELECT r.*, o.name AS organisationName" + From).Append(where).Append("ORDER BY r.id");
        var rows = await scope.Database.SkipTakeAsync<SurveyResponseRow>(filter.Skip, filter.Take, sql);
        return (rows.Select(r => SurveyResponseView.From(r)).ToList(), total);
    }

    public async Task<IReadOnlyList<Champion>> ChampionsAsync(string? division, string? specialism, string? subRegion, int skip, int take, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        // Only champions who consented: without consent there is no name to show (the import dropped it), and no one to contact.
        var sql = scope.SqlContext.Sql().Append("SELECT r.*, o.name AS organisationName" + From
            + " WHERE r.championWilling = 1 AND r.contactConsent = 1 AND r.contactName IS NOT NULL");
        if (!string.IsNullOrWhiteSpace(division))
        {
            sql = sql.Append("AND r.division = @0", division.Trim());
        }

        if (!string.IsNullOrWhiteSpace(specialism))
        {
            sql = sql.Append("AND r.specialism = @0", specialism.Trim());
        }

        if (!string.IsNullOrWhiteSpace(subRegion))
        {
            sql = sql.Append("AND r.subRegion = @0", subRegion.Trim());
        }

        sql = sql.Append("ORDER BY r.contactName, r.id");
        var rows = await scope.Database.SkipTakeAsync<SurveyResponseRow>(skip, take, sql);
        return rows.Select(r => new Champion(r.ContactName!, r.ContactEmail, r.OrganisationName ?? "", r.Site, r.SubRegion, r.Division, r.Specialism, r.CareerStage)).ToList();
    }

    private static Sql<ISqlContext> Where(ISqlContext context, SurveyResponseFilter filter)
    {
        var sql = context.Sql().Append("WHERE 1 = 1");
        if (!string.IsNullOrWhiteSpace(filter.Division))
        {
            sql = sql.Append("AND r.division = @0", filter.Division.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.SubRegion))
        {
            sql = sql.Append("AND r.subRegion = @0", filter.SubRegion.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.Organisation))
        {
            sql = sql.Append("AND o.name = @0", filter.Organisation.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.CareerStage))
        {
            sql = sql.Append("AND r.careerStage = @0", filter.CareerStage.Trim());
        }

        if (filter.Champion is { } champion)
        {
            sql = sql.Append("AND r.championWilling = @0", champion);
        }

        if (filter.Synthetic is { } synthetic)
        {
            sql = sql.Append("AND r.isSynthetic = @0", synthetic);
        }

        return sql;
    }
}
