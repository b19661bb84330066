using System.Text.Json;
using System.Text.Json.Nodes;
using Umbraco.Cms.Core.Models;
using static Umbraco.Cms.Core.Constants.PropertyEditors;

namespace Mahse.Cms.Content.PropertyEditors;

/// <summary>Editors whose value is a list of strings, stored as a JSON array (Umbraco 14+).</summary>
public abstract class StringListPropertyEditor : PropertyEditorBase
{
    public override ValueStorageType StorageType => ValueStorageType.Nvarchar;

    protected static bool TryReadList(JsonNode? value, out List<string> items)
    {
        items = [];
        switch (value)
        {
            case null:
                return true;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (!TryGetString(item, out var s))
                    {
                        return false;
                    }

                    items.Add(s);
                }

                return true;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                if (text.TrimStart().StartsWith('['))
                {
                    try
                    {
                        return TryReadList(JsonNode.Parse(text), out items);
                    }
                    catch (JsonException)
                    {
                        return false;
                    }
                }

                items.AddRange(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                return true;
            default:
                return false;
        }
    }

    protected static JsonNode? StoreList(IEnumerable<string> items)
    {
        var array = new JsonArray(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
        return array.Count == 0 ? null : StoreJson(array);
    }

    protected static PropertyValueResult? CheckAllowed(IEnumerable<string> values, PropertyEditorContext context)
    {
        var allowed = ConfigItems(context);
        var notAllowed = values.Where(v => !allowed.Contains(v, StringComparer.Ordinal)).ToList();
        return notAllowed.Count == 0
            ? null
            : PropertyValueResult.Invalid($"Not an allowed value: {string.Join(", ", notAllowed.Select(v => $"'{v}'"))}. Allowed: {string.Join(", ", allowed.Select(v => $"'{v}'"))}.");
    }

    public override JsonNode? ToEditor(JsonNode? stored) => ParseStoredJson(stored) ?? new JsonArray();
}

public sealed class DropDownFlexiblePropertyEditor : StringListPropertyEditor
{
    public override string Alias => Aliases.DropDownListFlexible;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.Dropdown";

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (!TryReadList(value, out var items))
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected a list of strings, got {Describe(value)}."));
        }

        if (items.Count > 1 && !ConfigBool(context, "multiple"))
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid("Only one value may be chosen."));
        }

        return ValueTask.FromResult(CheckAllowed(items, context) ?? PropertyValueResult.Ok(StoreList(items)));
    }
}

public sealed class CheckBoxListPropertyEditor : StringListPropertyEditor
{
    public override string Alias => Aliases.CheckBoxList;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.CheckBoxList";

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (!TryReadList(value, out var items))
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected a list of strings, got {Describe(value)}."));
        }

        return ValueTask.FromResult(CheckAllowed(items, context) ?? PropertyValueResult.Ok(StoreList(items.Distinct())));
    }
}

/// <summary>Umbraco.RadioButtonList stores the single chosen value as a plain string.</summary>
public sealed class RadioButtonListPropertyEditor : StringListPropertyEditor
{
    public override string Alias => Aliases.RadioButtonList;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.RadioButtonList";

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (IsEmpty(value))
        {
            return ValueTask.FromResult(PropertyValueResult.Ok(null));
        }

        if (!TryGetString(value, out var text))
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected a string, got {Describe(value)}."));
        }

        return ValueTask.FromResult(CheckAllowed([text], context) ?? PropertyValueResult.Ok(JsonValue.Create(text)));
    }

    public override JsonNode? ToEditor(JsonNode? stored) => stored?.DeepClone();
}

/// <summary>Umbraco.Tags with the JSON storage type: a JSON array of distinct, trimmed tags.</summary>
public sealed class TagsPropertyEditor : StringListPropertyEditor
{
    public override string Alias => Aliases.Tags;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.Tags";

    public override ValueStorageType StorageType => ValueStorageType.Ntext;

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (!TryReadList(value, out var items))
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected a list of tags, got {Describe(value)}."));
        }

        var tags = items.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var tooLong = tags.FirstOrDefault(t => t.Length > 200);
        return ValueTask.FromResult(tooLong is not null
            ? PropertyValueResult.Invalid($"Tag '{tooLong[..20]}…' is longer than 200 characters.")
            : PropertyValueResult.Ok(StoreList(tags)));
    }
}
