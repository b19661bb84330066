using System.Text.Json;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
using Mahse.Cms.Persistence;
using Mahse.Cms.Search;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core.Events;
using CorePublicAccess = Umbraco.Cms.Core.Constants.Conventions.PublicAccess;

namespace Mahse.Cms.Content.PublicAccess;

/// <summary>
/// Umbraco's Management API for a document's public access: who may read it and its descendants (member groups
/// and members by login), and the login and no-access pages. Changes reach the Delivery API at once and its index
/// as soon as the branch is re-indexed.
/// </summary>
public static class PublicAccessEndpoints
{
    public sealed record PublicAccessRequestModel(ReferenceByIdModel? LoginDocument, ReferenceByIdModel? ErrorDocument, string[]? MemberUserNames, string[]? MemberGroupNames);

    public sealed record MemberItemModel(Guid Id, string Name);

    public sealed record PublicAccessResponseModel(ReferenceByIdModel? LoginDocument, ReferenceByIdModel? ErrorDocument, IReadOnlyList<MemberItemModel> Members, IReadOnlyList<MemberItemModel> Groups);

    private sealed record RuleJson(string Type, string Value);

    public static RouteGroupBuilder MapPublicAccess(this RouteGroupBuilder api)
    {
        var access = api.MapGroup("/document/{id:guid}/public-access").WithTags("Document");
        access.MapGet("", async Task<IResult> (Guid id, ICmsDbContextFactory contexts, CancellationToken ct) =>
        {
            await using var db = contexts.CreateDbContext();
            var row = await db.PublicAccess.AsNoTracking().SingleOrDefaultAsync(a => a.NodeKey == id, ct);
            return row is null ? Problems.NotFound("public access entry") : TypedResults.Ok(await ToModelAsync(db, row, ct));
        }).WithName("GetDocumentByIdPublicAccess").WithSummary("Who may read the document and its descendants.");
        access.MapPost("", (Guid id, HttpRequest request, ICmsDbContextFactory contexts, PublicAccessRules rules, IndexingQueue indexing, IEventAggregator events, CancellationToken ct) =>
                SaveAsync(id, request, create: true, contexts, rules, indexing, events, ct))
            .WithName("CreateDocumentPublicAccess").WithSummary("Makes the document members-only.").RequireAuthorization(BackOfficePolicies.PublishContent);
        access.MapPut("", (Guid id, HttpRequest request, ICmsDbContextFactory contexts, PublicAccessRules rules, IndexingQueue indexing, IEventAggregator events, CancellationToken ct) =>
                SaveAsync(id, request, create: false, contexts, rules, indexing, events, ct))
            .WithName("UpdateDocumentPublicAccess").WithSummary("Changes who may read the document.").RequireAuthorization(BackOfficePolicies.PublishContent);
        access.MapDelete("", async Task<IResult> (Guid id, ICmsDbContextFactory contexts, PublicAccessRules rules, IndexingQueue indexing, IEventAggregator events, CancellationToken ct) =>
        {
            await using var db = contexts.CreateDbContext();
            var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == id && n.Kind == ContentNodeKind.Document, ct);
            if (node is null || await db.PublicAccess.Where(a => a.NodeKey == id).ExecuteDeleteAsync(ct) == 0)
            {
                return Problems.NotFound(node is null ? "document" : "public access entry");
            }

            await ChangedAsync(node, rules, indexing, events, ct);
            return TypedResults.Ok();
        }).WithName("DeleteDocumentByIdPublicAccess").WithSummary("Makes the document public again.").RequireAuthorization(BackOfficePolicies.PublishContent);
        return api;
    }

    private static async Task<IResult> SaveAsync(
        Guid id, HttpRequest request, bool create, ICmsDbContextFactory contexts, PublicAccessRules rules, IndexingQueue indexing, IEventAggregator events, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<PublicAccessRequestModel>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        await using var db = contexts.CreateDbContext();
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == id && n.Kind == ContentNodeKind.Document, ct);
        if (node is null)
        {
            return Problems.NotFound("document");
        }

        var groups = (body!.MemberGroupNames ?? []).Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var members = (body.MemberUserNames ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (groups.Count + members.Count == 0)
        {
            return Problems.BadRequest("memberGroupNames", "Name at least one member group or member.", "Invalid public access");
        }

        var knownGroups = await db.MemberGroups.AsNoTracking().Select(g => g.Name).ToListAsync(ct);
        if (groups.FirstOrDefault(g => !knownGroups.Contains(g, StringComparer.OrdinalIgnoreCase)) is { } unknownGroup)
        {
            return Problems.BadRequest("memberGroupNames", $"Member group '{unknownGroup}' does not exist.", "Invalid public access");
        }

        var normalized = members.Select(m => m.ToUpperInvariant()).ToList();
        var knownMembers = await db.Members.AsNoTracking().Where(m => normalized.Contains(m.NormalizedEmail)).Select(m => m.NormalizedEmail).ToListAsync(ct);
        if (members.FirstOrDefault(m => !knownMembers.Contains(m.ToUpperInvariant())) is { } unknownMember)
        {
            return Problems.BadRequest("memberUserNames", $"Member '{unknownMember}' does not exist.", "Invalid public access");
        }

        foreach (var (field, reference) in new[] { ("loginDocument", body.LoginDocument), ("errorDocument", body.ErrorDocument) })
        {
            if (reference is not null && !await db.ContentNodes.AnyAsync(n => n.Key == reference.Id && n.Kind == ContentNodeKind.Document, ct))
            {
                return Problems.BadRequest(field, $"Document {reference.Id} does not exist.", "Invalid public access");
            }
        }

        var row = await db.PublicAccess.SingleOrDefaultAsync(a => a.NodeKey == id, ct);
        if (create && row is not null)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "Public access already set", "AlreadyExists",
                [new Infrastructure.FieldError("id", "The document already has a public access entry; update it instead.")]);
        }

        if (!create && row is null)
        {
            return Problems.NotFound("public access entry");
        }

        row ??= db.PublicAccess.Add(new PublicAccessRow { Key = Guid.NewGuid(), NodeKey = id }).Entity;
        row.LoginNodeKey = body.LoginDocument?.Id;
        row.NoAccessNodeKey = body.ErrorDocument?.Id;
        row.RulesJson = JsonSerializer.Serialize(
            groups.Select(g => new RuleJson(CorePublicAccess.MemberRoleRuleType, knownGroups.First(k => string.Equals(k, g, StringComparison.OrdinalIgnoreCase))))
                .Concat(members.Select(m => new RuleJson(CorePublicAccess.MemberUsernameRuleType, m))), JsonSerializerOptions.Web);
        await db.SaveChangesAsync(ct);
        await ChangedAsync(node, rules, indexing, events, ct);
        return create ? TypedResults.Created($"{ManagementApiEndpoints.BasePath}/document/{id}/public-access", (object?)null) : TypedResults.Ok();
    }

    private static async Task ChangedAsync(ContentNodeRow node, PublicAccessRules rules, IndexingQueue indexing, IEventAggregator events, CancellationToken ct)
    {
        rules.Invalidate();
        indexing.EnqueueRefresh([node.Id]);
        await events.PublishAsync(new PublicAccessChangedNotification(node.Key, node.Name), ct);
    }

    private static async Task<PublicAccessResponseModel> ToModelAsync(CmsDbContext db, PublicAccessRow row, CancellationToken ct)
    {
        var entries = JsonSerializer.Deserialize<List<RuleJson>>(row.RulesJson, JsonSerializerOptions.Web) ?? [];
        var groupNames = entries.Where(e => e.Type == CorePublicAccess.MemberRoleRuleType).Select(e => e.Value).ToList();
        var userNames = entries.Where(e => e.Type == CorePublicAccess.MemberUsernameRuleType).Select(e => e.Value.ToUpperInvariant()).ToList();
        var groups = await db.MemberGroups.AsNoTracking().Where(g => groupNames.Contains(g.Name)).Select(g => new MemberItemModel(g.Key, g.Name)).ToListAsync(ct);
        var members = await db.Members.AsNoTracking().Where(m => userNames.Contains(m.NormalizedEmail)).Select(m => new MemberItemModel(m.Key, m.Name)).ToListAsync(ct);
        return new PublicAccessResponseModel(
            row.LoginNodeKey is { } login ? new ReferenceByIdModel(login) : null,
            row.NoAccessNodeKey is { } error ? new ReferenceByIdModel(error) : null,
            members, groups);
    }
}
