using Asp.Versioning;
using Mahse.Sync.Api.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Hosting;

namespace Mahse.Sync.Api;

[ApiVersion("1.0")]
public sealed class ImportSyncController(SyncService sync, IHostEnvironment environment, IHostApplicationLifetime lifetime) : SyncControllerBase
{
    [HttpPost("import")]
    [ProducesResponseType(typeof(SyncReportResponseModel), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict)]
    [EndpointSummary("Imports the uSync folder, or reports what an import would change.")]
    [EndpointDescription("Reads the site's uSync v17 folder in uSync's order and applies it (or, with dryRun, only reports), answering with the change report. Runs to the end once started, even if the caller goes away.")]
    public async Task<IActionResult> Import(SyncImportRequestModel model)
    {
        if (!SyncGroupNames.TryParse(model.Group, out var groups))
        {
            return SyncOperationStatusResult(SyncOperationStatus.InvalidGroup, $"'{model.Group}' is not a group; use one of {string.Join(", ", SyncGroupNames.Allowed)}.");
        }

        // A second request that slips past this check waits for the first to finish (the service runs one at a time).
        if (sync.Progress.Running)
        {
            return SyncOperationStatusResult(SyncOperationStatus.AlreadyRunning);
        }

        // Not the request's token: leaving the dashboard must not stop an import half-way; stopping the site may.
        var report = await sync.ImportAsync(null, model.DryRun, groups, lifetime.ApplicationStopping);
        return Ok(SyncReportResponseModel.From(report, environment.ContentRootPath));
    }
}
