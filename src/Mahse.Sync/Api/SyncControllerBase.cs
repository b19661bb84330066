using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Api.Common.Attributes;
using Umbraco.Cms.Api.Common.Builders;
using Umbraco.Cms.Api.Management.Controllers;
using Umbraco.Cms.Api.Management.Routing;
using Umbraco.Cms.Web.Common.Authorization;

namespace Mahse.Sync.Api;

/// <summary>
/// The sync module's Management API: Umbraco's conventions (versioned backoffice route, bearer tokens, problem
/// details), its own OpenAPI document, and Umbraco's administrators-only policy, as an import can rewrite the schema.
/// </summary>
[VersionedApiBackOfficeRoute(SyncApi.Route)]
[ApiExplorerSettings(GroupName = SyncApi.GroupName)]
[MapToApi(SyncApi.DocumentName)]
[Authorize(Policy = AuthorizationPolicies.RequireAdminAccess)]
public abstract class SyncControllerBase : ManagementApiControllerBase
{
    /// <summary>Every status to its problem details, in one place; an unmapped one is a 500, never a silent 200.</summary>
    protected IActionResult SyncOperationStatusResult(SyncOperationStatus status, string? detail = null) =>
        OperationStatusResult(status, problem => status switch
        {
            SyncOperationStatus.InvalidGroup => BadRequest(problem
                .WithTitle("Invalid group")
                .WithDetail(detail ?? $"The group must be one of {string.Join(", ", SyncGroupNames.Allowed)}.")
                .Build()),
            SyncOperationStatus.AlreadyRunning => Conflict(problem
                .WithTitle("A sync is already running")
                .WithDetail(detail ?? "Another import, report or export is running; follow it at usync/progress and try again when it has finished.")
                .Build()),
            SyncOperationStatus.NoReport => NotFound(problem
                .WithTitle("No report yet")
                .WithDetail("Nothing has been imported, reported or exported since the site started.")
                .Build()),
            _ => StatusCode(StatusCodes.Status500InternalServerError, problem
                .WithTitle("Unknown sync operation status.")
                .Build()),
        });
}
