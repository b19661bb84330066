using System.Text.Json.Nodes;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core.Strings;

namespace Mahse.Cms.Content;

/// <summary>Tree queries and row conversions shared by the content services (one context per operation).</summary>
public sealed class ContentStore(IShortStringHelper shortStrings, SchemaCache schema)
{
    public Task<ContentNodeRow?> FindAsync(CmsDbContext db, Guid key, ContentNodeKind kind, CancellationToken ct) =>
        db.ContentNodes.SingleOrDefaultAsync(n => n.Key == key && n.Kind == kind, ct);

    public Task<List<ContentNodeRow>> DescendantsAsync(CmsDbContext db, ContentNodeRow node, CancellationToken ct)
    {
        var prefix = node.Path + ",";
        return db.ContentNodes.Where(n => n.Path.StartsWith(prefix)).OrderBy(n => n.Level).ThenBy(n => n.SortOrder).ToListAsync(ct);
    }

    public async Task<bool> AncestorsPublishedAsync(CmsDbContext db, ContentNodeRow node, CancellationToken ct)
    {
        var ancestorIds = AncestorIds(node.Path).ToList();
        if (ancestorIds.Count == 0)
        {
            return true;
        }

        var published = await db.ContentNodes.CountAsync(n => ancestorIds.Contains(n.Id) && n.PublishedVersionId != null && !n.Trashed, ct);
        return published == ancestorIds.Count;
    }

    public static IEnumerable<int> AncestorIds(string path) =>
        path.Split(',').Select(int.Parse).Where(id => id > 0).SkipLast(1);

    /// <summary>Umbraco keeps sibling names unique by appending " (1)", " (2)", ….</summary>
    public async Task<string> UniqueNameAsync(CmsDbContext db, ContentNodeKind kind, int? parentId, string name, int? exceptId, CancellationToken ct)
    {
        var siblings = await db.ContentNodes
            .Where(n => n.Kind == kind && n.ParentId == parentId && !n.Trashed && n.Id != (exceptId ?? 0) && n.Name.StartsWith(name))
            .Select(n => n.Name)
            .ToListAsync(ct);
        var taken = siblings.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!taken.Contains(name))
        {
            return name;
        }

        for (var i = 1; ; i++)
        {
            var candidate = $"{name} ({i})";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    public string UrlSegment(string name)
    {
        var segment = shortStrings.CleanStringForUrlSegment(name);
        return string.IsNullOrEmpty(segment) ? "item" : segment;
    }

    public async Task<int> NextSortOrderAsync(CmsDbContext db, ContentNodeKind kind, int? parentId, CancellationToken ct)
    {
        var max = await db.ContentNodes.Where(n => n.Kind == kind && n.ParentId == parentId).MaxAsync(n => (int?)n.SortOrder, ct);
        return (max ?? -1) + 1;
    }

    public async Task<ContentItem> ToItemAsync(CmsDbContext db, ContentNodeRow node, CancellationToken ct)
    {
        var draft = await db.ContentVersions.AsNoTracking().SingleAsync(v => v.Id == node.DraftVersionId, ct);
        Guid? parentKey = node.ParentId is { } parentId
            ? await db.ContentNodes.Where(n => n.Id == parentId).Select(n => (Guid?)n.Key).SingleOrDefaultAsync(ct)
            : null;
        return await ToItemAsync(node, parentKey, ContentValues.Parse(draft.ValuesJson), ct);
    }

    public async Task<ContentItem> ToItemAsync(ContentNodeRow node, Guid? parentKey, IReadOnlyDictionary<string, JsonNode?> storedValues, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var type = snapshot.FindContentType(node.ContentTypeId)!;
        var state = node.PublishedVersionId is null ? ContentState.Draft
            : node.PublishedVersionId == node.DraftVersionId ? ContentState.Published
            : ContentState.PublishedPendingChanges;
        return new ContentItem(
            node.Id, node.Key, node.Kind, type.Key, type.Alias, parentKey, node.Level, node.Path, node.SortOrder, node.Trashed,
            node.Name, node.UrlSegment, state, node.Version, node.CreateDate, node.UpdateDate, node.PublishDate,
            node.ScheduledPublishDate, node.ScheduledUnpublishDate, storedValues);
    }
}

/// <summary>
/// Looks up picked documents and media in the database for the picker editors; during an import, items later in
/// the same batch count as existing (pickers store keys, so order does not matter, as in uSync).
/// </summary>
public sealed class DatabaseContentReferenceLookup(CmsDbContext db, SchemaSnapshot schema, IReadOnlyDictionary<Guid, ReferencedItem>? pending = null) : IContentReferenceLookup
{
    public ValueTask<ReferencedItem?> FindDocumentAsync(Guid key, CancellationToken cancellationToken) => FindAsync(key, ContentNodeKind.Document, cancellationToken);

    public ValueTask<ReferencedItem?> FindMediaAsync(Guid key, CancellationToken cancellationToken) => FindAsync(key, ContentNodeKind.Media, cancellationToken);

    private async ValueTask<ReferencedItem?> FindAsync(Guid key, ContentNodeKind kind, CancellationToken cancellationToken)
    {
        if (pending is not null && pending.TryGetValue(key, out var coming))
        {
            return coming;
        }

        var node = await db.ContentNodes.AsNoTracking()
            .Where(n => n.Key == key && n.Kind == kind)
            .Select(n => new { n.ContentTypeId, n.Trashed })
            .SingleOrDefaultAsync(cancellationToken);
        var type = node is null ? null : schema.FindContentType(node.ContentTypeId);
        return type is null ? null : new ReferencedItem(key, type.Alias, type.Key, node!.Trashed);
    }
}
