using Asp.Versioning;
using Mahse.Forms.Management.Models;
using Mahse.Forms.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Forms.Management.Controllers;

/// <summary>What the form designer offers: field types, workflow types and the stored prevalue sources.</summary>
[ApiVersion("1.0")]
public sealed class CatalogueController(IScopeProvider scopes) : FormsControllerBase
{
    [HttpGet("field-types")]
    [ProducesResponseType(typeof(IReadOnlyList<FieldTypeResponse>), StatusCodes.Status200OK)]
    [EndpointSummary("The field types a form may use, with their settings.")]
    public IActionResult FieldTypes() => Ok(FormCatalogue.FieldTypes);

    [HttpGet("workflow-types")]
    [ProducesResponseType(typeof(IReadOnlyList<WorkflowTypeResponse>), StatusCodes.Status200OK)]
    [EndpointSummary("The workflow types a form may use, with their settings.")]
    public IActionResult WorkflowTypes() => Ok(FormCatalogue.WorkflowTypes);

    [HttpGet("prevalue-sources")]
    [ProducesResponseType(typeof(IReadOnlyList<PreValueSourceResponse>), StatusCodes.Status200OK)]
    [EndpointSummary("The prevalue sources fields may take their choices from.")]
    public async Task<IActionResult> PreValueSources()
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        var rows = await scope.Database.FetchAsync<PreValueSourceRow>(scope.SqlContext.Sql().SelectAll().From<PreValueSourceRow>().OrderBy<PreValueSourceRow>(r => r.Name));
        return Ok(rows.Select(r => new PreValueSourceResponse(r.Key, r.Name, r.TypeId)).ToList());
    }
}
