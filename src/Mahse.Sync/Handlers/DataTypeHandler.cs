using Umbraco.Cms.Core;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.PropertyEditors;
using Umbraco.Cms.Core.Serialization;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Data types (<c>DataTypes/</c>), through <see cref="IDataTypeService"/>. Configuration goes through the editor's own
/// configuration editor both ways, as the Management API does, so a data type imported from a file is stored exactly
/// as one saved in the backoffice.
/// </summary>
public sealed class DataTypeHandler(
    IDataTypeService dataTypes,
    IDataTypeContainerService containers,
    PropertyEditorCollection editors,
    IConfigurationEditorJsonSerializer configurationSerializer,
    UsyncNames names) : ISyncHandler
{
    private readonly FolderPaths<IDataType> _folders = new(containers);

    public string Name => "DataTypeHandler";

    public string Folder => "DataTypes";

    public string ItemType => "DataType";

    public int WriteLock => Constants.Locks.ContentTypes;

    public int Priority => 1010;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        file.Key is { } key && await dataTypes.GetAsync(key) is { } dataType ? await SerializeAsync(dataType) : null;

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var info = file.Root.Element("Info");
        var editorAlias = info?.Element("EditorAlias")?.Value.Trim() ?? "";
        if (!editors.TryGet(editorAlias, out var editor))
        {
            return SyncItemOutcome.Fail($"(Missing Package?) DataEditor {editorAlias} is not installed.");
        }

        Dictionary<string, object> configuration;
        try
        {
            configuration = ReadConfiguration(file.Root.Element("Config")?.Value);
        }
        catch (JsonException ex)
        {
            return SyncItemOutcome.Fail($"Config is not valid JSON: {ex.Message}");
        }

        var existing = await dataTypes.GetAsync(file.Key!.Value);
        var dataType = existing ?? new DataType(editor, configurationSerializer) { Key = file.Key.Value };
        dataType.Name = info?.Element("Name")?.Value is { Length: > 0 } name ? name : file.Alias;
        dataType.Editor = editor;
        dataType.EditorUiAlias = info?.Element("EditorUIAlias")?.Value.Trim() is { Length: > 0 } ui ? ui : dataType.EditorUiAlias;
        dataType.ConfigurationData = editor.GetConfigurationEditor().FromConfigurationEditor(configuration);
        dataType.DatabaseType = StorageType(editor, dataType.ConfigurationData);

        var folder = await _folders.EnsureAsync(info?.Element("Folder")?.Value, SyncUser.Key);
        dataType.ParentId = folder?.Id ?? -1;

        var saved = existing is null
            ? await dataTypes.CreateAsync(dataType, SyncUser.Key)
            : await dataTypes.UpdateAsync(dataType, SyncUser.Key);
        if (saved.Success)
        {
            return new SyncItemOutcome(change);
        }

        var problems = dataTypes.ValidateConfigurationData(dataType).Select(v => v.ErrorMessage).ToList();
        return SyncItemOutcome.Fail($"{saved.Status}" + (problems.Count > 0 ? ": " + string.Join(" ", problems) : "."));
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        var existing = marker.Key is { } key ? await dataTypes.GetAsync(key) : null;
        existing ??= await dataTypes.GetAsync(marker.Alias);
        if (existing is null)
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        var deleted = await dataTypes.DeleteAsync(existing.Key, SyncUser.Key);
        return deleted.Success ? new SyncItemOutcome(SyncChange.Delete) : SyncItemOutcome.Fail($"{deleted.Status}");
    }

    public string FileNameFor(XElement item) => names.SafeAlias(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        var result = new List<(string, Guid, XElement)>();
        foreach (var dataType in await dataTypes.GetAllAsync())
        {
            var xml = await SerializeAsync(dataType);
            result.Add((FileNameFor(xml), dataType.Key, xml));
        }

        return result;
    }

    private async Task<XElement> SerializeAsync(IDataType dataType)
    {
        var info = new XElement("Info",
            new XElement("Name", dataType.Name),
            new XElement("EditorAlias", dataType.EditorAlias),
            new XElement("EditorUIAlias", dataType.EditorUiAlias ?? ""));
        if (await _folders.PathOfAsync(dataType.ParentId) is { } folder)
        {
            info.Add(new XElement("Folder", folder));
        }

        return new XElement("DataType",
            new XAttribute("Key", dataType.Key.ToString()),
            new XAttribute("Alias", dataType.Name ?? ""),
            new XAttribute("Level", dataType.Level),
            info,
            UsyncXml.CData("Config", UsyncXml.Json(ConfigurationJson(dataType), sortTopLevel: true)));
    }

    /// <summary>What the backoffice shows for the configuration (the editor's view of the stored data), as JSON.</summary>
    private JsonNode ConfigurationJson(IDataType dataType)
    {
        var forEditor = dataType.Editor?.GetConfigurationEditor().ToConfigurationEditor(dataType.ConfigurationData) ?? dataType.ConfigurationData;
        return JsonNode.Parse(configurationSerializer.Serialize(forEditor)) ?? new JsonObject();
    }

    /// <summary>
    /// Config as Umbraco's configuration serializer reads it (plain numbers, strings, lists and JSON objects, as the
    /// Management API receives them); keys camel-cased, as uSync does for files written by Umbraco 8–13 (PascalCase).
    /// </summary>
    private Dictionary<string, object> ReadConfiguration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("Config must be a JSON object.");
        }

        var parsed = configurationSerializer.Deserialize<Dictionary<string, object?>>(text) ?? [];
        var result = new Dictionary<string, object>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            // Like the Management API, a null setting (Umbraco's serializer also reads an empty list as null) is left
            // out rather than stored.
            var value = parsed.GetValueOrDefault(property.Name);
            if (value is not null)
            {
                result[property.Name.Length == 0 ? property.Name : char.ToLowerInvariant(property.Name[0]) + property.Name[1..]] = value;
            }
        }

        return result;
    }

    // As the Management API decides it: the configuration may fix the value type (labels), else the editor's.
    private ValueStorageType StorageType(IDataEditor editor, IDictionary<string, object> configuration)
    {
        try
        {
            if (editor.GetConfigurationEditor().ToConfigurationObject(configuration, configurationSerializer) is IConfigureValueType configured)
            {
                return ValueTypes.ToStorageType(configured.ValueType);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException or FormatException)
        {
            // A configuration that does not bind falls back to the editor's own value type, as Umbraco does.
        }

        return ValueTypes.ToStorageType(editor.GetValueEditor().ValueType);
    }
}
