using Mahse.Survey.Management.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Umbraco.Cms.Api.Common.Attributes;
using Umbraco.Cms.Api.Management.Controllers;
using Umbraco.Cms.Api.Management.Routing;

namespace Mahse.Survey.Management.Controllers;

/// <summary>
/// The survey's Management API under <c>/umbraco/management/api/v1/survey</c>: Umbraco's conventions (versioned
/// backoffice route, bearer tokens, problem details) and its own OpenAPI document.
/// </summary>
[VersionedApiBackOfficeRoute(SurveyManagementApi.Route)]
[ApiExplorerSettings(GroupName = SurveyManagementApi.GroupName)]
[MapToApi(SurveyManagementApi.DocumentName)]
public abstract class SurveyControllerBase : ManagementApiControllerBase
{
    protected IActionResult BadRequestProblem(string title, string detail) =>
        Problem(title: title, detail: detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A validation problem (400 or 422) with the errors by field.</summary>
    protected IActionResult Invalid(int status, string title, params (string Field, string Message)[] errors)
    {
        var state = new ModelStateDictionary();
        foreach (var (field, message) in errors)
        {
            state.AddModelError(field, message);
        }

        return ValidationProblem(title: title, statusCode: status, modelStateDictionary: state);
    }
}

/// <summary>Controllers that show responses (contact details, comments): only users in a viewer group.</summary>
[Authorize(Policy = SurveyPolicies.Viewers)]
public abstract class SurveyDataControllerBase : SurveyControllerBase;
