using System.Globalization;
using Mahse.Forms.Model;

namespace Mahse.Forms.Entries;

/// <summary>
/// Evaluates Umbraco Forms conditions on the server against the submitted values, with Umbraco's operator names
/// (including its spelling <c>GreaterThen</c>/<c>LessThen</c>). A field is shown when its own and its fieldset's
/// conditions both show it.
/// </summary>
public static class FormConditions
{
    public static bool IsVisible(FormFieldSet fieldSet, FormField field, Func<Guid, string> valueOf) =>
        Shows(fieldSet.Condition, valueOf) && Shows(field.Condition, valueOf);

    public static bool Shows(FormCondition? condition, Func<Guid, string> valueOf)
    {
        if (condition is not { Enabled: true } || condition.Rules.Count == 0)
        {
            return true;
        }

        var results = condition.Rules.Select(rule => Matches(rule, Guid.TryParse(rule.Field, out var id) ? valueOf(id) : ""));
        var matched = string.Equals(condition.LogicType, "Any", StringComparison.OrdinalIgnoreCase) ? results.Any(r => r) : results.All(r => r);
        return string.Equals(condition.ActionType, "Hide", StringComparison.OrdinalIgnoreCase) ? !matched : matched;
    }

    public static bool Matches(FormConditionRule rule, string actual)
    {
        // Umbraco's own examples test a ticked checkbox with "on"; the stored value is "true".
        var expected = rule.Value is "on" ? "true" : rule.Value ?? "";
        return rule.Operator switch
        {
            "Is" => string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase),
            "IsNot" => !string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase),
            "GreaterThen" => Compare(actual, expected) > 0,
            "LessThen" => Compare(actual, expected) < 0,
            "Contains" => actual.Contains(expected, StringComparison.Ordinal),
            "ContainsIgnoreCase" => actual.Contains(expected, StringComparison.OrdinalIgnoreCase),
            "StartsWith" => actual.StartsWith(expected, StringComparison.Ordinal),
            "StartsWithIgnoreCase" => actual.StartsWith(expected, StringComparison.OrdinalIgnoreCase),
            "EndsWith" => actual.EndsWith(expected, StringComparison.Ordinal),
            "EndsWithIgnoreCase" => actual.EndsWith(expected, StringComparison.OrdinalIgnoreCase),
            "NotContains" => !actual.Contains(expected, StringComparison.Ordinal),
            "NotContainsIgnoreCase" => !actual.Contains(expected, StringComparison.OrdinalIgnoreCase),
            "NotStartsWith" => !actual.StartsWith(expected, StringComparison.Ordinal),
            "NotStartsWithIgnoreCase" => !actual.StartsWith(expected, StringComparison.OrdinalIgnoreCase),
            "NotEndsWith" => !actual.EndsWith(expected, StringComparison.Ordinal),
            "NotEndsWithIgnoreCase" => !actual.EndsWith(expected, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    /// <summary>Numbers as numbers, dates as dates (as Umbraco Forms compares them), else no order (0).</summary>
    private static int Compare(string actual, string expected)
    {
        if (decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var b))
        {
            return a.CompareTo(b);
        }

        if (DateTime.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var da) && DateTime.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var db))
        {
            return da.CompareTo(db);
        }

        return 0;
    }
}
