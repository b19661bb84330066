using System.Text.Json;
using Asp.Versioning;
using Mahse.Survey.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Web.Common.Authorization;

namespace Mahse.Survey.Management.Controllers;

/// <summary>Imports a survey export (CSV or XLSX) through an optional column mapping; Administrators only (decision 0009).</summary>
[ApiVersion("1.0")]
[Authorize(Policy = AuthorizationPolicies.RequireAdminAccess)]
public sealed class ImportController(SurveyImporter importer) : SurveyControllerBase
{
    /// <summary>Uploads are streamed row by row; 100,000 responses are some 20 MB, so this leaves room for wide exports.</summary>
    public const long MaxUploadBytes = 256L * 1024 * 1024;

    [HttpPost("import")]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(MaxUploadBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
    [ProducesResponseType(typeof(SurveyImportReport), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity)]
    [EndpointSummary("Imports a CSV or XLSX file ('file') with an optional column mapping ('mapping', JSON); answers with the report.")]
    public async Task<IActionResult> Import(IFormFile? file, [FromForm] string? mapping, CancellationToken ct)
    {
        if (file is not { Length: > 0 })
        {
            return Invalid(StatusCodes.Status400BadRequest, "No file", ("file", "Attach the survey export as 'file' (multipart/form-data)."));
        }

        SurveyColumnMapping columns;
        try
        {
            columns = SurveyColumnMapping.Parse(mapping);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            return Invalid(StatusCodes.Status400BadRequest, "Invalid mapping", ("mapping", $"The mapping is not valid: {ex.Message}"));
        }

        await using var stream = file.OpenReadStream();
        var report = await importer.ImportAsync(stream, file.FileName, columns, ct);
        return report.FileProblemKind switch
        {
            null => Ok(report),
            // Not a table we can read at all (type, empty, broken): the request's file is wrong.
            SurveyFileProblemKind.Unreadable => Invalid(StatusCodes.Status400BadRequest, "File refused", ("file", report.FileProblem!)),
            // A readable table that lacks what the mapping needs: understood, but cannot be processed.
            _ => Invalid(StatusCodes.Status422UnprocessableEntity, "File refused", ("file", report.FileProblem!)),
        };
    }
}
