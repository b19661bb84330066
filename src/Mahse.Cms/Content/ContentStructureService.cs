using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;
using static Mahse.Cms.Content.ContentEditingService;

namespace Mahse.Cms.Content;

/// <summary>Move, copy and sort: the shape of the tree.</summary>
public sealed class ContentStructureService(
    ICmsDbContextFactory contexts,
    SchemaCache schema,
    ContentStore store,
    ContentNotifier notifier,
    TimeProvider clock)
{
    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> MoveAsync(
        Guid key, ContentNodeKind kind, Guid? targetKey, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, kind, ct);
        if (node is null)
        {
            return Fail(ContentEditingOperationStatus.NotFound, "id", $"Item {key} does not exist.");
        }

        if (node.Trashed)
        {
            return Fail(ContentEditingOperationStatus.InTrash, "id", "The item is in the recycle bin; restore it instead.");
        }

        ContentNodeRow? target = null;
        if (targetKey is { } tk)
        {
            target = await store.FindAsync(db, tk, kind, ct);
            if (target is null)
            {
                return Fail(ContentEditingOperationStatus.ParentNotFound, "target.id", $"Target {tk} does not exist.");
            }

            if (target.Trashed)
            {
                return Fail(ContentEditingOperationStatus.InTrash, "target.id", "The target is in the recycle bin.");
            }

            if (target.Id == node.Id || target.Path.StartsWith(node.Path + ",", StringComparison.Ordinal))
            {
                return Fail(ContentEditingOperationStatus.ParentInvalid, "target.id", "An item cannot be moved below itself or one of its descendants.");
            }
        }

        if (!IsAllowedUnder(snapshot.FindContentType(node.ContentTypeId)!, target, snapshot))
        {
            return Fail(ContentEditingOperationStatus.NotAllowed, "target.id", "The item's type is not allowed at the target.");
        }

        var moved = await MoveNodeAsync(db, node, target, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.MovedAsync(moved, ct);
        return Succeed(await store.ToItemAsync(db, node, ct));
    }

    /// <summary>Re-parents a node and rewrites the level and path of its whole subtree.</summary>
    internal async Task<List<ContentNodeRow>> MoveNodeAsync(CmsDbContext db, ContentNodeRow node, ContentNodeRow? target, CancellationToken ct)
    {
        var descendants = await store.DescendantsAsync(db, node, ct);
        var oldPath = node.Path;
        var levelShift = (target?.Level ?? 0) + 1 - node.Level;
        var now = clock.GetUtcNow().UtcDateTime;
        if (node.ParentId != target?.Id)
        {
            var name = await store.UniqueNameAsync(db, node.Kind, target?.Id, node.Name, node.Id, ct);
            if (name != node.Name)
            {
                // A clash at the target renames the item, the published version too: routes must stay unique.
                node.Name = name;
                node.UrlSegment = store.UrlSegment(name);
                var versionIds = new[] { node.DraftVersionId, node.PublishedVersionId ?? 0 };
                foreach (var version in await db.ContentVersions.Where(v => versionIds.Contains(v.Id)).ToListAsync(ct))
                {
                    version.Name = node.Name;
                    version.UrlSegment = node.UrlSegment;
                }
            }

            node.SortOrder = await store.NextSortOrderAsync(db, node.Kind, target?.Id, ct);
        }

        node.ParentId = target?.Id;
        node.Path = (target?.Path ?? "-1") + "," + node.Id;
        node.Level += levelShift;
        node.UpdateDate = now;
        node.Version++;
        foreach (var descendant in descendants)
        {
            descendant.Path = node.Path + descendant.Path[oldPath.Length..];
            descendant.Level += levelShift;
            descendant.Version++;
        }

        return [node, .. descendants];
    }

    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> CopyAsync(
        Guid key, ContentNodeKind kind, Guid? targetKey, bool includeDescendants, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, kind, ct);
        if (node is null)
        {
            return Fail(ContentEditingOperationStatus.NotFound, "id", $"Item {key} does not exist.");
        }

        ContentNodeRow? target = null;
        if (targetKey is { } tk)
        {
            target = await store.FindAsync(db, tk, kind, ct);
            if (target is null || target.Trashed)
            {
                return Fail(ContentEditingOperationStatus.ParentNotFound, "target.id", $"Target {tk} does not exist.");
            }

            if (includeDescendants && (target.Id == node.Id || target.Path.StartsWith(node.Path + ",", StringComparison.Ordinal)))
            {
                return Fail(ContentEditingOperationStatus.ParentInvalid, "target.id", "A branch cannot be copied into itself.");
            }
        }

        if (!IsAllowedUnder(snapshot.FindContentType(node.ContentTypeId)!, target, snapshot))
        {
            return Fail(ContentEditingOperationStatus.NotAllowed, "target.id", "The item's type is not allowed at the target.");
        }

        var sources = includeDescendants ? [node, .. await store.DescendantsAsync(db, node, ct)] : new List<ContentNodeRow> { node };
        var copies = new Dictionary<int, ContentNodeRow>();
        var copiedValues = new List<(ContentNodeRow Node, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> Values)>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var source in sources.Where(s => !s.Trashed))
        {
            var parent = source == node ? target : copies.GetValueOrDefault(source.ParentId ?? 0);
            if (source != node && parent is null)
            {
                continue;
            }

            var draft = await db.ContentVersions.AsNoTracking().SingleAsync(v => v.Id == source.DraftVersionId, ct);
            var name = source == node ? await store.UniqueNameAsync(db, kind, parent?.Id, source.Name, null, ct) : source.Name;
            var copy = new ContentNodeRow
            {
                Key = Guid.NewGuid(),
                Kind = kind,
                ParentId = parent?.Id,
                ContentTypeId = source.ContentTypeId,
                Level = (parent?.Level ?? 0) + 1,
                SortOrder = source == node ? await store.NextSortOrderAsync(db, kind, parent?.Id, ct) : source.SortOrder,
                Name = name,
                UrlSegment = store.UrlSegment(name),
                CreateDate = now,
                UpdateDate = now,
                Version = 1,
            };
            db.ContentNodes.Add(copy);
            await db.SaveChangesAsync(ct);
            var values = ContentValues.Parse(draft.ValuesJson);
            copiedValues.Add((copy, values));
            var version = NewVersion(copy, name, copy.UrlSegment, values, now, null);
            db.ContentVersions.Add(version);
            await db.SaveChangesAsync(ct);
            copy.Path = (parent?.Path ?? "-1") + "," + copy.Id;
            copy.DraftVersionId = version.Id;
            copies[source.Id] = copy;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        foreach (var (copy, values) in copiedValues)
        {
            await notifier.SavedAsync(copy, values, ct);
        }

        var root = copies[node.Id];
        return Succeed(await store.ToItemAsync(db, root, ct));
    }

    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> SortAsync(
        Guid? parentKey, ContentNodeKind kind, IReadOnlyList<(Guid Key, int SortOrder)> sorting, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int? parentId = null;
        if (parentKey is { } pk)
        {
            var parent = await store.FindAsync(db, pk, kind, ct);
            if (parent is null)
            {
                return Fail(ContentEditingOperationStatus.ParentNotFound, "parent.id", $"Parent {pk} does not exist.");
            }

            parentId = parent.Id;
        }

        var keys = sorting.Select(s => s.Key).ToList();
        if (keys.Distinct().Count() != keys.Count)
        {
            return Fail(ContentEditingOperationStatus.SortingInvalid, "sorting", "An item is listed more than once.");
        }

        var children = await db.ContentNodes.Where(n => n.Kind == kind && n.ParentId == parentId && keys.Contains(n.Key)).ToListAsync(ct);
        if (children.Count != keys.Count)
        {
            var missing = keys.Except(children.Select(c => c.Key)).First();
            return Fail(ContentEditingOperationStatus.SortingInvalid, "sorting", $"{missing} is not a child of the given parent.");
        }

        foreach (var child in children)
        {
            child.SortOrder = sorting.First(s => s.Key == child.Key).SortOrder;
            child.Version++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.SortedAsync(children, ct);
        return Attempt.SucceedWithStatus(ContentEditingOperationStatus.Success, new ContentOperationResult(null, []));
    }
}
