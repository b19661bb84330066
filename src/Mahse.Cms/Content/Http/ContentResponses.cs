using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Management;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;

namespace Mahse.Cms.Content.Http;

/// <summary>Maps content items to the Management API's response models.</summary>
public sealed class ContentResponses(SchemaCache schema, PropertyValueValidator validator)
{
    public async Task<object> ToResponseAsync(ContentItem item, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var type = snapshot.FindContentType(item.ContentTypeKey)!;
        var composition = snapshot.FindComposition(item.ContentTypeKey)!;
        var editorValues = validator.ToEditor(composition, item.Values);
        var editors = composition.CompositionPropertyTypes.ToDictionary(p => p.Alias, p => p.PropertyEditorAlias);
        var values = editorValues
            .Where(v => v.Value is not null)
            .Select(v => new DocumentValueModel(v.Key, v.Value?.DeepClone(), EditorAlias: editors[v.Key]))
            .ToList();
        var variant = new DocumentVariantResponseModel(null, null, item.Name, item.CreateDate, item.UpdateDate,
            item.Trashed && item.Kind == ContentNodeKind.Document ? "Draft" : StateName(item),
            item.PublishDate, item.ScheduledPublishDate, item.ScheduledUnpublishDate);
        var typeRef = new DocumentTypeReferenceModel(type.Key, type.Icon, type.Alias);
        var parent = item.ParentKey is { } p ? new ReferenceByIdModel(p) : null;
        return item.Kind == ContentNodeKind.Media
            ? new MediaResponseModel(values, [variant], item.Key, typeRef, parent, item.Trashed)
            : new DocumentResponseModel(values, [variant], item.Key, typeRef, parent, item.Trashed);
    }

    public async Task<TreeItemModel> ToTreeItemAsync(ContentItem item, bool hasChildren, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var type = snapshot.FindContentType(item.ContentTypeKey)!;
        return new TreeItemModel(item.Key, item.ParentKey is { } p ? new ReferenceByIdModel(p) : null, item.Name, hasChildren, item.Trashed,
            new DocumentTypeReferenceModel(type.Key, type.Icon, type.Alias), StateName(item), item.SortOrder, item.CreateDate);
    }

    public static string StateName(ContentItem item) => item.State switch
    {
        ContentState.Published => "Published",
        ContentState.PublishedPendingChanges => "PublishedPendingChanges",
        _ => "Draft",
    };
}
