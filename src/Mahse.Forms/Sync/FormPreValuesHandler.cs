using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Mahse.Forms.Storage;
using Mahse.Sync;
using Mahse.Sync.Handlers;
using Mahse.Sync.Serialization;

namespace Mahse.Forms.Sync;

/// <summary>
/// Prevalue sources in uSync.Forms' format (<c>Forms-PreValues/</c>, root <c>PreValue</c>): <c>&lt;Info&gt;</c> with
/// the name and source type, <c>&lt;Settings&gt;</c> as indented JSON (not CDATA), and for a text file source its items
/// in <c>&lt;TextFile&gt;&lt;FileContent&gt;</c>. Imported just before forms, which name their sources.
/// </summary>
public sealed class FormPreValuesHandler(PreValueSourceRows sources, UsyncNames names) : ISyncHandler
{
    public const string Type = "PreValue";

    /// <summary>The source types this module can fill choices from (uSync.Forms fails an unknown provider too).</summary>
    private static readonly HashSet<Guid> KnownTypes = [PreValueSourceTypes.TextFile, PreValueSourceTypes.DataTypePreValues, PreValueSourceTypes.Documents];

    public string Name => "FormPreValuesHandler";

    public string Folder => "Forms-PreValues";

    public string ItemType => Type;

    public int WriteLock => FormsLocks.Forms;

    public int Priority => 1140;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        file.Key is { } key && await sources.GetAsync(key) is { } row ? Serialize(row) : null;

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        PreValueSourceRow row;
        try
        {
            row = Deserialize(file.Root);
        }
        catch (FormatException ex)
        {
            return SyncItemOutcome.Fail(ex.Message);
        }

        if (!KnownTypes.Contains(row.TypeId))
        {
            return SyncItemOutcome.Fail($"The prevalue source type {row.TypeId} is not one this module has (text file, Umbraco data type prevalues, Umbraco documents).");
        }

        await sources.SaveAsync(row, ct);
        return new SyncItemOutcome(change);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct) =>
        marker.Key is { } key && await sources.DeleteAsync(key, ct)
            ? new SyncItemOutcome(SyncChange.Delete)
            : new SyncItemOutcome(SyncChange.NoChange, "Already gone.");

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct) =>
        (await sources.AllAsync()).Select(r => (Row: r, Xml: Serialize(r))).Select(x => (FileNameFor(x.Xml), x.Row.Key, x.Xml)).ToList();

    public static PreValueSourceRow Deserialize(XElement root)
    {
        var info = root.Element("Info");
        if (!Guid.TryParse(info?.Element("FieldPreValueSourceTypeId")?.Value, out var type))
        {
            throw new FormatException("The prevalue source has no valid <Info><FieldPreValueSourceTypeId>.");
        }

        var name = (info!.Element("Name")?.Value is { Length: > 0 } n ? n : root.Attribute("Alias")?.Value ?? "").Trim();
        if (name.Length == 0)
        {
            throw new FormatException("The prevalue source has no name.");
        }

        var settings = Json(root.Element("Settings")?.Value, "{}", "<Settings>");
        if (settings is not JsonObject)
        {
            throw new FormatException("The prevalue source's <Settings> are not a JSON object.");
        }

        string? items = null;
        if (root.Element("TextFile")?.Element("FileContent") is { } content)
        {
            var parsed = Json(content.Value, "[]", "<TextFile><FileContent>");
            if (parsed is not JsonArray array || array.Any(i => i is not JsonObject))
            {
                throw new FormatException("The prevalue source's <TextFile><FileContent> is not a JSON array of items.");
            }

            items = parsed.ToJsonString(FormFileSerializer.Compact);
        }
        else if (type == PreValueSourceTypes.TextFile)
        {
            throw new FormatException("A text file prevalue source needs its items in <TextFile><FileContent>.");
        }

        return new PreValueSourceRow
        {
            Key = UsyncXml.ReadGuid(root.Attribute("Key")?.Value) ?? throw new FormatException("The prevalue source has no valid Key."),
            Name = name,
            TypeId = type,
            Settings = settings.ToJsonString(FormFileSerializer.Compact),
            Items = items,
        };
    }

    private static JsonNode Json(string? text, string empty, string where)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(text) ? empty : text) ?? JsonNode.Parse(empty)!;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The prevalue source's {where} is not valid JSON: {ex.Message}", ex);
        }
    }

    public static XElement Serialize(PreValueSourceRow row) => new(Type,
        new XAttribute("Key", row.Key.ToString()),
        new XAttribute("Alias", row.Name),
        new XElement("Info",
            new XElement("Name", row.Name),
            new XElement("FieldPreValueSourceTypeId", row.TypeId.ToString())),
        new XElement("Settings", (JsonNode.Parse(row.Settings) ?? new JsonObject()).ToJsonString(FormFileSerializer.Indented)),
        row.Items is null ? null : new XElement("TextFile", new XElement("FileContent", row.Items)));
}
