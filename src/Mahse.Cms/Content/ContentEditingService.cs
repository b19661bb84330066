using System.Text.Json.Nodes;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Content;

/// <summary>
/// Creates and saves documents and media. Every save writes a new version (the history); values are validated
/// against the content type and data types first, and nothing is written when any value is invalid.
/// Mandatory values are enforced when publishing, so that drafts can be saved half-done, as in Umbraco.
/// </summary>
public sealed class ContentEditingService(
    ICmsDbContextFactory contexts,
    SchemaCache schema,
    ContentStore store,
    PropertyValueValidator validator,
    ContentNotifier notifier,
    TimeProvider clock)
{
    public async Task<ContentItem?> GetAsync(Guid key, ContentNodeKind kind, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == key && n.Kind == kind, ct);
        return node is null ? null : await store.ToItemAsync(db, node, ct);
    }

    public async Task<IReadOnlyList<ContentItem>> ChildrenAsync(Guid? parentKey, ContentNodeKind kind, int skip, int take, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        int? parentId = null;
        if (parentKey is not null)
        {
            parentId = await db.ContentNodes.Where(n => n.Key == parentKey && n.Kind == kind).Select(n => (int?)n.Id).SingleOrDefaultAsync(ct);
            if (parentId is null)
            {
                return [];
            }
        }

        var nodes = await db.ContentNodes.AsNoTracking()
            .Where(n => n.Kind == kind && n.ParentId == parentId && !n.Trashed)
            .OrderBy(n => n.SortOrder).Skip(skip).Take(take).ToListAsync(ct);
        var items = new List<ContentItem>(nodes.Count);
        foreach (var node in nodes)
        {
            items.Add(await store.ToItemAsync(node, parentKey, new Dictionary<string, JsonNode?>(), ct));
        }

        return items;
    }

    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> CreateAsync(
        ContentCreateModel model, string? user, CancellationToken ct, ContentImportOptions? import = null)
    {
        var snapshot = await schema.GetAsync(ct);
        var type = snapshot.FindContentType(model.ContentTypeKey);
        var expectedKind = model.Kind == ContentNodeKind.Media ? ContentTypeKind.Media : ContentTypeKind.Document;
        if (type is null || type.Kind != expectedKind)
        {
            return Fail(ContentEditingOperationStatus.ContentTypeNotFound, "documentType.id", $"{expectedKind} type {model.ContentTypeKey} does not exist.");
        }

        if (type.IsElement)
        {
            return Fail(ContentEditingOperationStatus.NotAllowed, "documentType.id", $"'{type.Alias}' is an element type; it can only be used in blocks.");
        }

        if (InvalidName(model.Name) is { } nameError)
        {
            return nameError;
        }

        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var key = model.Key ?? Guid.NewGuid();
        if (model.Key is not null && await db.ContentNodes.AnyAsync(n => n.Key == key, ct))
        {
            return Fail(ContentEditingOperationStatus.DuplicateKey, "id", $"An item with key {key} already exists.");
        }

        ContentNodeRow? parent = null;
        if (model.ParentKey is { } parentKey)
        {
            parent = await store.FindAsync(db, parentKey, model.Kind, ct);
            if (parent is null)
            {
                return Fail(ContentEditingOperationStatus.ParentNotFound, "parent.id", $"Parent {parentKey} does not exist.");
            }

            if (parent.Trashed)
            {
                return Fail(ContentEditingOperationStatus.InTrash, "parent.id", "The parent is in the recycle bin.");
            }
        }

        if (!IsAllowedUnder(type, parent, snapshot))
        {
            return Fail(ContentEditingOperationStatus.NotAllowed, "documentType.id",
                parent is null ? $"'{type.Alias}' is not allowed at the root." : $"'{type.Alias}' is not allowed under a '{snapshot.FindContentType(parent.ContentTypeId)?.Alias}'.");
        }

        var validation = await validator.ValidateAsync(
            snapshot.FindComposition(type.Key)!, model.Values, new DatabaseContentReferenceLookup(db, snapshot, import?.PendingItems), enforceMandatory: false, ct);
        if (!validation.IsValid)
        {
            return ValidationFailed(validation);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var created = import?.CreateDate ?? now;
        var name = await store.UniqueNameAsync(db, model.Kind, parent?.Id, model.Name.Trim(), null, ct);
        var node = new ContentNodeRow
        {
            Key = key,
            Kind = model.Kind,
            ParentId = parent?.Id,
            ContentTypeId = snapshot.FindContentTypeId(type.Key)!.Value,
            Level = (parent?.Level ?? 0) + 1,
            SortOrder = import?.SortOrder ?? await store.NextSortOrderAsync(db, model.Kind, parent?.Id, ct),
            Name = name,
            UrlSegment = store.UrlSegment(name),
            TemplateKey = import?.TemplateKey,
            CreateDate = created,
            UpdateDate = now,
            Version = 1,
        };
        db.ContentNodes.Add(node);
        await db.SaveChangesAsync(ct);

        var version = NewVersion(node, name, node.UrlSegment, validation.Values, created, user);
        db.ContentVersions.Add(version);
        await db.SaveChangesAsync(ct);
        node.Path = (parent?.Path ?? "-1") + "," + node.Id;
        node.DraftVersionId = version.Id;
        if (model.Kind == ContentNodeKind.Media)
        {
            // Media are not published in Umbraco: what is saved is what is served.
            node.PublishedVersionId = version.Id;
            version.WasPublished = true;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.SavedAsync(node, validation.Values, ct);
        return Succeed(await store.ToItemAsync(node, model.ParentKey, validation.Values, ct));
    }

    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> UpdateAsync(
        Guid key, ContentNodeKind kind, ContentUpdateModel model, int? expectedVersion, string? user, CancellationToken ct,
        ContentImportOptions? import = null)
    {
        if (InvalidName(model.Name) is { } nameError)
        {
            return nameError;
        }

        var snapshot = await schema.GetAsync(ct);
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, kind, ct);
        if (node is null)
        {
            return Fail(ContentEditingOperationStatus.NotFound, "id", $"Item {key} does not exist.");
        }

        if (expectedVersion is not null && expectedVersion != node.Version)
        {
            return Stale();
        }

        if (node.Trashed)
        {
            return Fail(ContentEditingOperationStatus.InTrash, "id", "The item is in the recycle bin; restore it first.");
        }

        var type = snapshot.FindContentType(node.ContentTypeId)!;
        var validation = await validator.ValidateAsync(
            snapshot.FindComposition(type.Key)!, model.Values, new DatabaseContentReferenceLookup(db, snapshot, import?.PendingItems), enforceMandatory: false, ct);
        if (!validation.IsValid)
        {
            return ValidationFailed(validation);
        }

        if (import is not null)
        {
            node.TemplateKey = import.TemplateKey;
            node.SortOrder = import.SortOrder ?? node.SortOrder;
            node.CreateDate = import.CreateDate ?? node.CreateDate;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var name = model.Name.Trim() == node.Name ? node.Name : await store.UniqueNameAsync(db, kind, node.ParentId, model.Name.Trim(), node.Id, ct);
        var segment = name == node.Name ? node.UrlSegment : store.UrlSegment(name);
        var version = NewVersion(node, name, segment, validation.Values, now, user);
        db.ContentVersions.Add(version);
        await db.SaveChangesAsync(ct);

        node.Name = name;
        node.UrlSegment = segment;
        node.DraftVersionId = version.Id;
        if (kind == ContentNodeKind.Media)
        {
            node.PublishedVersionId = version.Id;
            version.WasPublished = true;
        }

        node.UpdateDate = now;
        node.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }

        await notifier.SavedAsync(node, validation.Values, ct);
        return Succeed(await store.ToItemAsync(db, node, ct));
    }

    internal static ContentVersionRow NewVersion(ContentNodeRow node, string name, string urlSegment, IReadOnlyDictionary<string, JsonNode?> values, DateTime now, string? user) => new()
    {
        Key = Guid.NewGuid(),
        NodeId = node.Id,
        Name = name,
        UrlSegment = urlSegment,
        ValuesJson = ContentValues.Serialize(values),
        CreateDate = now,
        CreatedBy = user,
    };

    internal static bool IsAllowedUnder(ContentTypeDefinition type, ContentNodeRow? parent, SchemaSnapshot snapshot)
    {
        if (parent is null)
        {
            return type.AllowedAtRoot || type.Kind == ContentTypeKind.Media && type.Alias is "Folder" or "Image" or "File";
        }

        var parentType = snapshot.FindContentType(parent.ContentTypeId);
        return parentType is not null && parentType.AllowedChildren.Any(c => c.Key == type.Key);
    }

    private static Attempt<ContentOperationResult, ContentEditingOperationStatus>? InvalidName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > 255
            ? Fail(ContentEditingOperationStatus.InvalidName, "variants[0].name", "A name of 1 to 255 characters is required.")
            : null;

    internal static Attempt<ContentOperationResult, ContentEditingOperationStatus> ValidationFailed(ValuesValidationResult validation) =>
        Attempt.FailWithStatus(ContentEditingOperationStatus.PropertyValidationError, new ContentOperationResult(null,
            validation.Errors.SelectMany(e => e.Value.Select(m => new FieldError($"$.values[{e.Key}]", m))).ToList()));

    internal static Attempt<ContentOperationResult, ContentEditingOperationStatus> Succeed(ContentItem item) =>
        Attempt.SucceedWithStatus(ContentEditingOperationStatus.Success, ContentOperationResult.Of(item));

    internal static Attempt<ContentOperationResult, ContentEditingOperationStatus> Fail(ContentEditingOperationStatus status, string field, string message) =>
        Attempt.FailWithStatus(status, ContentOperationResult.Error(field, message));

    internal static Attempt<ContentOperationResult, ContentEditingOperationStatus> Stale() =>
        Fail(ContentEditingOperationStatus.ConcurrencyViolation, "version", "The item was changed by someone else since it was read; reload it and try again.");
}
