using System.Globalization;
using System.Web;
using System.Xml.Linq;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Sync.Handlers;

/// <summary>
/// Document, media and member types. Two passes, as uSync: pass one writes the type, its tabs and properties
/// (and whatever compositions already exist); pass two adds the remaining compositions and the allowed children.
/// </summary>
public sealed class ContentTypeHandler(
    ContentTypeKind kind,
    ContentTypeService contentTypes,
    SchemaCache schema,
    UmbracoContentTypeFactory factory,
    UsyncNames names) : ISyncHandler
{
    public string Name => kind switch { ContentTypeKind.Media => "MediaTypeHandler", ContentTypeKind.Member => "MemberTypeHandler", _ => "ContentTypeHandler" };

    public string Folder => ItemType + "s";

    public string ItemType => kind switch { ContentTypeKind.Media => "MediaType", ContentTypeKind.Member => "MemberType", _ => "ContentType" };

    public int Priority => kind switch { ContentTypeKind.Media => 1040, ContentTypeKind.Member => 1045, _ => 1030 };

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var type = file.Key is { } key ? snapshot.FindContentType(key) : null;
        return type is null || type.Kind != kind ? null : Serialize(type, snapshot);
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var existing = snapshot.FindContentType(file.Key!.Value);
        if (existing is not null && existing.Kind != kind)
        {
            return SyncItemOutcome.Fail($"{file.Key} is already a {existing.Kind} type.");
        }

        var warnings = new List<string>();
        var definition = Deserialize(file.Root, snapshot, warnings, secondPass: false);
        definition = definition with
        {
            AllowedChildren = existing?.AllowedChildren.Where(c => snapshot.FindContentType(c.Key) is not null).ToList() ?? [],
        };
        var attempt = await contentTypes.SaveAsync(definition, null, ct);
        return attempt.Success
            ? new SyncItemOutcome(change, Warnings: warnings)
            : SyncItemOutcome.Fail($"{attempt.Status}: {string.Join(" ", attempt.Result.Errors.Select(e => e.Message))}");
    }

    public async Task<SyncItemOutcome?> SecondPassAsync(SyncFile file, SyncImportContext context, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var warnings = new List<string>();
        var definition = Deserialize(file.Root, snapshot, warnings, secondPass: true);
        var current = snapshot.FindContentType(definition.Key);
        if (current is not null && current.Compositions.SequenceEqual(definition.Compositions) && current.AllowedChildren.SequenceEqual(definition.AllowedChildren))
        {
            return warnings.Count == 0 ? null : new SyncItemOutcome(SyncChange.Update, Warnings: warnings);
        }

        var attempt = await contentTypes.SaveAsync(definition, null, ct);
        return attempt.Success
            ? (warnings.Count == 0 ? null : new SyncItemOutcome(SyncChange.Update, Warnings: warnings))
            : SyncItemOutcome.Fail($"Second Pass Fail: {attempt.Status}: {string.Join(" ", attempt.Result.Errors.Select(e => e.Message))}");
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var type = (marker.Key is { } key ? snapshot.FindContentType(key) : null) ?? snapshot.FindContentType(marker.Alias);
        if (type is null || type.Kind != kind)
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        var attempt = await contentTypes.DeleteAsync(type.Key, ct);
        return attempt.Success ? new SyncItemOutcome(SyncChange.Delete) : SyncItemOutcome.Fail(attempt.Result.Errors[0].Message);
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        return snapshot.ContentTypes.Where(t => t.Kind == kind)
            .Select(t => (names.SafeFileName(t.Alias) + ".config", t.Key, Serialize(t, snapshot)))
            .ToList();
    }

    private XElement Serialize(ContentTypeDefinition type, SchemaSnapshot snapshot)
    {
        var presentation = type.Presentation ?? new ContentTypePresentation();
        var info = new XElement("Info",
            new XElement("Name", type.Name),
            new XElement("Icon", type.Icon ?? ""),
            new XElement("Thumbnail", presentation.Thumbnail ?? "folder.png"),
            new XElement("Description", type.Description ?? ""),
            new XElement("AllowAtRoot", UsyncXml.PascalBool(type.AllowedAtRoot)),
            new XElement("ListView", presentation.ListView.ToString()),
            new XElement("Variations", type.Variations.ToString()),
            new XElement("IsElement", UsyncXml.CamelBool(type.IsElement)));
        if (kind == ContentTypeKind.Document)
        {
            var cleanup = presentation.HistoryCleanup ?? new HistoryCleanupSettings();
            info.Add(new XElement("HistoryCleanup",
                new XElement("PreventCleanup", UsyncXml.PascalBool(cleanup.PreventCleanup)),
                new XElement("KeepAllVersionsNewerThanDays", cleanup.KeepAllVersionsNewerThanDays?.ToString(CultureInfo.InvariantCulture) ?? ""),
                new XElement("KeepLatestVersionPerDayForDays", cleanup.KeepLatestVersionPerDayForDays?.ToString(CultureInfo.InvariantCulture) ?? "")));
        }

        if (!string.IsNullOrEmpty(type.Folder))
        {
            info.Add(new XElement("Folder", string.Join('/', type.Folder.Split('/').Select(s => HttpUtility.UrlEncode(s)))));
        }

        info.Add(new XElement("Compositions", type.Compositions
            .Select(snapshot.FindContentType).OfType<ContentTypeDefinition>()
            .OrderBy(c => c.Alias, StringComparer.InvariantCulture)
            .Select(c => new XElement("Composition", new XAttribute("Key", c.Key.ToString()), c.Alias))));
        if (kind == ContentTypeKind.Document)
        {
            info.Add(new XElement("DefaultTemplate", presentation.DefaultTemplate ?? ""));
            info.Add(new XElement("AllowedTemplates", (presentation.AllowedTemplates ?? [])
                .OrderBy(t => t.Alias, StringComparer.InvariantCulture)
                .Select(t => new XElement("Template", new XAttribute("Key", t.Key.ToString()), t.Alias))));
        }

        var structure = new XElement("Structure", type.AllowedChildren.OrderBy(c => c.SortOrder)
            .Select(c => (c, Type: snapshot.FindContentType(c.Key))).Where(x => x.Type is not null)
            .Select(x => new XElement(ItemType, new XAttribute("Key", x.c.Key.ToString()), new XAttribute("SortOrder", x.c.SortOrder), x.Type!.Alias)));
        var properties = new XElement("GenericProperties", type.Properties
            .OrderBy(p => p.Alias, StringComparer.InvariantCulture)
            .Select(p => SerializeProperty(p, type, snapshot)));
        var tabs = new XElement("Tabs", type.Containers
            .OrderBy(c => c.Key.ToString(), StringComparer.Ordinal)
            .Select(c => new XElement("Tab",
                new XElement("Key", c.Key.ToString()),
                new XElement("Caption", c.Name ?? ""),
                new XElement("Alias", factory.ContainerAlias(c, type.Containers)),
                new XElement("Type", c.Type.ToString()),
                new XElement("SortOrder", c.SortOrder))));

        var level = 1 + (string.IsNullOrEmpty(type.Folder) ? 0 : type.Folder.Split('/').Length);
        var root = new XElement(ItemType, new XAttribute("Key", type.Key.ToString()), new XAttribute("Alias", type.Alias), new XAttribute("Level", level), info);
        if (kind == ContentTypeKind.Document)
        {
            root.Add(structure, properties, tabs);
        }
        else
        {
            root.Add(properties, structure, tabs);
        }

        return root;
    }

    private XElement SerializeProperty(PropertyTypeDefinition p, ContentTypeDefinition type, SchemaSnapshot snapshot)
    {
        var container = p.ContainerKey is { } key ? type.Containers.FirstOrDefault(c => c.Key == key) : null;
        var element = new XElement("GenericProperty",
            new XElement("Key", p.Key.ToString()),
            new XElement("Name", p.Name),
            new XElement("Alias", p.Alias),
            new XElement("Definition", p.DataTypeKey.ToString()),
            new XElement("Type", snapshot.FindDataType(p.DataTypeKey)?.EditorAlias ?? ""),
            new XElement("Mandatory", UsyncXml.CamelBool(p.Mandatory)),
            new XElement("Validation", p.RegEx ?? ""),
            UsyncXml.CData("Description", p.Description),
            new XElement("SortOrder", p.SortOrder),
            container is null ? new XElement("Tab") : new XElement("Tab", new XAttribute("Alias", factory.ContainerAlias(container, type.Containers)), container.Name ?? ""));
        switch (kind)
        {
            case ContentTypeKind.Document:
                element.Add(new XElement("Variations", p.Variations.ToString()));
                break;
            case ContentTypeKind.Member:
                element.Add(
                    new XElement("CanEdit", UsyncXml.CamelBool(p.MemberCanEdit)),
                    new XElement("CanView", UsyncXml.CamelBool(p.MemberCanView)),
                    new XElement("IsSensitive", UsyncXml.CamelBool(p.IsSensitive)));
                break;
        }

        element.Add(
            new XElement("MandatoryMessage", p.MandatoryMessage ?? ""),
            new XElement("ValidationRegExpMessage", p.RegExMessage ?? ""),
            new XElement("LabelOnTop", UsyncXml.CamelBool(p.LabelOnTop)));
        return element;
    }

    private ContentTypeDefinition Deserialize(XElement root, SchemaSnapshot snapshot, List<string> warnings, bool secondPass)
    {
        var info = root.Element("Info") ?? new XElement("Info");
        var key = UsyncXml.ReadGuid(root.Attribute("Key")?.Value)!.Value;

        var tabElements = root.Element("Tabs")?.Elements("Tab").ToList() ?? [];
        var aliasToKey = tabElements.ToDictionary(t => t.Element("Alias")?.Value ?? "", t => UsyncXml.ReadGuid(t.Element("Key")?.Value) ?? Guid.NewGuid(), StringComparer.OrdinalIgnoreCase);
        var containers = tabElements.Select(t =>
        {
            var path = t.Element("Alias")?.Value ?? "";
            var slash = path.LastIndexOf('/');
            Guid? parent = slash > 0 && aliasToKey.TryGetValue(path[..slash], out var pk) ? pk : null;
            return new ContainerDefinition(aliasToKey[path], parent, t.Element("Caption")?.Value ?? path,
                string.Equals(t.Element("Type")?.Value, "Tab", StringComparison.OrdinalIgnoreCase) ? ContainerType.Tab : ContainerType.Group,
                int.TryParse(t.Element("SortOrder")?.Value, out var so) ? so : 0,
                slash >= 0 ? path[(slash + 1)..] : path);
        }).ToList();

        var properties = new List<PropertyTypeDefinition>();
        foreach (var p in root.Element("GenericProperties")?.Elements("GenericProperty") ?? [])
        {
            var alias = p.Element("Alias")?.Value ?? "";
            var dataTypeKey = UsyncXml.ReadGuid(p.Element("Definition")?.Value);
            var dataType = dataTypeKey is { } dk ? snapshot.FindDataType(dk) : null;
            dataType ??= snapshot.DataTypes.FirstOrDefault(d => d.EditorAlias == p.Element("Type")?.Value);
            if (dataType is null)
            {
                warnings.Add($"Property '{alias}' skipped: its data type {p.Element("Definition")?.Value} does not exist (missing DataType?).");
                continue;
            }

            var tabAlias = p.Element("Tab")?.Attribute("Alias")?.Value ?? p.Element("Tab")?.Value;
            Guid? containerKey = !string.IsNullOrEmpty(tabAlias) && aliasToKey.TryGetValue(tabAlias, out var ck) ? ck : null;
            properties.Add(new PropertyTypeDefinition(
                UsyncXml.ReadGuid(p.Element("Key")?.Value) ?? Guid.NewGuid(),
                containerKey,
                alias,
                p.Element("Name")?.Value ?? alias,
                dataType.Key,
                NullIfEmpty(p.Element("Description")?.Value),
                UsyncXml.ReadBool(p.Element("Mandatory")),
                NullIfEmpty(p.Element("MandatoryMessage")?.Value),
                NullIfEmpty(p.Element("Validation")?.Value),
                NullIfEmpty(p.Element("ValidationRegExpMessage")?.Value),
                int.TryParse(p.Element("SortOrder")?.Value, out var sort) ? sort : 0,
                UsyncXml.ReadBool(p.Element("LabelOnTop")),
                Enum.TryParse<ContentVariation>(p.Element("Variations")?.Value, out var pv) ? pv : ContentVariation.Nothing,
                UsyncXml.ReadBool(p.Element("CanEdit")),
                UsyncXml.ReadBool(p.Element("CanView")),
                UsyncXml.ReadBool(p.Element("IsSensitive"))));
        }

        var compositions = new List<Guid>();
        foreach (var c in info.Element("Compositions")?.Elements("Composition") ?? [])
        {
            var found = (UsyncXml.ReadGuid(c.Attribute("Key")?.Value) is { } ckey ? snapshot.FindContentType(ckey) : null) ?? snapshot.FindContentType(c.Value);
            if (found is not null)
            {
                compositions.Add(found.Key);
            }
            else if (secondPass)
            {
                warnings.Add($"Composition '{c.Value}' does not exist.");
            }
        }

        var children = new List<AllowedChildDefinition>();
        foreach (var c in root.Element("Structure")?.Elements() ?? [])
        {
            var childKey = UsyncXml.ReadGuid(c.Attribute("Key")?.Value);
            var found = (childKey == key ? null : childKey is { } k ? snapshot.FindContentType(k) : null) ?? snapshot.FindContentType(c.Value);
            if (childKey == key || found is not null)
            {
                children.Add(new AllowedChildDefinition(childKey == key ? key : found!.Key, int.TryParse(c.Attribute("SortOrder")?.Value, out var so) ? so : 0));
            }
            else if (secondPass)
            {
                warnings.Add($"Allowed child type '{c.Value}' does not exist.");
            }
        }

        var cleanup = info.Element("HistoryCleanup");
        var presentation = new ContentTypePresentation(
            info.Element("Thumbnail")?.Value,
            UsyncXml.ReadGuid(info.Element("ListView")?.Value) ?? Guid.Empty,
            cleanup is null ? null : new HistoryCleanupSettings(
                UsyncXml.ReadBool(cleanup.Element("PreventCleanup")),
                int.TryParse(cleanup.Element("KeepAllVersionsNewerThanDays")?.Value, out var keepAll) ? keepAll : null,
                int.TryParse(cleanup.Element("KeepLatestVersionPerDayForDays")?.Value, out var keepLatest) ? keepLatest : null),
            NullIfEmpty(info.Element("DefaultTemplate")?.Value),
            (info.Element("AllowedTemplates")?.Elements("Template") ?? [])
                .Select(t => new TemplateReference(UsyncXml.ReadGuid(t.Attribute("Key")?.Value) ?? Guid.Empty, t.Value)).ToList());

        return new ContentTypeDefinition(
            key,
            kind,
            root.Attribute("Alias")?.Value ?? "",
            info.Element("Name")?.Value ?? root.Attribute("Alias")?.Value ?? "",
            containers,
            properties,
            compositions,
            secondPass ? children : [],
            NullIfEmpty(info.Element("Icon")?.Value),
            NullIfEmpty(info.Element("Description")?.Value),
            UsyncXml.ReadBool(info.Element("AllowAtRoot")),
            UsyncXml.ReadBool(info.Element("IsElement")),
            Enum.TryParse<ContentVariation>(info.Element("Variations")?.Value, out var v) ? v : ContentVariation.Nothing,
            info.Element("Folder")?.Value is { Length: > 0 } folder ? string.Join('/', folder.Split('/').Select(HttpUtility.UrlDecode)) : null,
            Presentation: presentation);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
