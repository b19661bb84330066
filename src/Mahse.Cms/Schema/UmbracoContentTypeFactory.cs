using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Persistence;
using Umbraco.Cms.Core.Exceptions;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Strings;

namespace Mahse.Cms.Schema;

/// <summary>
/// Builds Umbraco's own <see cref="ContentType"/>, <see cref="MediaType"/> and <see cref="MemberType"/> from stored
/// definitions, so Umbraco's model resolves compositions and detects clashing property aliases.
/// </summary>
public sealed class UmbracoContentTypeFactory(IShortStringHelper shortStringHelper, PropertyEditorCollection editors)
{
    /// <summary>Builds the type and, recursively, its compositions.</summary>
    /// <exception cref="InvalidCompositionException">Two compositions (or the type and a composition) share a property alias.</exception>
    public IContentTypeComposition Build(
        ContentTypeDefinition definition,
        Func<Guid, ContentTypeDefinition?> findType,
        Func<Guid, DataTypeDefinition?> findDataType)
    {
        return Build(definition, findType, findDataType, []);
    }

    private IContentTypeComposition Build(
        ContentTypeDefinition definition,
        Func<Guid, ContentTypeDefinition?> findType,
        Func<Guid, DataTypeDefinition?> findDataType,
        HashSet<Guid> visiting)
    {
        if (!visiting.Add(definition.Key))
        {
            throw new InvalidOperationException($"Composition cycle through '{definition.Alias}'.");
        }

        ContentTypeCompositionBase type = definition.Kind switch
        {
            ContentTypeKind.Media => new MediaType(shortStringHelper, -1),
            ContentTypeKind.Member => new MemberType(shortStringHelper, -1),
            _ => new ContentType(shortStringHelper, -1),
        };
        type.Key = definition.Key;
        type.Alias = definition.Alias;
        type.Name = definition.Name;
        type.Icon = definition.Icon;
        type.Description = definition.Description;
        type.AllowedAsRoot = definition.AllowedAtRoot;
        type.IsElement = definition.IsElement;
        type.Variations = definition.Variations;

        var isPublishing = definition.Kind == ContentTypeKind.Document;
        var groups = new PropertyGroupCollection();
        foreach (var container in definition.Containers.OrderBy(c => c.SortOrder))
        {
            var propertyTypes = definition.Properties
                .Where(p => p.ContainerKey == container.Key)
                .OrderBy(p => p.SortOrder)
                .Select(p => BuildPropertyType(p, findDataType, isPublishing));
            groups.Add(new PropertyGroup(new PropertyTypeCollection(isPublishing, propertyTypes))
            {
                Key = container.Key,
                Alias = ContainerAlias(container, definition.Containers),
                Name = container.Name,
                Type = container.Type == ContainerType.Tab ? PropertyGroupType.Tab : PropertyGroupType.Group,
                SortOrder = container.SortOrder,
            });
        }

        type.PropertyGroups = groups;
        foreach (var generic in definition.Properties.Where(p => p.ContainerKey is null).OrderBy(p => p.SortOrder))
        {
            type.AddPropertyType(BuildPropertyType(generic, findDataType, isPublishing));
        }

        foreach (var compositionKey in definition.Compositions)
        {
            var composition = findType(compositionKey)
                              ?? throw new InvalidOperationException($"Composition {compositionKey} of '{definition.Alias}' does not exist.");
            if (!type.AddContentType(Build(composition, findType, findDataType, visiting)))
            {
                throw new InvalidCompositionException(definition.Alias, composition.Alias, []);
            }
        }

        type.AllowedContentTypes = definition.AllowedChildren
            .Select(c => (Child: c, Type: findType(c.Key)))
            .Where(x => x.Type is not null)
            .Select(x => new ContentTypeSort(x.Child.Key, x.Child.SortOrder, x.Type!.Alias))
            .ToList();

        visiting.Remove(definition.Key);
        return type;
    }

    private PropertyType BuildPropertyType(PropertyTypeDefinition p, Func<Guid, DataTypeDefinition?> findDataType, bool isPublishing)
    {
        var dataType = findDataType(p.DataTypeKey);
        var editorAlias = dataType?.EditorAlias ?? "Umbraco.Label";
        var storage = editors.Find(editorAlias).StorageType;
        return new PropertyType(shortStringHelper, editorAlias, storage, true, p.Alias)
        {
            Key = p.Key,
            Name = p.Name,
            Description = p.Description,
            DataTypeKey = p.DataTypeKey,
            Mandatory = p.Mandatory,
            MandatoryMessage = p.MandatoryMessage,
            ValidationRegExp = p.RegEx,
            ValidationRegExpMessage = p.RegExMessage,
            SortOrder = p.SortOrder,
            LabelOnTop = p.LabelOnTop,
            Variations = p.Variations,
            SupportsPublishing = isPublishing,
        };
    }

    public string DefaultContainerAlias(string name)
    {
        var alias = shortStringHelper.CleanStringForSafeAlias(name);
        return alias.Length == 0 ? "group" : char.ToLowerInvariant(alias[0]) + alias[1..];
    }

    /// <summary>Umbraco names a group inside a tab "tabAlias/groupAlias".</summary>
    public string ContainerAlias(ContainerDefinition container, IReadOnlyList<ContainerDefinition> all)
    {
        var own = container.Alias ?? DefaultContainerAlias(container.Name ?? container.Key.ToString("N"));
        var parent = container.ParentKey is { } parentKey ? all.FirstOrDefault(c => c.Key == parentKey) : null;
        return parent is null ? own : $"{ContainerAlias(parent, all)}/{own}";
    }
}
