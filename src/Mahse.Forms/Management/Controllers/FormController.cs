using System.Text.Json;
using Asp.Versioning;
using Mahse.Forms.Management.Models;
using Mahse.Forms.Model;
using Mahse.Forms.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Mahse.Forms.Management.Controllers;

/// <summary>Forms: list, read, create, replace, delete and copy. A definition that breaks <see cref="FormRules"/> is a 422.</summary>
[ApiVersion("1.0")]
public sealed class FormController(FormStore store) : FormsControllerBase
{
    [HttpGet("form")]
    [ProducesResponseType(typeof(IReadOnlyList<FormSummaryResponse>), StatusCodes.Status200OK)]
    [EndpointSummary("Every form, by name.")]
    public async Task<IActionResult> List(CancellationToken ct = default) =>
        Ok((await store.ListAsync(ct)).Select(f => new FormSummaryResponse(f.Key, f.Name, f.FolderKey, Utc(f.CreateDate), Utc(f.UpdateDate))).ToList());

    [HttpGet("form/{id:guid}")]
    [ProducesResponseType(typeof(FormResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("A form's definition (as stored) and folder.")]
    public async Task<IActionResult> Get(Guid id, CancellationToken ct = default)
    {
        if (await store.GetAsync(id, ct) is not { } form)
        {
            return NotFoundProblem("form");
        }

        return Ok(new FormResponse(await store.FolderOfAsync(id, ct), Definition(form)));
    }

    [HttpPost("form")]
    [ProducesResponseType(typeof(CreatedResponse), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity)]
    [EndpointSummary("Creates a form (a new id unless the definition has one).")]
    public async Task<IActionResult> Create([FromBody] JsonElement body, CancellationToken ct = default)
    {
        if (!FormBody.TryRead(body, out var request, out var problem))
        {
            return BadRequestProblem("Invalid form", problem);
        }

        var form = request!.Form;
        if (form.Id == Guid.Empty)
        {
            form.Id = Guid.NewGuid();
        }

        if (await InvalidAsync(form, request.FolderId, ct) is { } invalid)
        {
            return invalid;
        }

        if (await store.GetAsync(form.Id, ct) is not null)
        {
            return ConflictProblem("The form exists", $"A form with id {form.Id} exists; replace it with PUT form/{form.Id}.");
        }

        await store.SaveAsync(form, request.FolderId, moveToRoot: request.FolderId is null, ct);
        return Created($"{FormsManagementApi.BasePath}/form/{form.Id}", new CreatedResponse(form.Id));
    }

    [HttpPut("form/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity)]
    [EndpointSummary("Replaces a form's definition; \"folderId\" moves it (null: to the root), left out it stays where it is.")]
    public async Task<IActionResult> Update(Guid id, [FromBody] JsonElement body, CancellationToken ct = default)
    {
        if (!FormBody.TryRead(body, out var request, out var problem))
        {
            return BadRequestProblem("Invalid form", problem);
        }

        if (await store.GetAsync(id, ct) is null)
        {
            return NotFoundProblem("form");
        }

        var form = request!.Form;
        form.Id = id;
        if (await InvalidAsync(form, request.FolderId, ct) is { } invalid)
        {
            return invalid;
        }

        await store.SaveAsync(form, request.FolderId, moveToRoot: request.HasFolder && request.FolderId is null, ct);
        return Ok();
    }

    [HttpDelete("form/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("Deletes a form (its entries stay until retention or an entry delete removes them).")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct = default) =>
        await store.DeleteAsync(id, ct) ? NoContent() : NotFoundProblem("form");

    [HttpPost("form/{id:guid}/copy")]
    [ProducesResponseType(typeof(CreatedResponse), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity)]
    [EndpointSummary("Copies a form with new ids, as \"Copy of …\" in the same folder unless the body says otherwise.")]
    public async Task<IActionResult> Copy(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] FormCopyRequest? request, CancellationToken ct = default)
    {
        if (await store.GetAsync(id, ct) is not { } form)
        {
            return NotFoundProblem("form");
        }

        var folder = request?.FolderId ?? await store.FolderOfAsync(id, ct);
        var copy = FormRules.Copy(form, string.IsNullOrWhiteSpace(request?.Name) ? $"Copy of {form.Name}" : request.Name.Trim());
        if (await InvalidAsync(copy, folder, ct) is { } invalid)
        {
            return invalid;
        }

        await store.SaveAsync(copy, folder, moveToRoot: folder is null, ct);
        return Created($"{FormsManagementApi.BasePath}/form/{copy.Id}", new CreatedResponse(copy.Id));
    }

    private async Task<IActionResult?> InvalidAsync(FormDefinition form, Guid? folder, CancellationToken ct)
    {
        var errors = FormRules.Check(form).ToList();
        if (folder is { } key && (await store.FoldersAsync(ct)).All(f => f.Key != key))
        {
            errors.Add(new("folderId", $"There is no folder {key}."));
        }

        return errors.Count > 0 ? Unprocessable(errors, "The form is not valid") : null;
    }

    /// <summary>The definition exactly as <see cref="FormJson"/> writes it, whatever the backoffice's JSON options are.</summary>
    private static JsonElement Definition(FormDefinition form) => JsonDocument.Parse(FormJson.Serialize(form)).RootElement.Clone();

    internal static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);
}
