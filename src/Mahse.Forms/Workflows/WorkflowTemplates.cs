using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Mahse.Forms.Delivery;

namespace Mahse.Forms.Workflows;

/// <summary>
/// Umbraco Forms' magic strings in workflow settings: <c>{fieldAlias}</c>, <c>{form_name}</c>,
/// <c>{record.id|uniqueid|created|updated|state|memberkey|umbracopageid|ip}</c> and <c>{member.email|name|propertyAlias}</c>
/// (empty when no member submitted the entry), and the bracketed ones (<c>[+additionalData]</c>, <c>[#pageProperty]</c> …)
/// as <see cref="FormMagicStrings"/> resolves them without a request. A field left out (sensitive, or not in the
/// form) becomes empty; an unknown <c>{token}</c> stays as written.
/// </summary>
public static partial class WorkflowTemplates
{
    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_.\-]+)\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Placeholder();

    /// <summary>
    /// Resolves the tokens of <paramref name="template"/>; with <paramref name="html"/> the values put in are encoded.
    /// Values are put in after the template is read, so a submitted value that looks like a token stays text.
    /// </summary>
    public static string Apply(string? template, WorkflowContext context, FormMagicStrings? brackets = null, bool html = false)
    {
        if (string.IsNullOrEmpty(template))
        {
            return "";
        }

        var text = new StringBuilder();
        var at = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            text.Append(Literal(template[at..match.Index], brackets, html));
            var value = Value(match.Groups["name"].Value, context);
            text.Append(value is null ? match.Value : html ? WebUtility.HtmlEncode(value) : value);
            at = match.Index + match.Length;
        }

        text.Append(Literal(template[at..], brackets, html));
        return text.ToString();
    }

    /// <summary>Addresses separated by <c>;</c> or <c>,</c>, after the magic strings.</summary>
    public static IReadOnlyList<string> Addresses(string? setting, WorkflowContext context, FormMagicStrings? brackets = null) =>
        Apply(setting, context, brackets).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The entry as text: each included field's caption and value.</summary>
    public static string Summary(WorkflowContext context)
    {
        var text = new StringBuilder();
        foreach (var field in context.IncludedFields)
        {
            text.Append(field.Caption).Append(": ").AppendLine(string.Join(", ", context.Values[field.Alias]));
        }

        return text.ToString();
    }

    /// <summary>The entry as an HTML table (values encoded).</summary>
    public static string SummaryHtml(WorkflowContext context)
    {
        var html = new StringBuilder("<table>");
        foreach (var field in context.IncludedFields)
        {
            html.Append("<tr><th scope=\"row\">").Append(WebUtility.HtmlEncode(field.Caption)).Append("</th><td>")
                .Append(WebUtility.HtmlEncode(string.Join(", ", context.Values[field.Alias]))).Append("</td></tr>");
        }

        return html.Append("</table>").ToString();
    }

    private static string Literal(string text, FormMagicStrings? brackets, bool html) =>
        brackets is null ? text : brackets.Parse(text, html) ?? "";

    private static string? Value(string name, WorkflowContext context)
    {
        var entry = context.Entry;
        switch (name.ToLowerInvariant())
        {
            case "form_name":
                return context.Form.Name;
            case "record.id" or "record.uniqueid":
                return entry.Key.ToString("D");
            case "record.created":
                return entry.CreateDate.ToString("u", CultureInfo.InvariantCulture);
            case "record.updated":
                return entry.UpdateDate.ToString("u", CultureInfo.InvariantCulture);
            case "record.state":
                return entry.State;
            case "record.memberkey":
                return entry.MemberKey?.ToString("D") ?? "";
            case "record.umbracopageid":
                return entry.ContentKey?.ToString("D") ?? "";
            case "record.ip":
                return ""; // not recorded, as Umbraco Forms by default
        }

        if (name.StartsWith("member.", StringComparison.OrdinalIgnoreCase))
        {
            return context.Member?.GetValueOrDefault(name["member.".Length..]) ?? "";
        }

        if (context.Values.TryGetValue(name, out var values))
        {
            return string.Join(", ", values);
        }

        // A field of the form left out (sensitive data the workflow does not include) is empty, never its value.
        return context.Form.AllFields.Any(f => string.Equals(f.Alias, name, StringComparison.Ordinal)) ? "" : null;
    }
}
