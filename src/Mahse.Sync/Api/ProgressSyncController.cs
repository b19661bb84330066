using Asp.Versioning;
using Mahse.Sync.Api.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Mahse.Sync.Api;

[ApiVersion("1.0")]
public sealed class ProgressSyncController(SyncService sync) : SyncControllerBase
{
    [HttpGet("progress")]
    [ProducesResponseType(typeof(SyncProgressResponseModel), StatusCodes.Status200OK)]
    [EndpointSummary("Gets the progress of the running (or last) import, report or export.")]
    [EndpointDescription("For a dashboard to poll while an import or export runs.")]
    public IActionResult Progress() => Ok(SyncProgressResponseModel.From(sync.Progress));
}
