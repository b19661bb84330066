using System.Text.Json.Nodes;
using Umbraco.Cms.Core.Models;
using static Umbraco.Cms.Core.Constants.PropertyEditors;

namespace Mahse.Cms.Content.PropertyEditors;

/// <summary>
/// Umbraco.BlockList: <c>{layout: {"Umbraco.BlockList": [{contentKey, settingsKey}]}, contentData, settingsData, expose}</c>.
/// Each block's values are validated by the editors of its element type, so a block cannot smuggle in what a
/// property could not hold.
/// </summary>
public sealed class BlockListPropertyEditor : PropertyEditorBase
{
    public override string Alias => Aliases.BlockList;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.BlockList";

    public override ValueStorageType StorageType => ValueStorageType.Ntext;

    public override async ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        value = FromJsonText(value, '{');
        if (IsEmpty(value))
        {
            return PropertyValueResult.Ok(null);
        }

        if (value is not JsonObject root)
        {
            return PropertyValueResult.Invalid($"Expected a block list object, got {Describe(value)}.");
        }

        var layout = (root["layout"] as JsonObject)?[Alias] as JsonArray ?? [];
        var contentData = root["contentData"] as JsonArray ?? [];
        var settingsData = root["settingsData"] as JsonArray ?? [];
        var allowed = (context.DataType.Configuration["blocks"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(b => (Content: ParseGuid(b["contentElementTypeKey"]), Settings: ParseGuid(b["settingsElementTypeKey"])))
            .Where(b => b.Content is not null)
            .ToList();

        var errors = new List<string>();
        var storedContent = await ValidateDataAsync(contentData, allowed.Select(a => a.Content!.Value).ToHashSet(), "contentData", context, errors, cancellationToken);
        var storedSettings = await ValidateDataAsync(settingsData, allowed.Where(a => a.Settings is not null).Select(a => a.Settings!.Value).ToHashSet(), "settingsData", context, errors, cancellationToken);

        var contentKeys = storedContent.Select(c => c["key"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var settingsKeys = storedSettings.Select(c => c["key"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var storedLayout = new JsonArray();
        foreach (var item in layout.OfType<JsonObject>())
        {
            var contentKey = item["contentKey"]?.GetValue<string>();
            var settingsKey = item["settingsKey"]?.GetValue<string>();
            if (contentKey is null || !contentKeys.Contains(contentKey))
            {
                errors.Add($"Layout item '{contentKey}' has no matching contentData.");
                continue;
            }

            if (settingsKey is not null && !settingsKeys.Contains(settingsKey))
            {
                errors.Add($"Layout item '{contentKey}' names settings '{settingsKey}' that are not in settingsData.");
                continue;
            }

            storedLayout.Add(new JsonObject
            {
                ["contentKey"] = contentKey,
                ["contentUdi"] = null,
                ["settingsKey"] = settingsKey,
                ["settingsUdi"] = null,
            });
        }

        var (min, max) = ConfigLimits(context, "validationLimit", "min", "max");
        if (min is > 0 && storedLayout.Count < min)
        {
            errors.Add($"At least {min} block(s) are needed; {storedLayout.Count} were given.");
        }

        if (max is > 0 && storedLayout.Count > max)
        {
            errors.Add($"At most {max} block(s) are allowed; {storedLayout.Count} were given.");
        }

        if (errors.Count > 0)
        {
            return PropertyValueResult.Invalid([.. errors]);
        }

        if (storedLayout.Count == 0)
        {
            return PropertyValueResult.Ok(null);
        }

        var expose = new JsonArray(storedContent.Select(c => (JsonNode?)new JsonObject
        {
            ["contentKey"] = c["key"]!.GetValue<string>(),
            ["culture"] = null,
            ["segment"] = null,
        }).ToArray());
        var stored = new JsonObject
        {
            ["contentData"] = new JsonArray([.. storedContent]),
            ["settingsData"] = new JsonArray([.. storedSettings]),
            ["expose"] = expose,
            ["layout"] = new JsonObject { [Alias] = storedLayout },
        };
        return PropertyValueResult.Ok(StoreJson(stored));
    }

    public override JsonNode? ToEditor(JsonNode? stored) => ParseStoredJson(stored);

    private static async Task<List<JsonObject>> ValidateDataAsync(
        JsonArray data,
        HashSet<Guid> allowedTypes,
        string what,
        PropertyEditorContext context,
        List<string> errors,
        CancellationToken cancellationToken)
    {
        var result = new List<JsonObject>();
        foreach (var item in data)
        {
            if (item is not JsonObject block || ParseGuid(block["contentTypeKey"]) is not { } typeKey || ParseGuid(block["key"]) is not { } key)
            {
                errors.Add($"Every {what} item needs a \"contentTypeKey\" and a \"key\".");
                continue;
            }

            if (!allowedTypes.Contains(typeKey))
            {
                errors.Add($"Element type {typeKey} is not allowed in this block list.");
                continue;
            }

            var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var v in (block["values"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (v["alias"]?.GetValue<string>() is { } alias)
                {
                    values[alias] = v["value"]?.DeepClone();
                }
            }

            var validation = await context.Validator.ValidateElementAsync(typeKey, values, context.References, cancellationToken);
            foreach (var (alias, messages) in validation.Errors)
            {
                errors.AddRange(messages.Select(m => $"Block {key}, property '{alias}': {m}"));
            }

            if (validation.ElementType is null)
            {
                continue;
            }

            var storedValues = new JsonArray();
            foreach (var (alias, storedValue) in validation.Values)
            {
                var propertyType = validation.ElementType.CompositionPropertyTypes.First(p => p.Alias == alias);
                storedValues.Add(new JsonObject
                {
                    ["alias"] = alias,
                    ["culture"] = null,
                    ["editorAlias"] = propertyType.PropertyEditorAlias,
                    ["segment"] = null,
                    ["value"] = context.Validator.Editors.Find(propertyType.PropertyEditorAlias).ToEditor(storedValue),
                });
            }

            result.Add(new JsonObject
            {
                ["contentTypeKey"] = typeKey.ToString(),
                ["key"] = key.ToString(),
                ["values"] = storedValues,
            });
        }

        return result;
    }

    private static Guid? ParseGuid(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && Guid.TryParse(s, out var g) ? g : null;
}
