using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Infrastructure;
using Umbraco.Cms.Core.Models;
using static Umbraco.Cms.Core.Constants;
using EditorAliases = Umbraco.Cms.Core.Constants.PropertyEditors.Aliases;

namespace Mahse.Cms.Content.PropertyEditors;

/// <summary>Umbraco.ContentPicker: one document, stored as its UDI.</summary>
public sealed class ContentPickerPropertyEditor : PropertyEditorBase
{
    public override string Alias => EditorAliases.ContentPicker;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.DocumentPicker";

    public override ValueStorageType StorageType => ValueStorageType.Nvarchar;

    public override async ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (IsEmpty(value))
        {
            return PropertyValueResult.Ok(null);
        }

        if (!TryGetString(value, out var text) || !Udis.TryParse(text, UdiEntityType.Document, out var key))
        {
            return PropertyValueResult.Invalid($"Expected a document reference (umb://document/… or a GUID), got {value!.ToJsonString()}.");
        }

        var target = await context.References.FindDocumentAsync(key, cancellationToken);
        return target is null or { Trashed: true }
            ? PropertyValueResult.Invalid($"The picked document {key} does not exist.")
            : PropertyValueResult.Ok(JsonValue.Create(Udis.Document(key)));
    }
}

/// <summary>Umbraco.MultiNodeTreePicker: documents (or media), stored as comma-separated UDIs, with min/max and allowed types.</summary>
public sealed class MultiNodeTreePickerPropertyEditor : PropertyEditorBase
{
    public override string Alias => EditorAliases.MultiNodeTreePicker;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.ContentPicker";

    public override ValueStorageType StorageType => ValueStorageType.Ntext;

    public override async ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        switch (value)
        {
            case null:
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (!TryGetString(item, out var s))
                    {
                        return PropertyValueResult.Invalid($"Expected a list of references, got an item of type {Describe(item)}.");
                    }

                    texts.Add(s);
                }

                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                texts.AddRange(v.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                break;
            default:
                return PropertyValueResult.Invalid($"Expected a list of references, got {Describe(value)}.");
        }

        var isMedia = (context.DataType.Configuration["startNode"] as JsonObject)?["type"]?.GetValue<string>() == "media";
        var entityType = isMedia ? UdiEntityType.Media : UdiEntityType.Document;
        var allowedTypes = AllowedTypes(context);
        var errors = new List<string>();
        var udis = new List<string>();
        foreach (var text in texts)
        {
            if (!Udis.TryParse(text, entityType, out var key))
            {
                errors.Add($"'{text}' is not a {entityType} reference.");
                continue;
            }

            var target = isMedia
                ? await context.References.FindMediaAsync(key, cancellationToken)
                : await context.References.FindDocumentAsync(key, cancellationToken);
            if (target is null or { Trashed: true })
            {
                errors.Add($"The picked {entityType} {key} does not exist.");
                continue;
            }

            if (!IsAllowedType(target, allowedTypes))
            {
                errors.Add($"The picked item {key} is a '{target.ContentTypeAlias}', which this picker does not allow.");
                continue;
            }

            udis.Add(isMedia ? Udis.Media(key) : Udis.Document(key));
        }

        var min = ConfigInt(context, "minNumber") ?? 0;
        var max = ConfigInt(context, "maxNumber") ?? 0;
        if (udis.Count < min)
        {
            errors.Add($"At least {min} item(s) must be picked; {udis.Count} were.");
        }

        if (max > 0 && udis.Count > max)
        {
            errors.Add($"At most {max} item(s) may be picked; {udis.Count} were.");
        }

        return errors.Count > 0 ? PropertyValueResult.Invalid([.. errors])
            : PropertyValueResult.Ok(udis.Count == 0 ? null : JsonValue.Create(string.Join(',', udis)));
    }
}

/// <summary>Umbraco.MediaPicker3: an array of <c>{key, mediaKey, mediaTypeAlias, crops, focalPoint}</c>.</summary>
public sealed class MediaPicker3PropertyEditor : PropertyEditorBase
{
    public override string Alias => EditorAliases.MediaPicker3;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.MediaPicker";

    public override ValueStorageType StorageType => ValueStorageType.Ntext;

    public override async ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        value = FromJsonText(value, '[');
        if (IsEmpty(value))
        {
            return PropertyValueResult.Ok(null);
        }

        if (value is not JsonArray items)
        {
            return PropertyValueResult.Invalid($"Expected an array of picked media, got {Describe(value)}.");
        }

        var allowedTypes = AllowedTypes(context);
        var errors = new List<string>();
        var stored = new JsonArray();
        foreach (var item in items)
        {
            if (item is not JsonObject obj || !TryGetString(obj["mediaKey"], out var mediaKeyText) || !Guid.TryParse(mediaKeyText, out var mediaKey))
            {
                errors.Add("Each picked media item needs a \"mediaKey\" GUID.");
                continue;
            }

            var media = await context.References.FindMediaAsync(mediaKey, cancellationToken);
            if (media is null or { Trashed: true })
            {
                errors.Add($"The picked media {mediaKey} does not exist.");
                continue;
            }

            if (!IsAllowedType(media, allowedTypes))
            {
                errors.Add($"The picked media {mediaKey} is a '{media.ContentTypeAlias}', which this picker does not allow.");
                continue;
            }

            var key = TryGetString(obj["key"], out var k) && Guid.TryParse(k, out var parsedKey) ? parsedKey : Guid.NewGuid();
            stored.Add(new JsonObject
            {
                ["key"] = key.ToString(),
                ["mediaKey"] = mediaKey.ToString(),
                ["mediaTypeAlias"] = media.ContentTypeAlias,
                ["crops"] = obj["crops"] is JsonArray crops ? crops.DeepClone() : new JsonArray(),
                ["focalPoint"] = obj["focalPoint"] is JsonObject focal ? focal.DeepClone() : null,
            });
        }

        var multiple = ConfigBool(context, "multiple");
        var (min, max) = ConfigLimits(context, "validationLimit", "min", "max");
        if (!multiple && stored.Count > 1)
        {
            errors.Add("Only one media item may be picked.");
        }

        if (min is > 0 && stored.Count < min)
        {
            errors.Add($"At least {min} media item(s) must be picked; {stored.Count} were.");
        }

        if (max is > 0 && stored.Count > max)
        {
            errors.Add($"At most {max} media item(s) may be picked; {stored.Count} were.");
        }

        return errors.Count > 0 ? PropertyValueResult.Invalid([.. errors])
            : PropertyValueResult.Ok(stored.Count == 0 ? null : StoreJson(stored));
    }

    public override JsonNode? ToEditor(JsonNode? stored) => ParseStoredJson(stored) ?? new JsonArray();
}

/// <summary>Umbraco.MultiUrlPicker: links to documents, media or external URLs.</summary>
public sealed class MultiUrlPickerPropertyEditor : PropertyEditorBase
{
    public override string Alias => EditorAliases.MultiUrlPicker;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.MultiUrlPicker";

    public override ValueStorageType StorageType => ValueStorageType.Ntext;

    public override async ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        value = FromJsonText(value, '[');
        if (IsEmpty(value))
        {
            return PropertyValueResult.Ok(null);
        }

        if (value is not JsonArray items)
        {
            return PropertyValueResult.Invalid($"Expected an array of links, got {Describe(value)}.");
        }

        var errors = new List<string>();
        var stored = new JsonArray();
        foreach (var item in items)
        {
            if (item is not JsonObject link)
            {
                errors.Add("Each link must be an object.");
                continue;
            }

            var name = link["name"]?.GetValue<string>();
            var target = link["target"]?.GetValue<string>();
            var queryString = link["queryString"]?.GetValue<string>();
            var type = link["type"]?.GetValue<string>();
            string? udi = link["udi"]?.GetValue<string>();
            var unique = link["unique"]?.GetValue<string>();
            var url = link["url"]?.GetValue<string>();

            if (udi is null && unique is not null && Guid.TryParse(unique, out var uniqueKey) && type is "document" or "media")
            {
                udi = type == "media" ? Udis.Media(uniqueKey) : Udis.Document(uniqueKey);
            }

            if (udi is not null)
            {
                if (!Udis.TryParseAny(udi, out var entityType, out var key) || entityType is not (UdiEntityType.Document or UdiEntityType.Media))
                {
                    errors.Add($"'{udi}' is not a document or media reference.");
                    continue;
                }

                var found = entityType == UdiEntityType.Media
                    ? await context.References.FindMediaAsync(key, cancellationToken)
                    : await context.References.FindDocumentAsync(key, cancellationToken);
                if (found is null)
                {
                    errors.Add($"The linked {entityType} {key} does not exist.");
                    continue;
                }

                url = null;
            }
            else if (string.IsNullOrWhiteSpace(url) || !IsSafeUrl(url))
            {
                errors.Add($"'{url}' is not an allowed link: use http(s), mailto, tel or a relative URL.");
                continue;
            }

            stored.Add(new JsonObject
            {
                ["name"] = name,
                ["target"] = target,
                ["unique"] = null,
                ["type"] = null,
                ["udi"] = udi,
                ["url"] = url,
                ["queryString"] = queryString,
                ["culture"] = null,
            });
        }

        var min = ConfigInt(context, "minNumber") ?? 0;
        var max = ConfigInt(context, "maxNumber") ?? 0;
        if (stored.Count < min)
        {
            errors.Add($"At least {min} link(s) are needed; {stored.Count} were given.");
        }

        if (max > 0 && stored.Count > max)
        {
            errors.Add($"At most {max} link(s) are allowed; {stored.Count} were given.");
        }

        return errors.Count > 0 ? PropertyValueResult.Invalid([.. errors])
            : PropertyValueResult.Ok(stored.Count == 0 ? null : StoreJson(stored));
    }

    public override JsonNode? ToEditor(JsonNode? stored)
    {
        if (ParseStoredJson(stored) is not JsonArray links)
        {
            return new JsonArray();
        }

        var result = new JsonArray();
        foreach (var link in links.OfType<JsonObject>())
        {
            var udi = link["udi"]?.GetValue<string>();
            Udis.TryParseAny(udi, out var entityType, out var key);
            result.Add(new JsonObject
            {
                ["name"] = link["name"]?.DeepClone(),
                ["target"] = link["target"]?.DeepClone(),
                ["type"] = entityType ?? "external",
                ["unique"] = entityType is null ? null : key.ToString(),
                ["url"] = link["url"]?.DeepClone(),
                ["queryString"] = link["queryString"]?.DeepClone(),
            });
        }

        return result;
    }

    internal static bool IsSafeUrl(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith('/') || trimmed.StartsWith('#') || trimmed.StartsWith('?'))
        {
            return !trimmed.StartsWith("//", StringComparison.Ordinal);
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
               && uri.Scheme is "http" or "https" or "mailto" or "tel";
    }
}
