using Asp.Versioning;
using Mahse.Forms.Management.Models;
using Mahse.Forms.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Mahse.Forms.Management.Controllers;

/// <summary>Folders of the Forms tree: create, rename or move (never below itself), and delete when empty.</summary>
[ApiVersion("1.0")]
public sealed class FolderController(FormStore store) : FormsControllerBase
{
    [HttpPost("folder")]
    [ProducesResponseType(typeof(CreatedResponse), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity)]
    [EndpointSummary("Creates a folder (a new id unless one is given).")]
    public async Task<IActionResult> Create(FolderRequest request, CancellationToken ct = default)
    {
        var id = request.Id is { } given && given != Guid.Empty ? given : Guid.NewGuid();
        if (NameProblem(request.Name) is { } invalid)
        {
            return invalid;
        }

        if ((await store.FoldersAsync(ct)).Any(f => f.Key == id))
        {
            return ConflictProblem("The folder exists", $"A folder with id {id} exists; rename or move it with PUT folder/{id}.");
        }

        if (!await store.SaveFolderAsync(id, request.Name!.Trim(), request.ParentId, ct))
        {
            return Unprocessable([new("parentId", $"There is no folder {request.ParentId}.")], "The folder is not valid");
        }

        return Created($"{FormsManagementApi.BasePath}/folder/{id}", new CreatedResponse(id));
    }

    [HttpPut("folder/{id:guid}")]
    [ProducesResponseType(typeof(FolderResponse), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity)]
    [EndpointSummary("Renames or moves a folder; a parent that is the folder itself or below it is a 422.")]
    public async Task<IActionResult> Update(Guid id, FolderRequest request, CancellationToken ct = default)
    {
        if (NameProblem(request.Name) is { } invalid)
        {
            return invalid;
        }

        if ((await store.FoldersAsync(ct)).All(f => f.Key != id))
        {
            return NotFoundProblem("folder");
        }

        if (!await store.SaveFolderAsync(id, request.Name!.Trim(), request.ParentId, ct))
        {
            return Unprocessable([new("parentId", $"The folder cannot go under {request.ParentId}: it is the folder itself, below it, or missing.")], "The folder is not valid");
        }

        return Ok(new FolderResponse(id, request.Name.Trim(), request.ParentId));
    }

    [HttpDelete("folder/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict)]
    [EndpointSummary("Deletes an empty folder; one that holds forms or folders is a 409.")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct = default)
    {
        if ((await store.FoldersAsync(ct)).All(f => f.Key != id))
        {
            return NotFoundProblem("folder");
        }

        return await store.DeleteFolderAsync(id, ct)
            ? NoContent()
            : ConflictProblem("The folder is not empty", "Move or delete its forms and folders first.");
    }

    private IActionResult? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Unprocessable([new("name", "A folder needs a name.")], "The folder is not valid")
        : name.Trim().Length > 255 ? Unprocessable([new("name", "A folder's name is 255 characters at most.")], "The folder is not valid")
        : null;
}
