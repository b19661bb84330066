using System.Globalization;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;
using Umbraco.Extensions;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Documents and media: the tree position, name, sort order and property values in uSync's shape. Values are
/// Umbraco's stored (edited) values, which Umbraco converts to the property's storage type on assignment. Parents go
/// before children (Level*1000+SortOrder); a parent later in the same import counts as present.
/// </summary>
public abstract class ContentItemHandlerBase<TItem>(IEntityService entities, UsyncNames names) : ISyncHandler
    where TItem : class, IContentBase
{
    /// <summary>
    /// Umbraco's paged descendants query sorts the whole tree for every page (SQLite: seconds per page at 10,000
    /// items), so an export reads few, large pages.
    /// </summary>
    private const int ExportPageSize = 5000;

    protected IEntityService Entities => entities;

    public abstract string Name { get; }

    public string Folder => ItemType;

    public abstract string ItemType { get; }

    public abstract int WriteLock { get; }

    public abstract int Priority { get; }

    public SyncGroups Group => SyncGroups.Content;

    public bool OrderByLevel => true;

    protected UsyncNames Names => names;

    protected abstract UmbracoObjectTypes ObjectType { get; }

    protected abstract TItem? Get(Guid key);

    protected abstract TItem? Get(int id);

    /// <summary>The alias of the item's type, when a type of the right kind has it; null when no such type exists.</summary>
    protected abstract IContentTypeComposition? FindType(string alias);

    protected abstract TItem Create(string name, int parentId, IContentTypeComposition type);

    /// <summary>Saves, then publishes or unpublishes (documents); returns a failure message or null.</summary>
    protected abstract Task<string?> SaveAsync(TItem item, XElement info, List<string> warnings);

    protected abstract string? Move(TItem item, int parentId);

    protected abstract string? Trash(TItem item);

    /// <summary>One page of every item under the root, trashed ones included, as Umbraco's paged descendants query gives it.</summary>
    protected abstract IEnumerable<TItem> DescendantsPage(long page, int pageSize, out long total);

    private IEnumerable<TItem> All()
    {
        long page = 0, total;
        do
        {
            foreach (var item in DescendantsPage(page++, ExportPageSize, out total))
            {
                yield return item;
            }
        }
        while (page * ExportPageSize < total);
    }

    /// <summary>Info elements after SortOrder (documents: Published, Schedule, Template).</summary>
    protected virtual void SerializeInfoExtras(TItem item, XElement info)
    {
    }

    /// <summary>Elements after Properties (documents: our PublicAccess extension).</summary>
    protected virtual Task<XElement?> SerializeExtrasAsync(TItem item) => Task.FromResult<XElement?>(null);

    public Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        Task.FromResult(file.Key is { } key && Get(key) is { } item ? Serialize(item) : null);

    /// <summary>The update date Umbraco keeps for the item (any save, publish, move or trash changes it), plus extras.</summary>
    public Task<string?> StampAsync(SyncFile file, CancellationToken ct) =>
        Task.FromResult(file.Key is { } key && entities.Get(key, ObjectType) is { } entity
            ? $"{entity.UpdateDate.Ticks}{StampExtras(entity.Id)}"
            : null);

    /// <summary>State that lives beside the item and does not move its update date (documents: public access).</summary>
    protected virtual string StampExtras(int id) => "";

    public Task<string?> ParentProblemAsync(SyncFile file, SyncImportContext context, CancellationToken ct)
    {
        var parent = file.Root.Element("Info")?.Element("Parent");
        var parentKey = UsyncXml.ReadGuid(parent?.Attribute("Key")?.Value) ?? Guid.Empty;
        if (parentKey == Guid.Empty)
        {
            return Task.FromResult<string?>(null);
        }

        if (context.FailedKeys.Contains(parentKey))
        {
            return Task.FromResult<string?>($"Parent {parentKey} ({parent?.Value}) failed in this import.");
        }

        return Task.FromResult(context.BatchKeys.Contains(parentKey) || Get(parentKey) is { Trashed: false }
            ? null
            : $"Parent {parentKey} ({parent?.Value}) is neither in the database nor in this import.");
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var info = file.Root.Element("Info") ?? new XElement("Info");
        if (UsyncXml.ReadBool(info.Element("Trashed")))
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Trashed items are not imported.");
        }

        var typeAlias = info.Element("ContentType")?.Value.Trim() ?? "";
        if (FindType(typeAlias) is not { } type)
        {
            return SyncItemOutcome.Fail($"The {ItemType.ToLowerInvariant()} type '{typeAlias}' does not exist.");
        }

        var parentKey = UsyncXml.ReadGuid(info.Element("Parent")?.Attribute("Key")?.Value) ?? Guid.Empty;
        var parentId = Constants.System.Root;
        if (parentKey != Guid.Empty)
        {
            // Through Umbraco's id-key map (cached): the parent was checked, trashed or not, before this item's scope.
            if (entities.GetId(parentKey, ObjectType) is not { Success: true } parent)
            {
                return new SyncItemOutcome(SyncChange.ParentMissing, $"Parent {parentKey} does not exist.");
            }

            parentId = parent.Result;
        }

        var names0 = info.Element("NodeName");
        var name = names0?.Attribute("Default")?.Value is { Length: > 0 } n ? n : file.Alias;
        // A Create was decided because the item does not exist: no need to look again.
        var key = file.Key!.Value;
        var item = change == SyncChange.Create ? null : Get(key);
        if (item is null)
        {
            item = Create(name, parentId, type);
            item.Key = key;
        }
        else
        {
            if (item.ContentType.Alias != typeAlias)
            {
                return SyncItemOutcome.Fail($"The {ItemType.ToLowerInvariant()} is a '{item.ContentType.Alias}' here and a '{typeAlias}' in the file; Umbraco cannot change an item's type on import.");
            }

            if (item.ParentId != parentId || item.Trashed)
            {
                if (Move(item, parentId) is { } moveProblem)
                {
                    return SyncItemOutcome.Fail(moveProblem);
                }

                item = Get(key)!;
            }
        }

        item.Name = name;
        foreach (var culture in names0?.Elements("Name") ?? [])
        {
            var iso = culture.Attribute("Culture")?.Value;
            if (!string.IsNullOrEmpty(iso) && type.VariesByCulture())
            {
                item.SetCultureName(culture.Value, iso);
            }
        }

        if (int.TryParse(info.Element("SortOrder")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sortOrder))
        {
            item.SortOrder = sortOrder;
        }

        if (DateTime.TryParse(info.Element("CreateDate")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var created))
        {
            item.CreateDate = created;
        }

        var warnings = new List<string>();
        ApplyValues(item, type, file, warnings);
        return await SaveAsync(item, info, warnings) is { } problem
            ? SyncItemOutcome.Fail(problem)
            : new SyncItemOutcome(change, Warnings: warnings);
    }

    private static void ApplyValues(TItem item, IContentTypeComposition type, SyncFile file, List<string> warnings)
    {
        var propertyTypes = type.CompositionPropertyTypes.ToDictionary(p => p.Alias, StringComparer.Ordinal);
        foreach (var property in file.Root.Element("Properties")?.Elements() ?? [])
        {
            var alias = property.Name.LocalName;
            if (!propertyTypes.TryGetValue(alias, out var propertyType))
            {
                warnings.Add($"The value for '{alias}' was dropped: '{type.Alias}' has no such property.");
                continue;
            }

            foreach (var value in property.Elements("Value"))
            {
                var culture = propertyType.VariesByCulture() ? value.Attribute("Culture")?.Value : null;
                var segment = propertyType.VariesBySegment() ? value.Attribute("Segment")?.Value : null;
                try
                {
                    item.SetValue(alias, value.Value.Length == 0 ? null : value.Value, string.IsNullOrEmpty(culture) ? null : culture, string.IsNullOrEmpty(segment) ? null : segment);
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException or NotSupportedException)
                {
                    warnings.Add($"The value for '{alias}' was dropped: {ex.Message}");
                }
            }
        }
    }

    public virtual Task<SyncItemOutcome?> SecondPassAsync(SyncFile file, SyncImportContext context, CancellationToken ct) =>
        Task.FromResult<SyncItemOutcome?>(null);

    public Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        if (marker.Key is not { } key || Get(key) is not { Trashed: false } item)
        {
            return Task.FromResult(new SyncItemOutcome(SyncChange.NoChange, "Already gone."));
        }

        // uSync moves deleted items to the recycle bin rather than destroying them.
        return Task.FromResult(Trash(item) is { } problem ? SyncItemOutcome.Fail(problem) : new SyncItemOutcome(SyncChange.Delete));
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        var items = All().Where(i => !i.Trashed).OrderBy(i => i.Level).ThenBy(i => i.SortOrder).ThenBy(i => i.Id).ToList();

        // Every ancestor of an item is among the items, so their names and keys need no query per item (one cost an
        // entity query over the whole node table: 42 % of a 10,000-item export).
        var loaded = items.ToDictionary(i => i.Id, i => new Ancestor(i.Key, i.Name ?? ""));
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<(string, Guid, XElement)>();
        foreach (var item in items)
        {
            var xml = Serialize(item, loaded);
            var fileName = names.SafeFileName(item.Name ?? "");
            if (!used.Add(fileName))
            {
                // uSync's clash rule: the name, an underscore and a short key.
                fileName = $"{fileName}_{item.Key.ToString("N")[..8]}";
                used.Add(fileName);
            }

            result.Add((fileName + ".config", item.Key, xml));
        }

        return Task.FromResult<IReadOnlyList<(string, Guid, XElement)>>(result);
    }

    /// <summary>What an item's file says of each ancestor.</summary>
    private sealed record Ancestor(Guid Key, string Name);

    private XElement Serialize(TItem item, IReadOnlyDictionary<int, Ancestor>? loaded = null)
    {
        var ancestorIds = item.Path.Split(',').Select(int.Parse).Where(id => id > 0 && id != item.Id).ToArray();
        var missing = ancestorIds.Where(id => loaded?.ContainsKey(id) != true).ToArray();
        var ancestors = missing.Length == 0
            ? new Dictionary<int, Ancestor>()
            : entities.GetAll(ObjectType, missing).ToDictionary(e => e.Id, e => new Ancestor(e.Key, e.Name ?? ""));
        Ancestor? Find(int id) => loaded?.GetValueOrDefault(id) ?? ancestors.GetValueOrDefault(id);
        var chain = ancestorIds.Select(id => Find(id)?.Name ?? "").ToList();
        var parent = item.ParentId > 0 ? Find(item.ParentId) : null;

        var nodeName = new XElement("NodeName", new XAttribute("Default", item.Name ?? ""));
        if (item.ContentType.VariesByCulture())
        {
            foreach (var culture in (item.CultureInfos?.Values ?? []).OrderBy(c => c.Culture, StringComparer.InvariantCulture))
            {
                nodeName.Add(new XElement("Name", new XAttribute("Culture", culture.Culture), culture.Name));
            }
        }

        var info = new XElement("Info",
            new XElement("Parent", new XAttribute("Key", (parent?.Key ?? Guid.Empty).ToString()), parent?.Name ?? ""),
            new XElement("Path", "/" + string.Join('/', chain.Append(item.Name ?? "").Select(names.SafeAlias))),
            new XElement("Trashed", UsyncXml.CamelBool(item.Trashed)),
            new XElement("ContentType", item.ContentType.Alias),
            new XElement("CreateDate", UsyncXml.Date(item.CreateDate)),
            nodeName,
            new XElement("SortOrder", item.SortOrder));
        SerializeInfoExtras(item, info);

        var properties = new XElement("Properties");
        foreach (var property in item.Properties.OrderBy(p => p.Alias, StringComparer.InvariantCulture))
        {
            properties.Add(new XElement(property.Alias, SerializeValues(item, property)));
        }

        var element = new XElement(ItemType,
            new XAttribute("Key", item.Key.ToString()),
            new XAttribute("Alias", item.Name ?? ""),
            new XAttribute("Level", item.Trashed ? 100 + item.Level : item.Level),
            info,
            properties);
        element.Add(SerializeExtrasAsync(item).GetAwaiter().GetResult());
        return element;
    }

    /// <summary>One Value per culture (blank for a culture without one) when the property varies, else one invariant Value.</summary>
    private IEnumerable<XElement> SerializeValues(TItem item, IProperty property)
    {
        if (!property.PropertyType.VariesByCulture())
        {
            yield return UsyncXml.CData("Value", Text(item.GetValue(property.Alias)));
            yield break;
        }

        var cultures = item.AvailableCultures.Order(StringComparer.InvariantCulture).ToList();
        foreach (var culture in cultures)
        {
            var value = UsyncXml.CData("Value", Text(item.GetValue(property.Alias, culture)));
            value.SetAttributeValue("Culture", culture);
            yield return value;
        }
    }

    /// <summary>A stored value as uSync writes it: strings as they are, dates sortable, numbers invariant.</summary>
    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => UsyncXml.Date(d),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
