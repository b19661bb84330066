using Mahse.Cms.Media;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;
using static Mahse.Cms.Content.ContentEditingService;

namespace Mahse.Cms.Content;

/// <summary>
/// The recycle bin: trashing unpublishes a whole branch and keeps it restorable; emptying or deleting removes
/// the nodes and all their versions.
/// </summary>
public sealed class RecycleBinService(
    ICmsDbContextFactory contexts,
    Schema.SchemaCache schema,
    ContentStore store,
    ContentStructureService structure,
    ContentNotifier notifier,
    IMediaFileSystem mediaFiles,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<ContentItem>> ListAsync(ContentNodeKind kind, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var roots = await db.ContentNodes.AsNoTracking()
            .Where(n => n.Kind == kind && n.Trashed && (n.ParentId == null || !db.ContentNodes.Any(p => p.Id == n.ParentId && p.Trashed)))
            .OrderBy(n => n.UpdateDate).ToListAsync(ct);
        var items = new List<ContentItem>();
        foreach (var node in roots)
        {
            items.Add(await store.ToItemAsync(db, node, ct));
        }

        return items;
    }

    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> MoveToRecycleBinAsync(Guid key, ContentNodeKind kind, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, kind, ct);
        if (node is null)
        {
            return Fail(ContentEditingOperationStatus.NotFound, "id", $"Item {key} does not exist.");
        }

        if (node.Trashed)
        {
            return Fail(ContentEditingOperationStatus.InTrash, "id", "The item is already in the recycle bin.");
        }

        var branch = new List<ContentNodeRow> { node };
        branch.AddRange(await store.DescendantsAsync(db, node, ct));
        var now = clock.GetUtcNow().UtcDateTime;
        node.TrashedFromParentId = node.ParentId;
        foreach (var item in branch)
        {
            item.Trashed = true;
            if (kind == ContentNodeKind.Document)
            {
                item.PublishedVersionId = null;
            }

            item.ScheduledPublishDate = null;
            item.ScheduledUnpublishDate = null;
            item.UpdateDate = now;
            item.Version++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.MovedToRecycleBinAsync(branch, ct);
        return Succeed(await store.ToItemAsync(db, node, ct));
    }

    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> RestoreAsync(Guid key, ContentNodeKind kind, Guid? targetKey, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, kind, ct);
        if (node is null)
        {
            return Fail(ContentEditingOperationStatus.NotFound, "id", $"Item {key} does not exist.");
        }

        if (!node.Trashed)
        {
            return Fail(ContentEditingOperationStatus.NotInTrash, "id", "The item is not in the recycle bin.");
        }

        ContentNodeRow? target;
        if (targetKey is { } tk)
        {
            target = await store.FindAsync(db, tk, kind, ct);
            if (target is null)
            {
                return Fail(ContentEditingOperationStatus.ParentNotFound, "target.id", $"Target {tk} does not exist.");
            }
        }
        else
        {
            target = node.TrashedFromParentId is { } originalParent ? await db.ContentNodes.SingleOrDefaultAsync(n => n.Id == originalParent, ct) : null;
            if (node.TrashedFromParentId is not null && target is null)
            {
                return Fail(ContentEditingOperationStatus.ParentNotFound, "target.id", "The original parent no longer exists; restore to another target.");
            }
        }

        if (target is { Trashed: true })
        {
            return Fail(ContentEditingOperationStatus.InTrash, "target.id", "The target is in the recycle bin.");
        }

        if (!IsAllowedUnder(snapshot.FindContentType(node.ContentTypeId)!, target, snapshot))
        {
            return Fail(ContentEditingOperationStatus.NotAllowed, "target.id", "The item's type is not allowed at the target.");
        }

        // Untrash first so that the sibling-name check sees the right set.
        var branch = new List<ContentNodeRow> { node };
        branch.AddRange(await store.DescendantsAsync(db, node, ct));
        foreach (var item in branch)
        {
            item.Trashed = false;
        }

        node.TrashedFromParentId = null;
        if (node.ParentId == target?.Id)
        {
            node.ParentId = null;
        }

        var moved = await structure.MoveNodeAsync(db, node, target, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.MovedAsync(moved, ct);
        return Succeed(await store.ToItemAsync(db, node, ct));
    }

    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> DeleteAsync(Guid key, ContentNodeKind kind, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, kind, ct);
        if (node is null)
        {
            return Fail(ContentEditingOperationStatus.NotFound, "id", $"Item {key} does not exist.");
        }

        var (deleted, files) = await DeleteBranchAsync(db, node, ct);
        await transaction.CommitAsync(ct);
        DeleteFiles(files);
        await notifier.DeletedAsync(deleted, ct);
        return Attempt.SucceedWithStatus(ContentEditingOperationStatus.Success, new ContentOperationResult(null, []));
    }

    public async Task<int> EmptyAsync(ContentNodeKind kind, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var trashed = await db.ContentNodes.Where(n => n.Kind == kind && n.Trashed).ToListAsync(ct);
        var deleted = new List<ContentNodeRow>();
        var files = new List<string>();
        foreach (var node in trashed.Where(n => n.ParentId is null || trashed.All(p => p.Id != n.ParentId)))
        {
            var (branch, branchFiles) = await DeleteBranchAsync(db, node, ct);
            deleted.AddRange(branch);
            files.AddRange(branchFiles);
        }

        await transaction.CommitAsync(ct);
        DeleteFiles(files);
        await notifier.DeletedAsync(deleted, ct);
        return deleted.Count;
    }

    /// <summary>Deletes a branch with all its versions; for media, returns the files to remove once committed.</summary>
    private async Task<(List<ContentNodeRow> Nodes, List<string> Files)> DeleteBranchAsync(CmsDbContext db, ContentNodeRow node, CancellationToken ct)
    {
        var branch = new List<ContentNodeRow> { node };
        branch.AddRange(await store.DescendantsAsync(db, node, ct));
        var ids = branch.Select(b => b.Id).ToList();
        var files = new List<string>();
        if (node.Kind == ContentNodeKind.Media)
        {
            var versions = await db.ContentVersions.Where(v => ids.Contains(v.NodeId)).Select(v => v.ValuesJson).ToListAsync(ct);
            files.AddRange(versions.SelectMany(MediaService.FilePaths).Distinct());
        }

        await db.ContentVersions.Where(v => ids.Contains(v.NodeId)).ExecuteDeleteAsync(ct);

        // Children before parents: the parent key is a restricting foreign key.
        foreach (var item in branch.OrderByDescending(b => b.Level))
        {
            db.ContentNodes.Remove(item);
            await db.SaveChangesAsync(ct);
        }

        return (branch, files);
    }

    private void DeleteFiles(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            mediaFiles.Delete(file);
        }
    }
}
