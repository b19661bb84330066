using System.Text.Json.Nodes;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Persistence;

namespace Mahse.Cms.Content;

/// <summary>Umbraco's document variant states (DocumentVariantState in the Management API).</summary>
public enum ContentState
{
    Draft,
    Published,
    PublishedPendingChanges,
}

/// <summary>A document or media item as the backoffice edits it: the node and its current draft.</summary>
public sealed record ContentItem(
    int Id,
    Guid Key,
    ContentNodeKind Kind,
    Guid ContentTypeKey,
    string ContentTypeAlias,
    Guid? ParentKey,
    int Level,
    string Path,
    int SortOrder,
    bool Trashed,
    string Name,
    string UrlSegment,
    ContentState State,
    int Version,
    DateTime CreateDate,
    DateTime UpdateDate,
    DateTime? PublishDate,
    DateTime? ScheduledPublishDate,
    DateTime? ScheduledUnpublishDate,
    IReadOnlyDictionary<string, JsonNode?> Values);

public sealed record ContentVersionItem(Guid Key, Guid DocumentKey, string Name, DateTime CreateDate, string? CreatedBy, bool IsCurrentDraft, bool IsCurrentPublished, bool WasPublished);

/// <summary>What an editing operation gives back: the item, or the rules it broke.</summary>
public sealed record ContentOperationResult(ContentItem? Item, IReadOnlyList<FieldError> Errors)
{
    public static ContentOperationResult Of(ContentItem item) => new(item, []);

    public static ContentOperationResult Error(string field, string message) => new(null, [new FieldError(field, message)]);
}

public sealed record ContentCreateModel(
    Guid? Key,
    ContentNodeKind Kind,
    Guid ContentTypeKey,
    Guid? ParentKey,
    string Name,
    IReadOnlyDictionary<string, JsonNode?> Values);

public sealed record ContentUpdateModel(string Name, IReadOnlyDictionary<string, JsonNode?> Values);

public sealed record PublishSchedule(DateTime? PublishTime, DateTime? UnpublishTime);

/// <summary>
/// What an import (uSync) sets that an editor does not: the original create date and sort order, the template,
/// and the items still to come in the same batch, which pickers may already point at.
/// </summary>
public sealed record ContentImportOptions(
    DateTime? CreateDate = null,
    int? SortOrder = null,
    Guid? TemplateKey = null,
    IReadOnlyDictionary<Guid, Mahse.Cms.Content.PropertyEditors.ReferencedItem>? PendingItems = null);
