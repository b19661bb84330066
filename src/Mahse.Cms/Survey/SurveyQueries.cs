using Mahse.Cms.Persistence;
using Mahse.Cms.Search;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Survey;

/// <summary>Who is asking, which decides what they see (issue: three views).</summary>
public enum SurveyView
{
    /// <summary>Aggregates only, with groups of fewer than five responses suppressed.</summary>
    Public,

    /// <summary>Aggregates, and the champions who consented to be contacted.</summary>
    Member,

    /// <summary>Backoffice users in a group allowed to see survey data: every response, personal details included.</summary>
    Staff,
}

public sealed record SurveySearchRequest(
    string? Text, string? Division, string? Specialism, string? SubRegion, string? Organisation, string? CareerStage, string? Activity, string? Barrier,
    bool? Champion, string? RangeField, int? Min, int? Max, int Skip = 0, int Take = 20);

public sealed record SurveyResponseView(
    long Id, string Organisation, string? Site, string SubRegion, string Division, string Specialism, string CareerStage,
    IReadOnlyDictionary<string, int> Activities, IReadOnlyList<string> Barriers, bool ChampionWilling, string? Comments, IReadOnlyList<string> Highlights,
    string? ContactName, string? ContactEmail, bool IsSynthetic);

public sealed record SurveySearchResult(long Total, IReadOnlyList<FacetResult> Facets, IReadOnlyList<SurveyResponseView>? Items, bool Suppressed);

/// <summary>The ranking's method: its formula, weights, the fewest responses ranked, and where confidence is full.</summary>
public sealed record CentreMethod(string Formula, IReadOnlyDictionary<string, double> Weights, int MinimumResponses, int FullConfidenceAt);

/// <summary>The survey's settings (<c>Mahse:Survey</c>).</summary>
public sealed class SurveyOptions
{
    /// <summary>
    /// Weight of each activity in the centres-of-excellence score: rarer, more demanding R&amp;I work counts more
    /// (docs/decisions/0009-survey.md). Configured values replace the defaults one by one.
    /// </summary>
    public Dictionary<string, double> CentreWeights { get; set; } = new()
    {
        ["audit"] = 0.5, ["serviceImprovement"] = 1, ["research"] = 3, ["innovation"] = 3, ["publication"] = 2, ["grantHolding"] = 4,
    };

    /// <summary>Refuses weights for unknown activities and negative weights, at start-up, with what is wrong.</summary>
    public static Microsoft.Extensions.Options.ValidateOptionsResult Validate(SurveyOptions options)
    {
        var problems = options.CentreWeights.Where(w => !SurveyVocabulary.Activities.Contains(w.Key)).Select(w => $"'{w.Key}' is not an activity ({string.Join(", ", SurveyVocabulary.Activities)})")
            .Concat(options.CentreWeights.Where(w => w.Value < 0 || double.IsNaN(w.Value) || double.IsInfinity(w.Value)).Select(w => $"the weight of '{w.Key}' must be 0 or more"))
            .Concat(SurveyVocabulary.Activities.Where(a => !options.CentreWeights.ContainsKey(a)).Select(a => $"'{a}' has no weight"))
            .ToList();
        return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail("Mahse:Survey:CentreWeights: " + string.Join("; ", problems) + ".");
    }
}

public sealed record CentreEvidence(int Responses, int Champions, IReadOnlyDictionary<string, int> ActivityTotals, double ActivityPerResponse, double Confidence);

/// <summary>One ranked centre: an organisation, or a department (a site of an organisation) when ranked by department.</summary>
public sealed record CentreOfExcellence(int Rank, string Organisation, string? Department, string SubRegion, double Score, CentreEvidence Evidence);

/// <summary>What the centres-of-excellence ranking ranks.</summary>
public enum CentreLevel
{
    Organisation,
    Department,
}

/// <summary>An organisation's aggregated profile: how many answered, from which divisions, what R&amp;I work they do and what holds them back.</summary>
public sealed record OrganisationProfile(string Organisation, string Kind, string SubRegion, int Responses, int Champions,
    IReadOnlyDictionary<string, int> Divisions, IReadOnlyDictionary<string, int> ActivityTotals, IReadOnlyDictionary<string, int> Barriers);

public sealed record Champion(string Name, string? Email, string Organisation, string SubRegion, string Division, string Specialism, string CareerStage);

/// <summary>
/// Searches and ranks the survey for the three audiences. Search runs on SurveyIndex (English stemming over
/// comments and specialisms, facets, activity ranges, highlights); the ranking and the champions come from the
/// database. Anything shown to the public or to members is an aggregate over at least five responses.
/// </summary>
public sealed class SurveyQueries(IndexManager indexes, ICmsDbContextFactory contexts, Microsoft.Extensions.Options.IOptions<SurveyOptions> options)
{
    public const int SmallGroup = 5;

    /// <summary>Responses from which an organisation's activity counts fully; below it the score is scaled down.</summary>
    public const int FullConfidenceAt = 20;

    /// <summary>The score's weights (<c>Mahse:Survey:CentreWeights</c>, defaults in <see cref="SurveyOptions"/>).</summary>
    public IReadOnlyDictionary<string, double> Weights => options.Value.CentreWeights;

    /// <summary>How the ranking is computed, for anyone who wants to check a rank.</summary>
    public CentreMethod Method() => new(
        "score = (Σ activity count × weight) / responses × min(1, responses / " + FullConfidenceAt + ")", Weights, SmallGroup, FullConfidenceAt);

    private static readonly string[] FacetFields = ["division", "specialism", "subRegion", "organisation", "careerStage", "activities", "barriers", "champion"];

    public SurveySearchResult Search(SurveySearchRequest request, SurveyView view)
    {
        var query = indexes.Survey.CreateQuery("survey");
        var any = false;
        void And(Func<SearchQuery, SearchQuery> clause)
        {
            if (any)
            {
                query.And();
            }

            clause(query);
            any = true;
        }

        if (!string.IsNullOrWhiteSpace(request.Text))
        {
            And(q => q.Group(g => g.ManagedQuery(request.Text.Trim(), ["comments", "specialismText"])));
        }

        foreach (var (field, value) in new[] { ("division", request.Division), ("specialism", request.Specialism), ("subRegion", request.SubRegion),
                     ("organisation", request.Organisation), ("careerStage", request.CareerStage), ("activities", request.Activity), ("barriers", request.Barrier),
                     ("champion", request.Champion is null ? null : request.Champion.Value ? "yes" : "no") })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                And(q => q.Field(field, value.Trim()));
            }
        }

        if (request.RangeField is { } range && (request.Min is not null || request.Max is not null))
        {
            And(q => q.RangeQuery<int>([range], request.Min, request.Max));
        }

        if (!any)
        {
            query.All();
        }

        var staff = view == SurveyView.Staff;
        var results = query.WithFacets(f =>
            {
                foreach (var field in FacetFields)
                {
                    f.FacetString(field, 50);
                }
            })
            .WithHighlight("comments")
            .Execute(request.Skip, staff ? request.Take : 0);

        // Outside the backoffice: aggregates only, and no group small enough to point at a person.
        if (!staff)
        {
            var suppressed = results.TotalItemCount < SmallGroup;
            var facets = suppressed ? [] : results.Facets.Select(f => new FacetResult(f.Field, f.Values.Where(v => v.Count >= SmallGroup).ToList())).ToList();
            return new SurveySearchResult(suppressed ? 0 : results.TotalItemCount, facets, null, suppressed);
        }

        var ids = results.Hits.Select(h => long.Parse(h.Id)).ToList();
        using var db = contexts.CreateDbContext();
        var rows = db.SurveyResponses.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionary(r => r.Id);
        var names = db.SurveyOrganisations.AsNoTracking().ToDictionary(o => o.Id, o => o.Name);
        var items = results.Hits.Where(h => rows.ContainsKey(long.Parse(h.Id))).Select(h =>
        {
            var r = rows[long.Parse(h.Id)];
            return new SurveyResponseView(r.Id, names.GetValueOrDefault(r.OrganisationId, ""), r.Site, r.SubRegion, r.Division, r.Specialism, r.CareerStage, Counts(r),
                r.Barriers.Split(',', StringSplitOptions.RemoveEmptyEntries), r.ChampionWilling, r.Comments, h.Highlights, r.ContactName, r.ContactEmail, r.IsSynthetic);
        }).ToList();
        return new SurveySearchResult(results.TotalItemCount, results.Facets, items, false);
    }

    /// <summary>
    /// Organisations, or their departments, ranked by their R&amp;I activity: the weighted activity per response, times a
    /// confidence that grows with the number of responses (full from 20). Groups with fewer than five responses are not
    /// ranked, and responses that name no department are left out of a department ranking.
    /// </summary>
    public async Task<IReadOnlyList<CentreOfExcellence>> CentresAsync(string? division, CentreLevel level, int take, CancellationToken ct, SurveyView view = SurveyView.Public)
    {
        await using var db = contexts.CreateDbContext();
        var responses = db.SurveyResponses.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(division))
        {
            responses = responses.Where(r => r.Division == division);
        }

        // One grouping by organisation and site, in the ranking index's order; organisations are the sum of their sites.
        var cells = await responses.GroupBy(r => new { r.OrganisationId, r.Site }).Select(g => new CentreTotals(
            g.Key.OrganisationId, g.Key.Site, g.Count(), g.Count(r => r.ChampionWilling), g.Sum(r => r.AuditCount), g.Sum(r => r.ServiceImprovementCount),
            g.Sum(r => r.ResearchCount), g.Sum(r => r.InnovationCount), g.Sum(r => r.PublicationCount), g.Sum(r => r.GrantCount))).ToListAsync(ct);
        var groups = level == CentreLevel.Department
            ? cells.Where(c => !string.IsNullOrEmpty(c.Site))
            : cells.GroupBy(c => c.OrganisationId).Select(g => g.Aggregate((x, y) => x.Plus(y)) with { Site = null });
        var organisations = await db.SurveyOrganisations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);

        return groups.Where(g => g.Responses >= SmallGroup).Select(g =>
            {
                var totals = new Dictionary<string, int>
                {
                    ["audit"] = g.Audit, ["serviceImprovement"] = g.ServiceImprovement, ["research"] = g.Research,
                    ["innovation"] = g.Innovation, ["publication"] = g.Publication, ["grantHolding"] = g.Grants,
                };
                var perResponse = totals.Sum(t => t.Value * Weights[t.Key]) / g.Responses;
                var confidence = Math.Min(1.0, g.Responses / (double)FullConfidenceAt);
                return (Organisation: organisations[g.OrganisationId], g.Site, Score: Math.Round(perResponse * confidence, 3),
                    // Outside the backoffice a champion count under five is left out, as in the organisation profiles.
                    Evidence: new CentreEvidence(g.Responses, g.Champions >= SmallGroup || view == SurveyView.Staff ? g.Champions : 0, totals, Math.Round(perResponse, 3), confidence));
            })
            .OrderByDescending(x => x.Score).ThenBy(x => x.Organisation.Name, StringComparer.Ordinal).ThenBy(x => x.Site, StringComparer.Ordinal).Take(take)
            .Select((x, i) => new CentreOfExcellence(i + 1, x.Organisation.Name, x.Site, x.Organisation.SubRegion, x.Score, x.Evidence)).ToList();
    }

    private sealed record CentreTotals(
        int OrganisationId, string? Site, int Responses, int Champions, int Audit, int ServiceImprovement, int Research, int Innovation, int Publication, int Grants)
    {
        public CentreTotals Plus(CentreTotals other) => this with
        {
            Responses = Responses + other.Responses, Champions = Champions + other.Champions, Audit = Audit + other.Audit,
            ServiceImprovement = ServiceImprovement + other.ServiceImprovement, Research = Research + other.Research, Innovation = Innovation + other.Innovation,
            Publication = Publication + other.Publication, Grants = Grants + other.Grants,
        };
    }

    /// <summary>
    /// Every organisation's profile. Outside the backoffice, organisations with fewer than five responses are left out
    /// and so are division and barrier counts under five, so no one can be picked out.
    /// </summary>
    public async Task<IReadOnlyList<OrganisationProfile>> OrganisationsAsync(SurveyView view, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var organisations = await db.SurveyOrganisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        var rows = await db.SurveyResponses.AsNoTracking()
            .Select(r => new { r.OrganisationId, r.Division, r.Barriers, r.ChampionWilling, r.AuditCount, r.ServiceImprovementCount, r.ResearchCount, r.InnovationCount, r.PublicationCount, r.GrantCount })
            .ToListAsync(ct);
        var minimum = view == SurveyView.Staff ? 1 : SmallGroup;
        var byOrganisation = rows.GroupBy(r => r.OrganisationId).ToDictionary(g => g.Key);
        return organisations.Where(o => byOrganisation.TryGetValue(o.Id, out var g) && g.Count() >= minimum).Select(o =>
        {
            var group = byOrganisation[o.Id].ToList();
            IReadOnlyDictionary<string, int> Counted(IEnumerable<string> values) => values.GroupBy(v => v).Where(g => g.Count() >= minimum)
                .OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());
            return new OrganisationProfile(o.Name, o.Kind, o.SubRegion, group.Count, group.Count(r => r.ChampionWilling) is var c && c >= minimum ? c : 0,
                Counted(group.Select(r => r.Division)),
                new Dictionary<string, int>
                {
                    ["audit"] = group.Sum(r => r.AuditCount), ["serviceImprovement"] = group.Sum(r => r.ServiceImprovementCount), ["research"] = group.Sum(r => r.ResearchCount),
                    ["innovation"] = group.Sum(r => r.InnovationCount), ["publication"] = group.Sum(r => r.PublicationCount), ["grantHolding"] = group.Sum(r => r.GrantCount),
                },
                Counted(group.SelectMany(r => r.Barriers.Split(',', StringSplitOptions.RemoveEmptyEntries))));
        }).ToList();
    }

    /// <summary>Respondents willing to be R&amp;I champions who consented to be contacted (members and staff only).</summary>
    public async Task<IReadOnlyList<Champion>> ChampionsAsync(string? division, string? specialism, string? subRegion, int skip, int take, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var query = db.SurveyResponses.AsNoTracking().Where(r => r.ChampionWilling && r.ContactConsent && r.ContactName != null);
        if (!string.IsNullOrWhiteSpace(division))
        {
            query = query.Where(r => r.Division == division);
        }

        if (!string.IsNullOrWhiteSpace(specialism))
        {
            query = query.Where(r => r.Specialism == specialism);
        }

        if (!string.IsNullOrWhiteSpace(subRegion))
        {
            query = query.Where(r => r.SubRegion == subRegion);
        }

        var rows = await query.OrderBy(r => r.ContactName).ThenBy(r => r.Id).Skip(skip).Take(take)
            .Join(db.SurveyOrganisations, r => r.OrganisationId, o => o.Id, (r, o) => new Champion(r.ContactName!, r.ContactEmail, o.Name, r.SubRegion, r.Division, r.Specialism, r.CareerStage))
            .ToListAsync(ct);
        return rows;
    }

    private static IReadOnlyDictionary<string, int> Counts(SurveyResponseRow r) => new Dictionary<string, int>
    {
        ["audit"] = r.AuditCount, ["serviceImprovement"] = r.ServiceImprovementCount, ["research"] = r.ResearchCount,
        ["innovation"] = r.InnovationCount, ["publication"] = r.PublicationCount, ["grantHolding"] = r.GrantCount,
    };
}
