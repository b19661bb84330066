using Asp.Versioning;
using Mahse.Sync.Api.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;

namespace Mahse.Sync.Api;

[ApiVersion("1.0")]
public sealed class ReportSyncController(SyncService sync, IHostEnvironment environment) : SyncControllerBase
{
    [HttpGet("report")]
    [ProducesResponseType(typeof(SyncReportResponseModel), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("Gets the last change report.")]
    [EndpointDescription("The report of the last import, dry run or export since the site started (the start-up import's included).")]
    public IActionResult Report() =>
        sync.LastReport is { } report
            ? Ok(SyncReportResponseModel.From(report, environment.ContentRootPath))
            : SyncOperationStatusResult(SyncOperationStatus.NoReport);
}
