using Mahse.Survey.Configuration;
using Mahse.Survey.Model;
using Mahse.Survey.Storage;
using Mahse.Survey.Views;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Survey.Centres;

/// <summary>
/// Organisations, or their departments, ranked by R&amp;I activity with the evidence behind each rank. One GROUP BY
/// organisation and site reads the covering index IX_mahseSurveyResponse_Ranking; organisations are summed from their
/// sites in memory. Weights come from <c>Mahse:Survey:CentreWeights</c> (checked at start-up).
/// </summary>
public sealed class CentresRanking(IScopeProvider scopes, IOptionsMonitor<SurveyOptions> options)
{
    /// <summary>
    /// The aggregate, before its optional <c>WHERE division = @0</c> and its <c>GROUP BY organisationId, site</c>. Every
    /// column it reads is in IX_mahseSurveyResponse_Ranking, so SQLite answers from the index alone (tests check the plan).
    /// </summary>
    public const string AggregateSql =
        "SELECT organisationId AS OrganisationId, site AS Site, COUNT(*) AS Responses,"
        + " SUM(CASE WHEN championWilling = 1 THEN 1 ELSE 0 END) AS Champions,"
        + " SUM(auditCount) AS Audit, SUM(serviceImprovementCount) AS ServiceImprovement, SUM(researchCount) AS Research,"
        + " SUM(innovationCount) AS Innovation, SUM(publicationCount) AS Publication, SUM(grantCount) AS Grants"
        + " FROM " + SurveyResponseRow.TableName;

    public IReadOnlyDictionary<string, double> Weights => options.CurrentValue.CentreWeights;

    public CentreMethod Method() => new(CentreScore.Formula, Weights, CentreScore.MinimumResponses, CentreScore.FullConfidenceAt);

    public async Task<IReadOnlyList<CentreOfExcellence>> RankAsync(string? division, CentreLevel level, int take, SurveyView view, CancellationToken ct = default)
    {
        List<CentreCell> cells;
        Dictionary<int, SurveyOrganisationRow> organisations;
        using (var scope = scopes.CreateScope(autoComplete: true))
        {
            // Column order follows the covering index (organisationId, site, division, …) so SQLite groups from it alone.
            var sql = scope.SqlContext.Sql().Append(AggregateSql);
            if (!string.IsNullOrWhiteSpace(division))
            {
                sql = sql.Append("WHERE division = @0", division.Trim());
            }

            sql = sql.Append("GROUP BY organisationId, site");
            cells = await scope.Database.FetchAsync<CentreCell>(sql);
            organisations = (await scope.Database.FetchAsync<SurveyOrganisationRow>(scope.SqlContext.Sql().SelectAll().From<SurveyOrganisationRow>()))
                .ToDictionary(o => o.Id);
        }

        var groups = level == CentreLevel.Department
            ? cells.Where(c => !string.IsNullOrEmpty(c.Site))
            : cells.GroupBy(c => c.OrganisationId).Select(g => g.Aggregate(new CentreCell { OrganisationId = g.Key }, (sum, c) => sum.Add(c)));
        var weights = Weights;
        return groups.Where(g => g.Responses >= CentreScore.MinimumResponses && organisations.ContainsKey(g.OrganisationId))
            .Select(g =>
            {
                var totals = g.ByActivity();
                var evidence = new CentreEvidence(
                    g.Responses,
                    // Outside the backoffice a champion count under five is left out, as in the organisation profiles.
                    SmallGroups.Shown(g.Champions, view),
                    totals,
                    Math.Round(CentreScore.PerResponse(totals, weights, g.Responses), 3),
                    CentreScore.Confidence(g.Responses));
                return (Organisation: organisations[g.OrganisationId], g.Site, Score: CentreScore.Score(totals, weights, g.Responses), Evidence: evidence);
            })
            .OrderByDescending(x => x.Score).ThenBy(x => x.Organisation.Name, StringComparer.Ordinal).ThenBy(x => x.Site, StringComparer.Ordinal)
            .Take(take)
            .Select((x, i) => new CentreOfExcellence(i + 1, x.Organisation.Name, level == CentreLevel.Department ? x.Site : null, x.Organisation.SubRegion, x.Score, x.Evidence))
            .ToList();
    }

    /// <summary>One organisation-and-site group of the aggregate (NPoco maps the aliases onto these properties).</summary>
    public sealed class CentreCell : ActivityCounts
    {
        public int OrganisationId { get; set; }

        public string? Site { get; set; }

        public int Responses { get; set; }

        public CentreCell Add(CentreCell other)
        {
            Responses += other.Responses;
            AddCounts(other);
            return this;
        }
    }
}
