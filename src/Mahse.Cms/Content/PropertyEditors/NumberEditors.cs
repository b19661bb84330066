using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Umbraco.Cms.Core.Models;
using static Umbraco.Cms.Core.Constants.PropertyEditors;

namespace Mahse.Cms.Content.PropertyEditors;

public sealed class IntegerPropertyEditor : PropertyEditorBase
{
    public override string Alias => Aliases.Integer;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.Integer";

    public override ValueStorageType StorageType => ValueStorageType.Integer;

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (IsEmpty(value))
        {
            return ValueTask.FromResult(PropertyValueResult.Ok(null));
        }

        long number;
        if (value is JsonValue v && Element(v) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out var l))
        {
            number = l;
        }
        else if (TryGetString(value, out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
        }
        else
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected a whole number, got {value!.ToJsonString()}."));
        }

        if (number is > int.MaxValue or < int.MinValue)
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid("The number is out of range for an integer."));
        }

        var min = ConfigInt(context, "min");
        var max = ConfigInt(context, "max");
        if (min is not null && number < min || max is not null && number > max)
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"The value {number} is outside the allowed range {min?.ToString() ?? "-∞"}..{max?.ToString() ?? "∞"}."));
        }

        return ValueTask.FromResult(PropertyValueResult.Ok(JsonValue.Create((int)number)));
    }
}

public sealed class DecimalPropertyEditor : PropertyEditorBase
{
    public override string Alias => Aliases.Decimal;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.Decimal";

    public override ValueStorageType StorageType => ValueStorageType.Decimal;

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (IsEmpty(value))
        {
            return ValueTask.FromResult(PropertyValueResult.Ok(null));
        }

        decimal number;
        if (value is JsonValue v && Element(v) is { ValueKind: JsonValueKind.Number } e && e.TryGetDecimal(out var d))
        {
            number = d;
        }
        else if (TryGetString(value, out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
        }
        else
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected a number, got {value!.ToJsonString()}."));
        }

        var config = context.DataType.Configuration;
        decimal? min = config["min"] is JsonValue mn && Element(mn) is { ValueKind: JsonValueKind.Number } me && me.TryGetDecimal(out var a) ? a : null;
        decimal? max = config["max"] is JsonValue mx && Element(mx) is { ValueKind: JsonValueKind.Number } xe && xe.TryGetDecimal(out var b) ? b : null;
        if (min is not null && number < min || max is not null && number > max)
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"The value {number.ToString(CultureInfo.InvariantCulture)} is outside the allowed range."));
        }

        return ValueTask.FromResult(PropertyValueResult.Ok(JsonValue.Create(number)));
    }
}

/// <summary>Umbraco.TrueFalse stores 0 or 1 in an integer column.</summary>
public sealed class TrueFalsePropertyEditor : PropertyEditorBase
{
    public override string Alias => Aliases.Boolean;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.Toggle";

    public override ValueStorageType StorageType => ValueStorageType.Integer;

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        bool? flag = value switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            JsonValue v when Element(v) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var i) && i is 0 or 1 => i == 1,
            JsonValue v when v.TryGetValue<string>(out var s) && s is "0" or "1" or "true" or "false" or "True" or "False" => s is "1" or "true" or "True",
            _ => null,
        };
        if (value is not null && flag is null)
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected true or false, got {value.ToJsonString()}."));
        }

        return ValueTask.FromResult(PropertyValueResult.Ok(flag is null ? null : JsonValue.Create(flag.Value ? 1 : 0)));
    }

    public override JsonNode? ToEditor(JsonNode? stored) =>
        stored is JsonValue v && Element(v) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var i) ? JsonValue.Create(i == 1) : JsonValue.Create(false);
}

/// <summary>
/// Umbraco.DateTime stores "yyyy-MM-dd HH:mm:ss"-style dates; a data type whose format has no time part
/// (e.g. "YYYY-MM-DD") keeps the date only, at midnight.
/// </summary>
public sealed class DateTimePropertyEditor : PropertyEditorBase
{
    public const string StoredFormat = "yyyy-MM-ddTHH:mm:ss";

    public override string Alias => Aliases.DateTime;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.DatePicker";

    public override ValueStorageType StorageType => ValueStorageType.Date;

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (IsEmpty(value))
        {
            return ValueTask.FromResult(PropertyValueResult.Ok(null));
        }

        if (!TryGetString(value, out var text)
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var date))
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected a date such as \"2026-07-15\" or \"2026-07-15T09:30:00\", got {value!.ToJsonString()}."));
        }

        var format = context.DataType.Configuration["format"]?.GetValue<string>() ?? "YYYY-MM-DD HH:mm:ss";
        var dateOnly = !format.Contains('H', StringComparison.Ordinal) && !format.Contains('h', StringComparison.Ordinal);
        if (dateOnly)
        {
            date = date.Date;
        }

        return ValueTask.FromResult(PropertyValueResult.Ok(JsonValue.Create(date.ToString(StoredFormat, CultureInfo.InvariantCulture))));
    }
}
