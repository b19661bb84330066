using System.Text.Json.Nodes;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
using Mahse.Cms.Media;
using Mahse.Cms.Persistence;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Content.Http;

/// <summary>
/// Documents and media under Umbraco's Management API paths: /document, /media, /tree/…, /recycle-bin/….
/// The two share one set of handlers; only the path, the node kind and the create step differ.
/// </summary>
public static class ContentEndpoints
{
    public static RouteGroupBuilder MapContentEndpoints(this RouteGroupBuilder api, ContentNodeKind kind)
    {
        var name = kind == ContentNodeKind.Media ? "media" : "document";
        var title = kind == ContentNodeKind.Media ? "Media" : "Document";
        var items = api.MapGroup($"/{name}").WithTags(title);

        items.MapPost("", (HttpRequest request, ContentEditingService editing, MediaService media, CancellationToken ct) => CreateAsync(request, kind, editing, media, ct))
            .WithName($"Create{title}").WithSummary($"Creates a {name} (a draft).").RequireAuthorization(BackOfficePolicies.SaveContent);
        items.MapGet("/{id:guid}", (Guid id, HttpContext http, ContentEditingService editing, ContentResponses responses, CancellationToken ct) => GetAsync(id, kind, http, editing, responses, ct))
            .WithName($"Get{title}ById").WithSummary($"Gets a {name} with its current draft values.");
        items.MapPut("/{id:guid}", (Guid id, HttpRequest request, ContentEditingService editing, MediaService media, CancellationToken ct) => UpdateAsync(id, kind, request, editing, media, ct))
            .WithName($"Update{title}").WithSummary($"Saves a {name}; If-Match refuses a stale save.").RequireAuthorization(BackOfficePolicies.SaveContent);
        items.MapDelete("/{id:guid}", async (Guid id, RecycleBinService bin, CancellationToken ct) => ToResult(await bin.DeleteAsync(id, kind, ct)))
            .WithName($"Delete{title}").WithSummary($"Deletes a {name} and its descendants for good.").RequireAuthorization(BackOfficePolicies.PublishContent);
        items.MapPut("/{id:guid}/move", (Guid id, HttpRequest request, ContentStructureService structure, CancellationToken ct) => MoveAsync(id, kind, request, structure, ct))
            .WithName($"Move{title}").WithSummary($"Moves a {name} (and its descendants) under another parent.").RequireAuthorization(BackOfficePolicies.PublishContent);
        items.MapPut("/{id:guid}/move-to-recycle-bin", async (Guid id, RecycleBinService bin, CancellationToken ct) => ToResult(await bin.MoveToRecycleBinAsync(id, kind, ct)))
            .WithName($"Move{title}ToRecycleBin").WithSummary($"Moves a {name} and its descendants to the recycle bin.").RequireAuthorization(BackOfficePolicies.PublishContent);
        items.MapPut("/sort", (HttpRequest request, ContentStructureService structure, CancellationToken ct) => SortAsync(kind, request, structure, ct))
            .WithName($"Sort{title}").WithSummary("Sets the sort order of children.").RequireAuthorization(BackOfficePolicies.SaveContent);

        var tree = api.MapGroup($"/tree/{name}").WithTags(title);
        tree.MapGet("/root", (int? skip, int? take, ContentEditingService editing, ContentResponses responses, CancellationToken ct) => TreeAsync(null, kind, skip, take, editing, responses, ct))
            .WithName($"GetTree{title}Root").WithSummary($"The {name} items at the root.");
        tree.MapGet("/children", (Guid parentId, int? skip, int? take, ContentEditingService editing, ContentResponses responses, CancellationToken ct) => TreeAsync(parentId, kind, skip, take, editing, responses, ct))
            .WithName($"GetTree{title}Children").WithSummary($"The children of a {name}.");

        var bin = api.MapGroup($"/recycle-bin/{name}").WithTags(title);
        bin.MapGet("/root", async (RecycleBinService recycleBin, ContentResponses responses, CancellationToken ct) =>
            {
                var trashed = await recycleBin.ListAsync(kind, ct);
                var models = new List<TreeItemModel>();
                foreach (var item in trashed)
                {
                    models.Add(await responses.ToTreeItemAsync(item, false, ct));
                }

                return TypedResults.Ok(new PagedModel<TreeItemModel>(models.Count, models));
            })
            .WithName($"GetRecycleBin{title}Root").WithSummary($"What is in the {name} recycle bin.");
        bin.MapPut("/{id:guid}/restore", (Guid id, HttpRequest request, RecycleBinService recycleBin, CancellationToken ct) => RestoreAsync(id, kind, request, recycleBin, ct))
            .WithName($"Restore{title}FromRecycleBin").WithSummary("Restores an item to its original parent or a given target.").RequireAuthorization(BackOfficePolicies.PublishContent);
        bin.MapDelete("", async (RecycleBinService recycleBin, CancellationToken ct) =>
            {
                await recycleBin.EmptyAsync(kind, ct);
                return TypedResults.Ok();
            })
            .WithName($"DeleteRecycleBin{title}").WithSummary("Empties the recycle bin.").RequireAuthorization(BackOfficePolicies.PublishContent);
        bin.MapDelete("/{id:guid}", async (Guid id, RecycleBinService recycleBin, CancellationToken ct) => ToResult(await recycleBin.DeleteAsync(id, kind, ct)))
            .WithName($"DeleteRecycleBin{title}ById").WithSummary("Deletes one item from the recycle bin for good.").RequireAuthorization(BackOfficePolicies.PublishContent);

        if (kind == ContentNodeKind.Document)
        {
            items.MapPost("/{id:guid}/copy", (Guid id, HttpRequest request, ContentStructureService structure, CancellationToken ct) => CopyAsync(id, request, structure, ct))
                .WithName("CopyDocument").WithSummary("Copies a document, optionally with its descendants, as unpublished drafts.").RequireAuthorization(BackOfficePolicies.SaveContent);
            DocumentPublishingEndpoints.Map(items);
            DocumentVersionEndpoints.Map(api);
        }

        return api;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, ContentNodeKind kind, ContentEditingService editing, MediaService media, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<CreateDocumentRequestModel>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var typeRef = kind == ContentNodeKind.Media ? body!.MediaType : body!.DocumentType;
        if (typeRef is null)
        {
            return Problems.BadRequest(kind == ContentNodeKind.Media ? "mediaType" : "documentType", "The type is required.");
        }

        if (ReadValues(body.Values) is not { } values)
        {
            return Problems.BadRequest("values", "Each value needs an alias, and an alias may appear only once.");
        }

        var model = new ContentCreateModel(body.Id, kind, typeRef.Id, body.Parent?.Id, body.Variants?.FirstOrDefault()?.Name ?? "", values);
        var user = request.HttpContext.User.Identity?.Name;
        var attempt = kind == ContentNodeKind.Media ? await media.CreateAsync(model, user, ct) : await editing.CreateAsync(model, user, ct);
        if (!attempt.Success)
        {
            return ContentProblems.For(attempt.Status, attempt.Result.Errors);
        }

        var key = attempt.Result.Item!.Key;
        var path = kind == ContentNodeKind.Media ? "media" : "document";
        request.HttpContext.Response.Headers["Umbraco-Generated-Resource"] = key.ToString();
        request.HttpContext.Response.Headers.ETag = RequestBody.ETag(attempt.Result.Item.Version);
        return TypedResults.Created($"/umbraco/management/api/v1/{path}/{key}");
    }

    private static async Task<IResult> GetAsync(Guid id, ContentNodeKind kind, HttpContext http, ContentEditingService editing, ContentResponses responses, CancellationToken ct)
    {
        var item = await editing.GetAsync(id, kind, ct);
        if (item is null)
        {
            return Problems.NotFound(kind == ContentNodeKind.Media ? "media" : "document");
        }

        http.Response.Headers.ETag = RequestBody.ETag(item.Version);
        return TypedResults.Ok(await responses.ToResponseAsync(item, ct));
    }

    private static async Task<IResult> UpdateAsync(Guid id, ContentNodeKind kind, HttpRequest request, ContentEditingService editing, MediaService media, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<UpdateDocumentRequestModel>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (ReadValues(body!.Values) is not { } values)
        {
            return Problems.BadRequest("values", "Each value needs an alias, and an alias may appear only once.");
        }

        var expected = RequestBody.ExpectedVersion(request);
        var model = new ContentUpdateModel(body.Variants?.FirstOrDefault()?.Name ?? "", values);
        var user = request.HttpContext.User.Identity?.Name;
        var attempt = kind == ContentNodeKind.Media
            ? await media.UpdateAsync(id, model, expected, user, ct)
            : await editing.UpdateAsync(id, kind, model, expected, user, ct);
        return ToResult(attempt, request.HttpContext, expected);
    }

    private static async Task<IResult> MoveAsync(Guid id, ContentNodeKind kind, HttpRequest request, ContentStructureService structure, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<MoveRequestModel>(request, ct);
        return problem ?? ToResult(await structure.MoveAsync(id, kind, body!.Target?.Id, ct));
    }

    private static async Task<IResult> CopyAsync(Guid id, HttpRequest request, ContentStructureService structure, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<CopyRequestModel>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var attempt = await structure.CopyAsync(id, ContentNodeKind.Document, body!.Target?.Id, body.IncludeDescendants, ct);
        if (!attempt.Success)
        {
            return ContentProblems.For(attempt.Status, attempt.Result.Errors);
        }

        request.HttpContext.Response.Headers["Umbraco-Generated-Resource"] = attempt.Result.Item!.Key.ToString();
        return TypedResults.Created($"/umbraco/management/api/v1/document/{attempt.Result.Item.Key}");
    }

    private static async Task<IResult> SortAsync(ContentNodeKind kind, HttpRequest request, ContentStructureService structure, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<SortRequestModel>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Sorting is null || body.Sorting.Count == 0)
        {
            return Problems.BadRequest("sorting", "List the children to sort.");
        }

        return ToResult(await structure.SortAsync(body.Parent?.Id, kind, body.Sorting.Select(s => (s.Id, s.SortOrder)).ToList(), ct));
    }

    private static async Task<IResult> RestoreAsync(Guid id, ContentNodeKind kind, HttpRequest request, RecycleBinService bin, CancellationToken ct)
    {
        Guid? target = null;
        if (RequestBody.HasBody(request))
        {
            var (body, problem) = await RequestBody.ReadAsync<MoveRequestModel>(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            target = body!.Target?.Id;
        }

        return ToResult(await bin.RestoreAsync(id, kind, target, ct));
    }

    private static async Task<IResult> TreeAsync(Guid? parentId, ContentNodeKind kind, int? skip, int? take, ContentEditingService editing, ContentResponses responses, CancellationToken ct)
    {
        if (skip is < 0 || take is < 0 or > 1000)
        {
            return Problems.BadRequest("take", "skip must be 0 or more and take between 0 and 1000.");
        }

        var children = await editing.ChildrenAsync(parentId, kind, skip ?? 0, take ?? 100, ct);
        var models = new List<TreeItemModel>(children.Count);
        foreach (var child in children)
        {
            var hasChildren = (await editing.ChildrenAsync(child.Key, kind, 0, 1, ct)).Count > 0;
            models.Add(await responses.ToTreeItemAsync(child, hasChildren, ct));
        }

        return TypedResults.Ok(new PagedModel<TreeItemModel>(models.Count, models));
    }

    internal static Dictionary<string, JsonNode?>? ReadValues(IReadOnlyList<DocumentValueModel>? values)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            if (string.IsNullOrWhiteSpace(value.Alias) || !result.TryAdd(value.Alias, value.Value?.DeepClone()))
            {
                return null;
            }
        }

        return result;
    }

    internal static IResult ToResult(Attempt<ContentOperationResult, ContentEditingOperationStatus> attempt, HttpContext? http = null, int? expectedVersion = null)
    {
        if (attempt.Success)
        {
            if (http is not null && attempt.Result.Item is { } item)
            {
                http.Response.Headers.ETag = RequestBody.ETag(item.Version);
            }

            return TypedResults.Ok();
        }

        if (attempt.Status == ContentEditingOperationStatus.ConcurrencyViolation && expectedVersion is not null)
        {
            return Problems.PreconditionFailed();
        }

        return ContentProblems.For(attempt.Status, attempt.Result.Errors);
    }
}
