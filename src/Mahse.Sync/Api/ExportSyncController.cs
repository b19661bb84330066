using Asp.Versioning;
using Mahse.Sync.Api.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Hosting;

namespace Mahse.Sync.Api;

[ApiVersion("1.0")]
public sealed class ExportSyncController(SyncService sync, IHostEnvironment environment, IHostApplicationLifetime lifetime) : SyncControllerBase
{
    [HttpPost("export")]
    [ProducesResponseType(typeof(SyncReportResponseModel), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict)]
    [EndpointSummary("Exports the site to the uSync folder.")]
    [EndpointDescription("Writes every item of the chosen group to the site's uSync v17 folder in uSync's file format, answering with the change report. The body may be left out (All).")]
    public async Task<IActionResult> Export([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] SyncExportRequestModel? model)
    {
        if (!SyncGroupNames.TryParse(model?.Group, out var groups))
        {
            return SyncOperationStatusResult(SyncOperationStatus.InvalidGroup, $"'{model?.Group}' is not a group; use one of {string.Join(", ", SyncGroupNames.Allowed)}.");
        }

        if (sync.Progress.Running)
        {
            return SyncOperationStatusResult(SyncOperationStatus.AlreadyRunning);
        }

        var report = await sync.ExportAsync(null, groups, lifetime.ApplicationStopping);
        return Ok(SyncReportResponseModel.From(report, environment.ContentRootPath));
    }
}
