using Asp.Versioning;
using Mahse.Survey.Export;
using Mahse.Survey.Http;
using Mahse.Survey.Search;
using Mahse.Survey.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Mahse.Survey.Management.Controllers;

/// <summary>A page of responses with the total that match.</summary>
public sealed record SurveyResponsePage(long Total, IReadOnlyList<SurveyResponseView> Items);

/// <summary>Every response, for staff in a viewer group: list, faceted search with highlights, export.</summary>
[ApiVersion("1.0")]
public sealed class ResponseController(SurveyResponses responses, SurveySearchView search, SurveyExport export) : SurveyDataControllerBase
{
    private const int MaxTake = 500;

    [HttpGet("responses")]
    [ProducesResponseType(typeof(SurveyResponsePage), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [EndpointSummary("Responses with contact details and comments, oldest first, filtered by exact values.")]
    public async Task<IActionResult> List(
        string? division = null, string? region = null, string? organisation = null, string? careerStage = null, bool? champion = null, bool? synthetic = null,
        int skip = 0, int take = 50, CancellationToken ct = default)
    {
        if (skip < 0 || take < 0 || take > MaxTake)
        {
            return Invalid(StatusCodes.Status400BadRequest, "Invalid paging", ("take", $"skip must be 0 or more and take between 0 and {MaxTake}."));
        }

        var (items, total) = await responses.ListAsync(new SurveyResponseFilter(division, region, organisation, careerStage, champion, synthetic, skip, take), ct);
        return Ok(new SurveyResponsePage(total, items));
    }

    [HttpGet("search")]
    [ProducesResponseType(typeof(SurveySearchAnswer), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status503ServiceUnavailable)]
    [EndpointSummary("Faceted search of the responses (the survey index), with highlights and every facet count.")]
    public async Task<IActionResult> Search([FromQuery] SurveySearchParameters parameters, CancellationToken ct)
    {
        var (request, problem) = parameters.ToRequest();
        if (problem is { } bad)
        {
            return Invalid(StatusCodes.Status400BadRequest, "Invalid search", bad);
        }

        try
        {
            return Ok(await search.SearchAsync(request!, SurveyView.Staff, ct));
        }
        catch (SurveySearchQueryException ex)
        {
            return Invalid(StatusCodes.Status400BadRequest, "Invalid search", ("q", ex.Message));
        }
        catch (SurveySearchUnavailableException ex)
        {
            return Problem(title: "Search unavailable", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    [HttpGet("export")]
    [ProducesResponseType(typeof(FileStreamResult), StatusCodes.Status200OK, "text/csv", SurveyExport.XlsxContentType)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [EndpointSummary("Every response as CSV or XLSX (format=xlsx) in the import's columns, so the file imports again unchanged.")]
    public async Task<IActionResult> Export(string? format = null, CancellationToken ct = default)
    {
        if (!SurveyExport.TryFormat(format, out var xlsx))
        {
            return Invalid(StatusCodes.Status400BadRequest, "Unknown export format", ("format", "The export format is csv or xlsx."));
        }

        var stream = await export.WriteAsync(xlsx, ct);
        return File(stream, xlsx ? SurveyExport.XlsxContentType : SurveyExport.CsvContentType, $"survey-responses.{(xlsx ? "xlsx" : "csv")}");
    }
}
