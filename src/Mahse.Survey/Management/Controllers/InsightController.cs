using Asp.Versioning;
using Mahse.Survey.Centres;
using Mahse.Survey.Http;
using Mahse.Survey.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Mahse.Survey.Management.Controllers;

/// <summary>The survey's aggregates for staff: nothing suppressed, every champion count, the champions with their contact details.</summary>
[ApiVersion("1.0")]
public sealed class InsightController(CentresRanking ranking, SurveyAggregates aggregates, SurveyResponses responses) : SurveyDataControllerBase
{
    [HttpGet("centres")]
    [ProducesResponseType(typeof(IReadOnlyList<CentreOfExcellence>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [EndpointSummary("Organisations or departments (level=department) ranked by R&I activity, with every champion count.")]
    public async Task<IActionResult> Centres(string? division = null, string? level = null, int? take = null, CancellationToken ct = default)
    {
        if (SurveyPublicEndpoints.ParseLevel(level) is not { } by)
        {
            return Invalid(StatusCodes.Status400BadRequest, "Unknown ranking level", ("level", "Centres are ranked by 'organisation' or 'department'."));
        }

        return Ok(await ranking.RankAsync(division, by, Math.Clamp(take ?? 10, 1, 100), SurveyView.Staff, ct));
    }

    [HttpGet("centres/method")]
    [ProducesResponseType(typeof(CentreMethod), StatusCodes.Status200OK)]
    [EndpointSummary("The ranking's formula, weights in use, fewest responses ranked and full-confidence point.")]
    public IActionResult Method() => Ok(ranking.Method());

    [HttpGet("summary")]
    [ProducesResponseType(typeof(SurveySummary), StatusCodes.Status200OK)]
    [EndpointSummary("Responses by division, sub-region, career stage and activity (for the section's charts).")]
    public async Task<IActionResult> Summary(CancellationToken ct) => Ok(await aggregates.SummaryAsync(SurveyView.Staff, ct));

    [HttpGet("organisations")]
    [ProducesResponseType(typeof(IReadOnlyList<OrganisationProfile>), StatusCodes.Status200OK)]
    [EndpointSummary("Every organisation's profile, small groups included.")]
    public async Task<IActionResult> Organisations(CancellationToken ct) => Ok(await aggregates.OrganisationsAsync(SurveyView.Staff, ct));

    [HttpGet("champions")]
    [ProducesResponseType(typeof(IReadOnlyList<Champion>), StatusCodes.Status200OK)]
    [EndpointSummary("R&I champions who consented to be contacted.")]
    public async Task<IActionResult> Champions(string? division = null, string? specialism = null, string? region = null, int skip = 0, int take = 100, CancellationToken ct = default) =>
        Ok(await responses.ChampionsAsync(division, specialism, region, Math.Max(0, skip), Math.Clamp(take, 1, 1000), ct));
}
