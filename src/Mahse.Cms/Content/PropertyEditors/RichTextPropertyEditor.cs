using System.Text.Json.Nodes;
using Ganss.Xss;
using Umbraco.Cms.Core.Models;
using static Umbraco.Cms.Core.Constants.PropertyEditors;

namespace Mahse.Cms.Content.PropertyEditors;

/// <summary>
/// Umbraco.RichText stores <c>{"markup": "...", "blocks": {...}}</c>. The markup is sanitised on save with
/// HtmlSanitizer, so script, event handlers and javascript: links never reach the database.
/// </summary>
public sealed class RichTextPropertyEditor : PropertyEditorBase
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public override string Alias => Aliases.RichText;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.Tiptap";

    public override ValueStorageType StorageType => ValueStorageType.Ntext;

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (IsEmpty(value))
        {
            return ValueTask.FromResult(PropertyValueResult.Ok(null));
        }

        // Stored (and uSync) form: the JSON text of {markup, blocks}.
        if (TryGetString(value, out var json) && json.TrimStart().StartsWith('{') && JsonNode.Parse(json) is JsonObject parsed && parsed["markup"] is not null)
        {
            value = parsed;
        }

        string markup;
        JsonNode? blocks = null;
        if (TryGetString(value, out var text))
        {
            markup = text;
        }
        else if (value is JsonObject obj && TryGetString(obj["markup"], out var m))
        {
            markup = m;
            blocks = obj["blocks"]?.DeepClone();
        }
        else
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected an object with a \"markup\" string, got {Describe(value)}."));
        }

        var clean = Sanitize(markup);
        if (string.IsNullOrWhiteSpace(clean) && blocks is null)
        {
            return ValueTask.FromResult(PropertyValueResult.Ok(null));
        }

        var stored = new JsonObject
        {
            ["blocks"] = blocks ?? new JsonObject
            {
                ["contentData"] = new JsonArray(),
                ["settingsData"] = new JsonArray(),
                ["expose"] = new JsonArray(),
                ["layout"] = new JsonObject(),
            },
            ["markup"] = clean,
        };
        return ValueTask.FromResult(PropertyValueResult.Ok(StoreJson(stored)));
    }

    public override JsonNode? ToEditor(JsonNode? stored) => ParseStoredJson(stored);

    public static string Sanitize(string markup) => Sanitizer.Sanitize(markup);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        // Umbraco's local links ({localLink:umb://document/...}) and in-page anchors are relative URLs, which stay allowed.
        sanitizer.AllowedAttributes.Add("data-udi");
        sanitizer.AllowedAttributes.Add("data-anchor");
        sanitizer.AllowedAttributes.Add("type");
        sanitizer.AllowedTags.Add("umb-rte-block");
        sanitizer.AllowedTags.Add("umb-rte-block-inline");
        sanitizer.AllowedAttributes.Add("data-content-key");
        return sanitizer;
    }
}
