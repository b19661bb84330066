using System.Text.Json;
using System.Text.Json.Nodes;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Content.PropertyEditors;

public abstract class PropertyEditorBase : IPropertyEditor
{
    public abstract string Alias { get; }

    public abstract string DefaultUiAlias { get; }

    public abstract ValueStorageType StorageType { get; }

    public abstract ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken);

    public virtual JsonNode? ToEditor(JsonNode? stored) => stored?.DeepClone();

    protected static bool IsEmpty(JsonNode? value) =>
        value is null
        || (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrEmpty(v.GetValue<string>()))
        || (value is JsonArray a && a.Count == 0);

    protected static bool TryGetString(JsonNode? value, out string text)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            text = v.GetValue<string>();
            return true;
        }

        text = "";
        return false;
    }

    /// <summary>Complex editors keep their value as JSON text, as Umbraco stores them in an ntext column.</summary>
    protected static JsonNode StoreJson(JsonNode value) => JsonValue.Create(value.ToJsonString())!;

    /// <summary>Complex values may arrive as the JSON text Umbraco stores (uSync files carry them so); read them as JSON.</summary>
    protected static JsonNode? FromJsonText(JsonNode? value, char opening) =>
        TryGetString(value, out var text) && text.TrimStart().StartsWith(opening) ? JsonNode.Parse(text) : value;

    /// <summary>A picker's "filter": content type aliases or keys, comma-separated.</summary>
    protected static string[] AllowedTypes(PropertyEditorContext context) =>
        (context.DataType.Configuration["filter"]?.GetValue<string>() ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    protected static bool IsAllowedType(ReferencedItem item, string[] allowedTypes) =>
        allowedTypes.Length == 0
        || allowedTypes.Contains(item.ContentTypeAlias, StringComparer.OrdinalIgnoreCase)
        || allowedTypes.Contains(item.ContentTypeKey.ToString(), StringComparer.OrdinalIgnoreCase);

    protected static JsonNode? ParseStoredJson(JsonNode? stored)
    {
        if (!TryGetString(stored, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return stored?.DeepClone();
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>
    /// A JsonValue made in code holds a CLR value (an int, say), one parsed from a request holds a JsonElement;
    /// going through the element reads both the same way.
    /// </summary>
    protected static JsonElement Element(JsonValue value) =>
        value.TryGetValue<JsonElement>(out var element) ? element : JsonSerializer.SerializeToElement(value);

    protected static int? ConfigInt(PropertyEditorContext context, string key) =>
        context.DataType.Configuration[key] is JsonValue v && Element(v) is var e
            ? e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var i) ? i
            : e.ValueKind == JsonValueKind.String && int.TryParse(e.GetString(), out var j) ? j
            : null
        : null;

    protected static bool ConfigBool(PropertyEditorContext context, string key) =>
        context.DataType.Configuration[key] is JsonValue v
        && ((v.TryGetValue<bool>(out var b) && b) || (v.TryGetValue<string>(out var s) && (s == "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase))) || (v.TryGetValue<int>(out var i) && i == 1));

    /// <summary>Reads "min"/"max" style limits that Umbraco keeps either flat or under an object such as "validationLimit".</summary>
    protected static (int? Min, int? Max) ConfigLimits(PropertyEditorContext context, string objectKey, string minKey, string maxKey)
    {
        if (context.DataType.Configuration[objectKey] is JsonObject limits)
        {
            return (limits[minKey] is JsonValue mn && Element(mn) is { ValueKind: JsonValueKind.Number } me && me.TryGetInt32(out var a) ? a : null,
                limits[maxKey] is JsonValue mx && Element(mx) is { ValueKind: JsonValueKind.Number } xe && xe.TryGetInt32(out var b) ? b : null);
        }

        return (ConfigInt(context, minKey), ConfigInt(context, maxKey));
    }

    protected static IReadOnlyList<string> ConfigItems(PropertyEditorContext context)
    {
        // Umbraco 14+ keeps list items as ["a","b"]; older configs used [{"value":"a"}].
        if (context.DataType.Configuration["items"] is not JsonArray items)
        {
            return [];
        }

        return items
            .Select(i => i switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonObject o => o["value"]?.GetValue<string>(),
                _ => null,
            })
            .Where(s => s is not null)
            .Select(s => s!)
            .ToList();
    }

    protected static string Describe(JsonNode? value) => value?.GetValueKind().ToString().ToLowerInvariant() ?? "null";
}
