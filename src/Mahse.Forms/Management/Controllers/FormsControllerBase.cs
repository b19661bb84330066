using Mahse.Forms.Management.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Umbraco.Cms.Api.Common.Attributes;
using Umbraco.Cms.Api.Management.Controllers;
using Umbraco.Cms.Api.Management.Routing;

namespace Mahse.Forms.Management.Controllers;

/// <summary>
/// The forms module's Management API: Umbraco's conventions (versioned backoffice route, bearer tokens, problem
/// details), its own OpenAPI document, and the Forms section policy on every action.
/// </summary>
[VersionedApiBackOfficeRoute(FormsManagementApi.Route)]
[ApiExplorerSettings(GroupName = FormsManagementApi.GroupName)]
[MapToApi(FormsManagementApi.DocumentName)]
[Authorize(Policy = FormsPolicies.Section)]
public abstract class FormsControllerBase : ManagementApiControllerBase
{
    protected IActionResult NotFoundProblem(string what) =>
        Problem(title: $"The {what} was not found", statusCode: StatusCodes.Status404NotFound);

    protected IActionResult BadRequestProblem(string title, string detail) =>
        Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);

    protected IActionResult ConflictProblem(string title, string? detail = null) =>
        Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>A 422 validation problem with the errors by member ("name", "fields", "workflows", …).</summary>
    protected IActionResult Unprocessable(IEnumerable<KeyValuePair<string, string>> errors, string title = "The request is not valid")
    {
        var state = new ModelStateDictionary();
        foreach (var (key, message) in errors)
        {
            state.AddModelError(key, message);
        }

        return ValidationProblem(title: title, statusCode: StatusCodes.Status422UnprocessableEntity, modelStateDictionary: state);
    }

    /// <summary>Paging as Umbraco's tree and list endpoints take it; null when it is fine.</summary>
    protected IActionResult? PagingProblem(int skip, int take, int maxTake) =>
        skip < 0 || take < 0 || take > maxTake
            ? BadRequestProblem("Invalid paging", $"skip must be 0 or more and take between 0 and {maxTake}.")
            : null;
}

/// <summary>Entries hold what applicants sent: the Forms section and an entry reader group.</summary>
[Authorize(Policy = FormsPolicies.EntryReaders)]
public abstract class EntriesControllerBase : FormsControllerBase;
