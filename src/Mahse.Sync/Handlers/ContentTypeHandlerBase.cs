using System.Globalization;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Document, media and member types on Umbraco's content type services, in uSync's two passes: pass one writes the
/// type with its tabs, properties and the compositions that already exist; pass two, once every type of the import
/// exists, adds the remaining compositions and the allowed children. Properties and tabs that the file no longer has
/// are removed, as uSync does by default.
/// </summary>
public abstract class ContentTypeHandlerBase<TItem>(
    IContentTypeBaseService<TItem> types,
    IEntityTypeContainerService<TItem> containers,
    IDataTypeService dataTypes,
    IShortStringHelper shortStrings,
    UsyncNames names) : ISyncHandler
    where TItem : class, IContentTypeComposition
{
    private readonly FolderPaths<TItem> _folders = new(containers);

    protected IShortStringHelper ShortStrings => shortStrings;

    public abstract string Name { get; }

    public string Folder => ItemType + "s";

    public abstract string ItemType { get; }

    public abstract int WriteLock { get; }

    public abstract int Priority { get; }

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    /// <summary>A new, empty type under the given parent (a folder id, or -1).</summary>
    protected abstract TItem Create(int parentId);

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        file.Key is { } key && types.Get(key) is { } type ? await SerializeAsync(type) : null;

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var key = file.Key!.Value;
        var info = file.Root.Element("Info");
        var existing = types.Get(key);
        if (existing is null && types.Get(file.Alias) is { } clash)
        {
            return SyncItemOutcome.Fail($"The alias '{file.Alias}' is already used by another {ItemType} ({clash.Key}).");
        }

        var type = existing ?? Create(-1);
        var warnings = new List<string>();
        type.Key = key;
        type.Alias = file.Alias;
        type.Name = info?.Element("Name")?.Value is { Length: > 0 } name ? name : type.Name ?? file.Alias;
        type.Icon = info?.Element("Icon")?.Value ?? type.Icon;
        type.Thumbnail = info?.Element("Thumbnail")?.Value ?? type.Thumbnail;
        type.Description = info?.Element("Description")?.Value is { Length: > 0 } description ? description : null;
        type.AllowedAsRoot = UsyncXml.ReadBool(info?.Element("AllowAtRoot"));
        type.IsElement = UsyncXml.ReadBool(info?.Element("IsElement"));
        type.ListView = UsyncXml.ReadGuid(info?.Element("ListView")?.Value) is { } listView && listView != Guid.Empty ? listView : null;
        if (Enum.TryParse<ContentVariation>(info?.Element("Variations")?.Value, ignoreCase: true, out var variations))
        {
            type.Variations = variations;
        }

        var folder = await _folders.EnsureAsync(info?.Element("Folder")?.Value, SyncUser.Key);
        type.ParentId = folder?.Id ?? -1;

        ApplyCompositions(type, file, warnings, reportMissing: false);
        ApplyTabs(type, file);
        await ApplyPropertiesAsync(type, file, warnings);
        await ApplyInfoAsync(type, file, warnings);

        var saved = existing is null ? await types.CreateAsync(type, SyncUser.Key) : await types.UpdateAsync(type, SyncUser.Key);
        return saved.Success ? new SyncItemOutcome(change, Warnings: warnings) : SyncItemOutcome.Fail($"{saved.Result}");
    }

    public async Task<SyncItemOutcome?> SecondPassAsync(SyncFile file, SyncImportContext context, CancellationToken ct)
    {
        if (types.Get(file.Key!.Value) is not { } type)
        {
            return null;
        }

        var warnings = new List<string>();
        ApplyCompositions(type, file, warnings, reportMissing: true);
        ApplyStructure(type, file, warnings);
        ApplySecondPassInfo(type, file);
        if (type.IsDirty())
        {
            var saved = await types.UpdateAsync(type, SyncUser.Key);
            if (!saved.Success)
            {
                return SyncItemOutcome.Fail($"Second Pass Fail: {saved.Result}");
            }
        }

        return warnings.Count == 0 ? null : new SyncItemOutcome(SyncChange.Update, Warnings: warnings);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        var type = (marker.Key is { } key ? types.Get(key) : null) ?? types.Get(marker.Alias);
        if (type is null)
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        var status = await types.DeleteAsync(type.Key, SyncUser.Key);
        return status == Umbraco.Cms.Core.Services.OperationStatus.ContentTypeOperationStatus.Success
            ? new SyncItemOutcome(SyncChange.Delete)
            : SyncItemOutcome.Fail($"{status}");
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        var result = new List<(string, Guid, XElement)>();
        foreach (var type in types.GetAll())
        {
            var xml = await SerializeAsync(type);
            result.Add((FileNameFor(xml), type.Key, xml));
        }

        return result;
    }

    // ---- serialising ----

    /// <summary>Info, then (document types) Structure before GenericProperties, (media, member types) after.</summary>
    protected abstract bool StructureFirst { get; }

    private async Task<XElement> SerializeAsync(TItem type)
    {
        var info = new XElement("Info",
            new XElement("Name", type.Name),
            new XElement("Icon", type.Icon ?? ""),
            new XElement("Thumbnail", type.Thumbnail ?? ""),
            new XElement("Description", type.Description ?? ""),
            new XElement("AllowAtRoot", UsyncXml.PascalBool(type.AllowedAsRoot)),
            new XElement("ListView", (type.ListView ?? Guid.Empty).ToString()),
            new XElement("Variations", type.Variations.ToString()),
            new XElement("IsElement", UsyncXml.CamelBool(type.IsElement)));
        SerializeHistoryCleanup(type, info);
        if (await _folders.PathOfAsync(type.ParentId) is { } folder)
        {
            info.Add(new XElement("Folder", folder));
        }

        info.Add(new XElement("Compositions", type.ContentTypeComposition
            .OrderBy(c => c.Alias, StringComparer.InvariantCulture)
            .Select(c => new XElement("Composition", new XAttribute("Key", c.Key.ToString()), c.Alias))));
        SerializeTemplates(type, info);

        var structure = new XElement("Structure", (type.AllowedContentTypes ?? [])
            .OrderBy(c => c.SortOrder)
            .Select(c => (Sort: c, Type: types.Get(c.Key)))
            .Where(c => c.Type is not null)
            .Select(c => new XElement(ItemType, new XAttribute("Key", c.Type!.Key.ToString()), new XAttribute("SortOrder", c.Sort.SortOrder), c.Type.Alias)));
        var properties = new XElement("GenericProperties");
        foreach (var property in type.PropertyTypes.OrderBy(p => p.Alias, StringComparer.InvariantCulture))
        {
            properties.Add(await SerializePropertyAsync(type, property));
        }

        var tabs = new XElement("Tabs", type.PropertyGroups
            .OrderBy(g => g.Key.ToString(), StringComparer.Ordinal)
            .Select(g => new XElement("Tab",
                new XElement("Key", g.Key.ToString()),
                new XElement("Caption", g.Name ?? ""),
                new XElement("Alias", g.Alias),
                new XElement("Type", g.Type.ToString()),
                new XElement("SortOrder", g.SortOrder))));

        return new XElement(ItemType,
            new XAttribute("Key", type.Key.ToString()),
            new XAttribute("Alias", type.Alias),
            new XAttribute("Level", type.Level),
            info,
            StructureFirst ? structure : properties,
            StructureFirst ? properties : structure,
            tabs);
    }

    private async Task<XElement> SerializePropertyAsync(TItem type, IPropertyType property)
    {
        var element = new XElement("GenericProperty",
            new XElement("Key", PropertyKey(type, property).ToString()),
            new XElement("Name", property.Name),
            new XElement("Alias", property.Alias));
        if (await dataTypes.GetAsync(property.DataTypeKey) is { } dataType)
        {
            element.Add(new XElement("Definition", dataType.Key.ToString()), new XElement("Type", dataType.EditorAlias));
        }
        else
        {
            element.Add(new XElement("Type", property.PropertyEditorAlias));
        }

        var group = type.PropertyGroups.FirstOrDefault(g => g.PropertyTypes?.Any(p => p.Alias == property.Alias) == true);
        var tab = new XElement("Tab", group?.Name ?? "");
        if (group is not null)
        {
            tab.Add(new XAttribute("Alias", group.Alias));
        }

        element.Add(
            new XElement("Mandatory", UsyncXml.CamelBool(property.Mandatory)),
            new XElement("Validation", property.ValidationRegExp ?? ""),
            UsyncXml.CData("Description", property.Description),
            new XElement("SortOrder", property.SortOrder),
            tab);
        SerializePropertyExtras(type, property, element);
        element.Add(
            new XElement("MandatoryMessage", property.MandatoryMessage ?? ""),
            new XElement("ValidationRegExpMessage", property.ValidationRegExpMessage ?? ""),
            new XElement("LabelOnTop", UsyncXml.CamelBool(property.LabelOnTop)));
        return element;
    }

    /// <summary>The key a property is written with (member types give built-in properties fixed keys).</summary>
    protected virtual Guid PropertyKey(TItem type, IPropertyType property) => property.Key;

    /// <summary>What goes between Tab and MandatoryMessage: Variations (document types), CanEdit/CanView/IsSensitive (member types).</summary>
    protected abstract void SerializePropertyExtras(TItem type, IPropertyType property, XElement element);

    protected virtual void SerializeHistoryCleanup(TItem type, XElement info)
    {
    }

    protected virtual void SerializeTemplates(TItem type, XElement info)
    {
    }

    // ---- importing ----

    /// <summary>Pass one's type-specific settings (templates).</summary>
    protected virtual Task ApplyInfoAsync(TItem type, SyncFile file, List<string> warnings) => Task.CompletedTask;

    /// <summary>Pass two's type-specific settings (history clean-up).</summary>
    protected virtual void ApplySecondPassInfo(TItem type, SyncFile file)
    {
    }

    /// <summary>Property settings only some kinds have (variations, member permissions).</summary>
    protected abstract void ApplyPropertyExtras(TItem type, IPropertyType property, XElement element);

    private void ApplyCompositions(TItem type, SyncFile file, List<string> warnings, bool reportMissing)
    {
        var wanted = new List<IContentTypeComposition>();
        foreach (var element in file.Root.Element("Info")?.Element("Compositions")?.Elements("Composition") ?? [])
        {
            var composition = (UsyncXml.ReadGuid(element.Attribute("Key")?.Value) is { } key ? types.Get(key) : null) ?? types.Get(element.Value.Trim());
            if (composition is not null)
            {
                wanted.Add(composition);
            }
            else if (reportMissing)
            {
                warnings.Add($"Composition '{element.Value.Trim()}' does not exist; it was left out.");
            }
        }

        foreach (var gone in type.ContentTypeComposition.Where(c => wanted.All(w => w.Key != c.Key)).ToList())
        {
            type.RemoveContentType(gone.Key);
        }

        foreach (var composition in wanted.Where(w => type.ContentTypeComposition.All(c => c.Key != w.Key)))
        {
            type.AddContentType(composition);
        }
    }

    private void ApplyStructure(TItem type, SyncFile file, List<string> warnings)
    {
        var allowed = new List<ContentTypeSort>();
        foreach (var element in file.Root.Element("Structure")?.Elements() ?? [])
        {
            var child = (UsyncXml.ReadGuid(element.Attribute("Key")?.Value) is { } key ? types.Get(key) : null) ?? types.Get(element.Value.Trim());
            if (child is null)
            {
                warnings.Add($"Allowed child '{element.Value.Trim()}' does not exist; it was left out.");
                continue;
            }

            var sortOrder = int.TryParse(element.Attribute("SortOrder")?.Value, out var s) ? s : allowed.Count;
            allowed.Add(new ContentTypeSort(child.Key, sortOrder, child.Alias));
        }

        var current = (type.AllowedContentTypes ?? []).Select(c => (c.Key, c.SortOrder));
        if (!current.SequenceEqual(allowed.Select(c => (c.Key, c.SortOrder))))
        {
            type.AllowedContentTypes = allowed;
        }
    }

    /// <summary>Tabs and groups by key, else alias; parents (tabs) before the groups inside them.</summary>
    private static void ApplyTabs(TItem type, SyncFile file)
    {
        var wanted = (file.Root.Element("Tabs")?.Elements("Tab") ?? []).Select(t => new
        {
            Key = UsyncXml.ReadGuid(t.Element("Key")?.Value),
            Name = t.Element("Caption")?.Value ?? t.Element("Alias")?.Value ?? "",
            Alias = t.Element("Alias")?.Value is { Length: > 0 } alias ? alias : t.Element("Caption")?.Value ?? "",
            Type = Enum.TryParse<PropertyGroupType>(t.Element("Type")?.Value, true, out var groupType) ? groupType : PropertyGroupType.Group,
            SortOrder = int.TryParse(t.Element("SortOrder")?.Value, out var sortOrder) ? sortOrder : 0,
        }).OrderBy(t => t.Alias.Count(c => c == '/')).ToList();

        foreach (var tab in wanted)
        {
            var group = type.PropertyGroups.FirstOrDefault(g => tab.Key is { } key && g.Key == key)
                ?? type.PropertyGroups.FirstOrDefault(g => g.Alias == tab.Alias);
            if (group is null)
            {
                // Only a new group takes the file's key: Umbraco does not let an existing group change key.
                group = new PropertyGroup(isPublishing: type is IContentType) { Alias = tab.Alias };
                if (tab.Key is { } groupKey)
                {
                    group.Key = groupKey;
                }

                type.PropertyGroups.Add(group);
            }

            group.Alias = tab.Alias;
            group.Name = tab.Name;
            group.Type = tab.Type;
            group.SortOrder = tab.SortOrder;
        }
    }

    private async Task ApplyPropertiesAsync(TItem type, SyncFile file, List<string> warnings)
    {
        var elements = (file.Root.Element("GenericProperties")?.Elements("GenericProperty") ?? []).ToList();
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            var alias = element.Element("Alias")?.Value.Trim() ?? "";
            var key = UsyncXml.ReadGuid(element.Element("Key")?.Value);
            var dataType = await FindDataTypeAsync(element);
            if (alias.Length == 0)
            {
                warnings.Add("A property without an alias was left out.");
                continue;
            }

            if (dataType is null)
            {
                warnings.Add($"Property '{alias}' was left out: its data type ({element.Element("Definition")?.Value} / {element.Element("Type")?.Value}) is missing (missing DataType?).");
                continue;
            }

            var property = type.PropertyTypes.FirstOrDefault(p => key is { } k && p.Key == k) ?? type.PropertyTypes.FirstOrDefault(p => p.Alias == alias);
            if (property is null)
            {
                if (type.CompositionPropertyTypes.Any(p => p.Alias == alias))
                {
                    warnings.Add($"Property '{alias}' already comes from a composition; the type's own copy was left out.");
                    continue;
                }

                // Only a new property takes the file's key: Umbraco does not let an existing one change key.
                property = new PropertyType(shortStrings, dataType, alias);
                if (key is { } newKey)
                {
                    property.Key = newKey;
                }
            }

            property.Alias = alias;
            property.Name = element.Element("Name")?.Value ?? alias;
            property.Description = element.Element("Description")?.Value is { Length: > 0 } description ? description : null;
            property.Mandatory = UsyncXml.ReadBool(element.Element("Mandatory"));
            property.MandatoryMessage = element.Element("MandatoryMessage")?.Value is { Length: > 0 } mandatoryMessage ? mandatoryMessage : null;
            property.ValidationRegExp = element.Element("Validation")?.Value is { Length: > 0 } regex ? regex : null;
            property.ValidationRegExpMessage = element.Element("ValidationRegExpMessage")?.Value is { Length: > 0 } regexMessage ? regexMessage : null;
            property.LabelOnTop = UsyncXml.ReadBool(element.Element("LabelOnTop"));
            property.SortOrder = int.TryParse(element.Element("SortOrder")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sortOrder) ? sortOrder : 0;
            if (property.DataTypeKey != dataType.Key)
            {
                property.DataTypeId = dataType.Id;
                property.DataTypeKey = dataType.Key;
                property.PropertyEditorAlias = dataType.EditorAlias;
                property.ValueStorageType = dataType.DatabaseType;
            }

            var tab = element.Element("Tab");
            var groupAlias = tab?.Attribute("Alias")?.Value is { Length: > 0 } a ? a : type.PropertyGroups.FirstOrDefault(g => g.Name == tab?.Value)?.Alias;
            if (type.PropertyTypes.All(p => !ReferenceEquals(p, property)))
            {
                if (groupAlias is not null && type.PropertyGroups.Contains(groupAlias))
                {
                    type.AddPropertyType(property, groupAlias);
                }
                else
                {
                    type.AddPropertyType(property);
                }
            }
            else
            {
                var currentGroup = type.PropertyGroups.FirstOrDefault(g => g.PropertyTypes?.Any(p => ReferenceEquals(p, property)) == true)?.Alias;
                if (currentGroup != groupAlias && (groupAlias is null || type.PropertyGroups.Contains(groupAlias)))
                {
                    type.MovePropertyType(property.Alias, groupAlias);
                }
            }

            ApplyPropertyExtras(type, property, element);
            keep.Add(alias);
        }

        foreach (var gone in type.PropertyTypes.Where(p => !keep.Contains(p.Alias) && !IsBuiltIn(type, p)).Select(p => p.Alias).ToList())
        {
            type.RemovePropertyType(gone);
        }

        var tabs = (file.Root.Element("Tabs")?.Elements("Tab") ?? []).Select(t => t.Element("Alias")?.Value).ToHashSet();
        foreach (var gone in type.PropertyGroups.Where(g => !tabs.Contains(g.Alias) && (g.PropertyTypes?.Count ?? 0) == 0).Select(g => g.Alias).ToList())
        {
            type.RemovePropertyGroup(gone);
        }
    }

    /// <summary>Properties Umbraco itself puts on a type (member types' built-ins); an import never removes them.</summary>
    protected virtual bool IsBuiltIn(TItem type, IPropertyType property) => false;

    /// <summary>By Definition (the data type key), else the first data type with the editor alias in Type, as uSync does.</summary>
    private async Task<IDataType?> FindDataTypeAsync(XElement property)
    {
        if (UsyncXml.ReadGuid(property.Element("Definition")?.Value) is { } key && await dataTypes.GetAsync(key) is { } byKey)
        {
            return byKey;
        }

        return property.Element("Type")?.Value.Trim() is { Length: > 0 } editorAlias
            ? (await dataTypes.GetByEditorAliasAsync(editorAlias)).FirstOrDefault()
            : null;
    }
}
