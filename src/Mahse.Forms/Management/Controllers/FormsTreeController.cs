using Asp.Versioning;
using Mahse.Forms.Management.Models;
using Mahse.Forms.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Mahse.Forms.Management.Controllers;

/// <summary>
/// The Forms tree in the shape of Umbraco's tree endpoints (root, children, ancestors): folders first, then forms,
/// each by name. Built from two small reads (folders and form summaries), as a site has tens of forms, not thousands.
/// </summary>
[ApiVersion("1.0")]
public sealed class FormsTreeController(FormStore store) : FormsControllerBase
{
    private const int MaxTake = 1000;

    [HttpGet("tree/root")]
    [ProducesResponseType(typeof(PagedResponse<TreeItemResponse>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest)]
    [EndpointSummary("The top level of the Forms tree.")]
    public async Task<IActionResult> Root(int skip = 0, int take = 100, CancellationToken ct = default)
    {
        if (PagingProblem(skip, take, MaxTake) is { } problem)
        {
            return problem;
        }

        var tree = await TreeAsync(ct);
        return Ok(tree.Page(null, skip, take));
    }

    [HttpGet("tree/children")]
    [ProducesResponseType(typeof(PagedResponse<TreeItemResponse>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("The folders and forms in a folder.")]
    public async Task<IActionResult> Children(Guid parentId, int skip = 0, int take = 100, CancellationToken ct = default)
    {
        if (PagingProblem(skip, take, MaxTake) is { } problem)
        {
            return problem;
        }

        var tree = await TreeAsync(ct);
        return tree.Folders.ContainsKey(parentId) ? Ok(tree.Page(parentId, skip, take)) : NotFoundProblem("folder");
    }

    [HttpGet("tree/ancestors")]
    [ProducesResponseType(typeof(IReadOnlyList<TreeItemResponse>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    [EndpointSummary("The path to a folder or form, root first, ending with the item itself (as Umbraco's ancestors endpoints).")]
    public async Task<IActionResult> Ancestors(Guid descendantId, CancellationToken ct = default)
    {
        var tree = await TreeAsync(ct);
        var path = new List<TreeItemResponse>();
        Guid? next;
        if (tree.Forms.TryGetValue(descendantId, out var form))
        {
            path.Add(tree.Item(form));
            next = form.FolderKey;
        }
        else if (tree.Folders.ContainsKey(descendantId))
        {
            next = descendantId;
        }
        else
        {
            return NotFoundProblem("folder or form");
        }

        // The store refuses cycles; the guard only stops a loop on data changed by hand.
        for (var guard = 0; next is { } key && tree.Folders.TryGetValue(key, out var folder) && guard < 1000; guard++)
        {
            path.Add(tree.Item(folder));
            next = folder.ParentKey;
        }

        path.Reverse();
        return Ok(path);
    }

    private async Task<FormsTree> TreeAsync(CancellationToken ct) =>
        new((await store.FoldersAsync(ct)).ToDictionary(f => f.Key), (await store.ListAsync(ct)).ToDictionary(f => f.Key));

    private sealed record FormsTree(IReadOnlyDictionary<Guid, FormFolderRow> Folders, IReadOnlyDictionary<Guid, FormSummary> Forms)
    {
        private bool HasChildren(Guid folder) => Folders.Values.Any(f => f.ParentKey == folder) || Forms.Values.Any(f => f.FolderKey == folder);

        public TreeItemResponse Item(FormFolderRow folder) => new(folder.Key, folder.Name, "folder", HasChildren(folder.Key), folder.ParentKey);

        public TreeItemResponse Item(FormSummary form) => new(form.Key, form.Name, "form", false, form.FolderKey);

        /// <summary>Items whose parent is the folder (null: the root); a form in a folder that is gone shows at the root.</summary>
        public PagedResponse<TreeItemResponse> Page(Guid? parent, int skip, int take)
        {
            var items = Folders.Values.Where(f => ParentOrRoot(f.ParentKey) == parent).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Select(Item)
                .Concat(Forms.Values.Where(f => ParentOrRoot(f.FolderKey) == parent).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Select(Item))
                .ToList();
            return new PagedResponse<TreeItemResponse>(items.Count, items.Skip(skip).Take(take).ToList());
        }

        private Guid? ParentOrRoot(Guid? key) => key is { } k && Folders.ContainsKey(k) ? k : null;
    }
}
