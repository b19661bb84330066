using Mahse.Survey.Model;
using Mahse.Survey.Storage;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Survey.Views;

/// <summary>Totals by division, sub-region, career stage and activity (respondents who reported it at least once).</summary>
public sealed record SurveySummary(
    long Responses, bool Suppressed, IReadOnlyDictionary<string, int> Divisions, IReadOnlyDictionary<string, int> SubRegions,
    IReadOnlyDictionary<string, int> CareerStages, IReadOnlyDictionary<string, int> Activities, int Champions);

/// <summary>An organisation's profile: who answered, from which divisions, what R&amp;I work they do and what holds them back.</summary>
public sealed record OrganisationProfile(string Organisation, string Kind, string SubRegion, int Responses, int Champions,
    IReadOnlyDictionary<string, int> Divisions, IReadOnlyDictionary<string, int> ActivityTotals, IReadOnlyDictionary<string, int> Barriers);

/// <summary>
/// The survey's aggregates from the table, for the three views: GROUP BY queries (never every row in memory), with
/// groups under five removed outside the backoffice, and a whole result under five suppressed.
/// </summary>
public sealed class SurveyAggregates(IScopeProvider scopes)
{
    private const string Table = SurveyResponseRow.TableName;

    public async Task<SurveySummary> SummaryAsync(SurveyView view, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        var db = scope.Database;
        var total = await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {Table}");
        if (view != SurveyView.Staff && total < SmallGroups.Minimum)
        {
            return new SurveySummary(0, true, Empty, Empty, Empty, Empty, 0);
        }

        if (total == 0)
        {
            return new SurveySummary(0, false, Empty, Empty, Empty, Empty, 0);
        }

        async Task<IReadOnlyDictionary<string, int>> ByAsync(string column) =>
            Shown((await db.FetchAsync<ValueCount>($"SELECT {column} AS Value, COUNT(*) AS Count FROM {Table} GROUP BY {column}")), view);

        var activities = await db.FirstAsync<ActivityCounts>(
            "SELECT SUM(CASE WHEN auditCount > 0 THEN 1 ELSE 0 END) AS Audit, SUM(CASE WHEN serviceImprovementCount > 0 THEN 1 ELSE 0 END) AS ServiceImprovement,"
            + " SUM(CASE WHEN researchCount > 0 THEN 1 ELSE 0 END) AS Research, SUM(CASE WHEN innovationCount > 0 THEN 1 ELSE 0 END) AS Innovation,"
            + " SUM(CASE WHEN publicationCount > 0 THEN 1 ELSE 0 END) AS Publication, SUM(CASE WHEN grantCount > 0 THEN 1 ELSE 0 END) AS Grants,"
            + $" SUM(CASE WHEN championWilling = 1 THEN 1 ELSE 0 END) AS Champions FROM {Table}");
        return new SurveySummary(
            total, false, await ByAsync("division"), await ByAsync("subRegion"), await ByAsync("careerStage"),
            Shown(activities.ByActivity().Select(a => new ValueCount { Value = a.Key, Count = a.Value }).ToList(), view),
            SmallGroups.Shown(activities.Champions, view));
    }

    /// <summary>Every organisation's profile; outside the backoffice organisations under five responses are left out, and so are counts under five.</summary>
    public async Task<IReadOnlyList<OrganisationProfile>> OrganisationsAsync(SurveyView view, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        var db = scope.Database;
        var organisations = await db.FetchAsync<SurveyOrganisationRow>(scope.SqlContext.Sql().SelectAll().From<SurveyOrganisationRow>().OrderBy<SurveyOrganisationRow>(o => o.Name));
        var totals = (await db.FetchAsync<OrganisationTotals>(
                "SELECT organisationId AS OrganisationId, COUNT(*) AS Responses, SUM(CASE WHEN championWilling = 1 THEN 1 ELSE 0 END) AS Champions,"
                + " SUM(auditCount) AS Audit, SUM(serviceImprovementCount) AS ServiceImprovement, SUM(researchCount) AS Research,"
                + " SUM(innovationCount) AS Innovation, SUM(publicationCount) AS Publication, SUM(grantCount) AS Grants"
                + $" FROM {Table} GROUP BY organisationId"))
            .ToDictionary(t => t.OrganisationId);
        var divisions = (await db.FetchAsync<KeyedCount>($"SELECT organisationId AS OrganisationId, division AS Value, COUNT(*) AS Count FROM {Table} GROUP BY organisationId, division"))
            .ToLookup(d => d.OrganisationId);
        // Barriers are a list in one column: the distinct combinations are few, so they are grouped in SQL and split here.
        var barriers = (await db.FetchAsync<KeyedCount>($"SELECT organisationId AS OrganisationId, barriers AS Value, COUNT(*) AS Count FROM {Table} GROUP BY organisationId, barriers"))
            .ToLookup(d => d.OrganisationId);
        var minimum = view == SurveyView.Staff ? 1 : SmallGroups.Minimum;
        return organisations.Where(o => totals.TryGetValue(o.Id, out var t) && t.Responses >= minimum).Select(o =>
        {
            var t = totals[o.Id];
            var barrierCounts = barriers[o.Id]
                .SelectMany(b => (b.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => new ValueCount { Value = v, Count = b.Count }))
                .GroupBy(v => v.Value).Select(g => new ValueCount { Value = g.Key, Count = g.Sum(v => v.Count) }).ToList();
            return new OrganisationProfile(o.Name, o.Kind, o.SubRegion, t.Responses, SmallGroups.Shown(t.Champions, view),
                Shown(divisions[o.Id].Select(d => new ValueCount { Value = d.Value, Count = d.Count }).ToList(), view),
                t.ByActivity(), Shown(barrierCounts, view));
        }).ToList();
    }

    private static readonly IReadOnlyDictionary<string, int> Empty = new Dictionary<string, int>();

    private static IReadOnlyDictionary<string, int> Shown(IReadOnlyList<ValueCount> counts, SurveyView view) => counts
        .Where(c => c.Value is { Length: > 0 } && (view == SurveyView.Staff || c.Count >= SmallGroups.Minimum))
        .OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal)
        .ToDictionary(c => c.Value!, c => c.Count);

    public sealed class ValueCount
    {
        public string? Value { get; set; }

        public int Count { get; set; }
    }

    public sealed class KeyedCount
    {
        public int OrganisationId { get; set; }

        public string? Value { get; set; }

        public int Count { get; set; }
    }

    public sealed class OrganisationTotals : ActivityCounts
    {
        public int OrganisationId { get; set; }

        public int Responses { get; set; }
    }
}
