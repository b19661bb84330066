using Mahse.Survey.Centres;
using Mahse.Survey.Search;
using Mahse.Survey.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Mahse.Survey.Http;

/// <summary>
/// The survey for the public and members under <c>/mahse/api/v1/survey</c>: aggregates (groups under five suppressed),
/// the centres-of-excellence ranking with its method, organisation profiles, and for members the consenting champions.
/// Staff endpoints are Management API controllers (Management/).
/// </summary>
public static class SurveyPublicEndpoints
{
    public const string Root = "/mahse/api/v1/survey";

    public static IEndpointRouteBuilder MapSurveyPublicApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup(Root).WithTags("Survey");
        open.MapGet("/summary", async (HttpContext http, SurveyAggregates aggregates, CancellationToken ct) =>
                TypedResults.Ok(await aggregates.SummaryAsync(await SurveyReaders.ViewAsync(http), ct)))
            .WithName("SurveySummary").WithSummary("Responses by division, sub-region, career stage and activity; groups under five left out.");
        open.MapGet("/search", SearchAsync)
            .WithName("SearchSurvey").WithSummary("Totals and facets of a survey search; a result under five suppressed, facet values under five removed.");
        open.MapGet("/centres", (string? division, string? level, int? take, CentresRanking ranking, CancellationToken ct) =>
                CentresAsync(division, level, take, ranking, SurveyView.Public, ct))
            .WithName("SurveyCentresOfExcellence").WithSummary("Organisations or departments ranked by R&I activity, with the evidence behind each rank.");
        open.MapGet("/centres/method", (CentresRanking ranking) => TypedResults.Ok(ranking.Method()))
            .WithName("SurveyCentresMethod").WithSummary("How centres are ranked: the formula, the weights in use, the fewest responses ranked.");
        open.MapGet("/organisations", async (HttpContext http, SurveyAggregates aggregates, CancellationToken ct) =>
                TypedResults.Ok(await aggregates.OrganisationsAsync(await SurveyReaders.ViewAsync(http), ct)))
            .WithName("SurveyOrganisations").WithSummary("Each organisation's aggregated profile (groups under five left out).");
        open.MapGet("/champions", ChampionsAsync)
            .WithName("SurveyChampions").WithSummary("R&I champions who agreed to be contacted (signed-in members only).");
        return app;
    }

    private static async Task<IResult> SearchAsync([AsParameters] SurveySearchParameters p, HttpContext http, SurveySearchView search, CancellationToken ct)
    {
        var (request, problem) = p.ToRequest();
        if (problem is { } bad)
        {
            return BadRequest(bad.Field, bad.Message, "Invalid search");
        }

        try
        {
            return TypedResults.Ok(await search.SearchAsync(request!, await SurveyReaders.ViewAsync(http), ct));
        }
        catch (SurveySearchQueryException ex)
        {
            return BadRequest("q", ex.Message, "Invalid search");
        }
        catch (SurveySearchUnavailableException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Search unavailable", detail: ex.Message);
        }
    }

    private static async Task<IResult> ChampionsAsync(
        string? division, string? specialism, string? region, int? skip, int? take, HttpContext http, SurveyResponses responses, CancellationToken ct)
    {
        // Names and emails of people who agreed to be contacted by the community: members only, never the public.
        if (await SurveyReaders.MemberKeyAsync(http) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Members only",
                detail: "Champions are shown to signed-in members: send a Delivery API member access token.");
        }

        return TypedResults.Ok(await responses.ChampionsAsync(division, specialism, region, Math.Max(0, skip ?? 0), Math.Clamp(take ?? 20, 1, 100), ct));
    }

    /// <summary>Shared with the staff controller: the level parsed, the take clamped, the view's champion counts.</summary>
    public static async Task<IResult> CentresAsync(string? division, string? level, int? take, CentresRanking ranking, SurveyView view, CancellationToken ct)
    {
        if (ParseLevel(level) is not { } by)
        {
            return BadRequest("level", "Centres are ranked by 'organisation' or 'department'.", "Unknown ranking level");
        }

        return TypedResults.Ok(await ranking.RankAsync(division, by, Math.Clamp(take ?? 10, 1, 100), view, ct));
    }

    public static CentreLevel? ParseLevel(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        null or "" or "organisation" => CentreLevel.Organisation,
        "department" => CentreLevel.Department,
        _ => null,
    };

    private static ValidationProblem BadRequest(string field, string message, string title) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title);
}
