using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using System.Xml.Linq;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Schema;

namespace Mahse.Cms.Sync.Handlers;

public sealed class DataTypeHandler(DataTypeService dataTypes, PropertyEditorCollection editors, UsyncNames names) : ISyncHandler
{
    public string Name => "DataTypeHandler";

    public string Folder => "DataTypes";

    public string ItemType => "DataType";

    public int Priority => 1010;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        file.Key is { } key && await dataTypes.GetAsync(key, ct) is { } dataType ? Serialize(dataType) : null;

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var info = file.Root.Element("Info");
        var editorAlias = info?.Element("EditorAlias")?.Value ?? "";
        if (!editors.TryGet(editorAlias, out _))
        {
            return SyncItemOutcome.Fail($"(Missing Package?) DataEditor {editorAlias} is not installed.");
        }

        JsonObject configuration;
        try
        {
            configuration = ReadConfig(file.Root.Element("Config")?.Value);
        }
        catch (JsonException ex)
        {
            return SyncItemOutcome.Fail($"Config is not valid JSON: {ex.Message}");
        }

        var definition = new DataTypeDefinition(
            file.Key!.Value,
            info?.Element("Name")?.Value ?? file.Alias,
            editorAlias,
            info?.Element("EditorUIAlias")?.Value,
            configuration,
            info?.Element("Folder")?.Value is { Length: > 0 } folder ? string.Join('/', folder.Split('/').Select(HttpUtility.UrlDecode)) : null);
        var attempt = await dataTypes.SaveAsync(definition, null, ct);
        return attempt.Success ? new SyncItemOutcome(change) : SyncItemOutcome.Fail(string.Join(" ", attempt.Result.Errors.Select(e => e.Message)));
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        var existing = marker.Key is { } key ? await dataTypes.GetAsync(key, ct) : null;
        existing ??= (await dataTypes.GetAllAsync(ct)).FirstOrDefault(d => d.Name == marker.Alias);
        if (existing is null)
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        var attempt = await dataTypes.DeleteAsync(existing.Key, ct);
        return attempt.Success ? new SyncItemOutcome(SyncChange.Delete) : SyncItemOutcome.Fail(attempt.Result.Errors[0].Message);
    }

    public string FileNameFor(XElement item) => names.SafeAlias(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct) =>
        (await dataTypes.GetAllAsync(ct)).Select(d => (names.SafeAlias(d.Name) + ".config", d.Key, Serialize(d))).ToList();

    public static XElement Serialize(DataTypeDefinition dataType)
    {
        var info = new XElement("Info",
            new XElement("Name", dataType.Name),
            new XElement("EditorAlias", dataType.EditorAlias),
            new XElement("EditorUIAlias", dataType.EditorUiAlias ?? ""));
        if (!string.IsNullOrEmpty(dataType.Folder))
        {
            info.Add(new XElement("Folder", string.Join('/', dataType.Folder.Split('/').Select(s => HttpUtility.UrlEncode(s)))));
        }

        var level = 1 + (string.IsNullOrEmpty(dataType.Folder) ? 0 : dataType.Folder.Split('/').Length);
        return new XElement("DataType",
            new XAttribute("Key", dataType.Key.ToString()),
            new XAttribute("Alias", dataType.Name),
            new XAttribute("Level", level),
            info,
            UsyncXml.CData("Config", UsyncXml.Json(dataType.Configuration, sortTopLevel: true)));
    }

    /// <summary>Config keys are camel-cased on import, as uSync does for files written by Umbraco 8–13 (PascalCase).</summary>
    private static JsonObject ReadConfig(string? text)
    {
        var result = new JsonObject();
        if (string.IsNullOrWhiteSpace(text) || JsonNode.Parse(text) is not JsonObject parsed)
        {
            return result;
        }

        foreach (var (key, value) in parsed)
        {
            result[key.Length == 0 ? key : char.ToLowerInvariant(key[0]) + key[1..]] = value?.DeepClone();
        }

        return result;
    }
}
