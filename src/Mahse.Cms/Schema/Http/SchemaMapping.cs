using System.Text.Json.Nodes;
using Mahse.Cms.Management;
using Mahse.Cms.Persistence;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Schema.Http;

internal static class SchemaMapping
{
    public static DataTypeResponseModel ToResponse(DataTypeDefinition d, bool isDeletable) => new(
        d.Key, d.Name, d.EditorAlias, d.EditorUiAlias,
        d.Configuration.Select(kv => new DataTypePropertyModel(kv.Key, kv.Value?.DeepClone())).ToList(),
        isDeletable, d.EditorAlias is "Umbraco.MultiNodeTreePicker" or "Umbraco.ContentPicker" or "Umbraco.MediaPicker3");

    public static DataTypeDefinition ToDefinition(Guid key, DataTypeRequestModel m)
    {
        var configuration = new JsonObject();
        foreach (var v in m.Values ?? [])
        {
            configuration[v.Alias] = v.Value?.DeepClone();
        }

        return new DataTypeDefinition(key, m.Name?.Trim() ?? "", m.EditorAlias ?? "", m.EditorUiAlias, configuration);
    }

    public static ContentTypeDefinition ToDefinition(Guid key, ContentTypeKind kind, ContentTypeRequestModel m)
    {
        var variations = (m.VariesByCulture ? ContentVariation.Culture : ContentVariation.Nothing) | (m.VariesBySegment ? ContentVariation.Segment : ContentVariation.Nothing);
        var allowed = (kind == ContentTypeKind.Media ? m.AllowedMediaTypes : m.AllowedDocumentTypes) ?? [];
        return new ContentTypeDefinition(
            key,
            kind,
            m.Alias?.Trim() ?? "",
            m.Name?.Trim() ?? "",
            (m.Containers ?? []).Select(c => new ContainerDefinition(c.Id, c.Parent?.Id, c.Name,
                string.Equals(c.Type, "Tab", StringComparison.OrdinalIgnoreCase) ? ContainerType.Tab : ContainerType.Group, c.SortOrder)).ToList(),
            (m.Properties ?? []).Select(p => new PropertyTypeDefinition(
                p.Id ?? Guid.NewGuid(), p.Container?.Id, p.Alias?.Trim() ?? "", p.Name?.Trim() ?? p.Alias ?? "", p.DataType?.Id ?? Guid.Empty,
                p.Description, p.Validation?.Mandatory ?? false, p.Validation?.MandatoryMessage, p.Validation?.RegEx, p.Validation?.RegExMessage,
                p.SortOrder, p.Appearance?.LabelOnTop ?? false,
                (p.VariesByCulture ? ContentVariation.Culture : ContentVariation.Nothing) | (p.VariesBySegment ? ContentVariation.Segment : ContentVariation.Nothing))).ToList(),
            (m.Compositions ?? []).Select(c => (c.DocumentType ?? c.MediaType ?? c.MemberType)?.Id).OfType<Guid>().ToList(),
            allowed.Select(a => (a.DocumentType ?? a.MediaType ?? a.MemberType) is { } r ? new AllowedChildDefinition(r.Id, a.SortOrder) : null)
                .OfType<AllowedChildDefinition>().ToList(),
            m.Icon, m.Description, m.AllowedAsRoot, m.IsElement, variations);
    }

    public static ContentTypeResponseModel ToResponse(ContentTypeDefinition d)
    {
        ReferenceByIdModel Ref(Guid id) => new(id);
        var allowed = d.AllowedChildren.Select(a => d.Kind == ContentTypeKind.Media
            ? new AllowedTypeModel(null, Ref(a.Key), null, a.SortOrder)
            : new AllowedTypeModel(Ref(a.Key), null, null, a.SortOrder)).ToList();
        return new ContentTypeResponseModel(
            d.Key, d.Alias, d.Name, d.Description, d.Icon, d.AllowedAtRoot,
            d.Variations.HasFlag(ContentVariation.Culture), d.Variations.HasFlag(ContentVariation.Segment), d.IsElement,
            d.Properties.Select(p => new PropertyTypeModel(p.Key, p.ContainerKey is { } c ? Ref(c) : null, p.SortOrder, p.Alias, p.Name, p.Description,
                Ref(p.DataTypeKey), p.Variations.HasFlag(ContentVariation.Culture), p.Variations.HasFlag(ContentVariation.Segment),
                new PropertyTypeValidationModel(p.Mandatory, p.MandatoryMessage, p.RegEx, p.RegExMessage),
                new PropertyTypeAppearanceModel(p.LabelOnTop))).ToList(),
            d.Containers.Select(c => new PropertyContainerModel(c.Key, c.ParentKey is { } pk ? Ref(pk) : null, c.Name, c.Type.ToString(), c.SortOrder)).ToList(),
            d.Kind == ContentTypeKind.Media ? [] : allowed,
            d.Kind == ContentTypeKind.Media ? allowed : [],
            d.Compositions.Select(c => d.Kind switch
            {
                ContentTypeKind.Media => new CompositionModel(null, Ref(c), null),
                ContentTypeKind.Member => new CompositionModel(null, null, Ref(c)),
                _ => new CompositionModel(Ref(c), null, null),
            }).ToList());
    }
}
