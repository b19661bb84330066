using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;
using static Mahse.Cms.Content.ContentEditingService;

namespace Mahse.Cms.Content;

/// <summary>Version history and rollback. A rollback writes the old values as a new draft; it does not publish.</summary>
public sealed class ContentVersionService(ICmsDbContextFactory contexts, SchemaCache schema, ContentStore store, ContentNotifier notifier, TimeProvider clock)
{
    public async Task<IReadOnlyList<ContentVersionItem>?> ListAsync(Guid documentKey, int skip, int take, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == documentKey, ct);
        if (node is null)
        {
            return null;
        }

        var versions = await db.ContentVersions.AsNoTracking().Where(v => v.NodeId == node.Id)
            .OrderByDescending(v => v.Id).Skip(skip).Take(take).ToListAsync(ct);
        return versions.Select(v => ToItem(v, node)).ToList();
    }

    public async Task<(ContentVersionItem Version, ContentItem Content)?> GetAsync(Guid versionKey, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var version = await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Key == versionKey, ct);
        if (version is null)
        {
            return null;
        }

        var node = await db.ContentNodes.AsNoTracking().SingleAsync(n => n.Id == version.NodeId, ct);
        var item = await store.ToItemAsync(node, null, ContentValues.Parse(version.ValuesJson), ct);
        return (ToItem(version, node), item with { Name = version.Name });
    }

    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> RollbackAsync(Guid versionKey, string? user, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var version = await db.ContentVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Key == versionKey, ct);
        if (version is null)
        {
            return Fail(ContentEditingOperationStatus.NotFound, "id", $"Version {versionKey} does not exist.");
        }

        var node = await db.ContentNodes.SingleAsync(n => n.Id == version.NodeId, ct);
        if (node.Trashed)
        {
            return Fail(ContentEditingOperationStatus.InTrash, "id", "The item is in the recycle bin.");
        }

        // Properties removed from the type since that version are dropped, as Umbraco does.
        var aliases = snapshot.FindComposition(snapshot.FindContentType(node.ContentTypeId)!.Key)!
            .CompositionPropertyTypes.Select(p => p.Alias).ToHashSet(StringComparer.Ordinal);
        var values = ContentValues.Parse(version.ValuesJson).Where(v => aliases.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value);
        var now = clock.GetUtcNow().UtcDateTime;
        var draft = NewVersion(node, node.Name, node.UrlSegment, values, now, user);
        db.ContentVersions.Add(draft);
        await db.SaveChangesAsync(ct);
        node.DraftVersionId = draft.Id;
        node.UpdateDate = now;
        node.Version++;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.SavedAsync(node, values, ct);
        return Succeed(await store.ToItemAsync(db, node, ct));
    }

    private static ContentVersionItem ToItem(ContentVersionRow v, ContentNodeRow node) =>
        new(v.Key, node.Key, v.Name, v.CreateDate, v.CreatedBy, v.Id == node.DraftVersionId, v.Id == node.PublishedVersionId, v.WasPublished);
}
