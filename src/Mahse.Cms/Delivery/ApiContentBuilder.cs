using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublicAccess;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Delivery.RichText;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Members.Auth;
using Mahse.Cms.Schema;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Models;
using static Umbraco.Cms.Core.Constants;
using EditorAliases = Umbraco.Cms.Core.Constants.PropertyEditors.Aliases;

namespace Mahse.Cms.Delivery;

/// <summary>
/// Writes published content in the Delivery API's JSON: <c>contentType</c> first, UTC dates, <c>route</c> with its
/// start item, and each property converted as Umbraco's value converters do for the Delivery API.
/// </summary>
/// <remarks>
/// Every method reads from one <see cref="ContentCache"/>: the published cache, or the draft cache for a preview
/// request, so that pickers and links in a preview show drafts too.
/// </remarks>
public sealed class ApiContentBuilder(
    PublishedContentCache published, PublishedMediaCache media, SchemaCache schemaCache, PublicAccessRules publicAccess, IOptions<DeliveryApiSettings> settings,
    IEnumerable<IDeliveryValueConverter> converters)
{
    private readonly Dictionary<string, IDeliveryValueConverter> _converters = converters.ToDictionary(c => c.EditorAlias, StringComparer.OrdinalIgnoreCase);

    /// <summary>What to expand and which fields to output, at one level of the tree.</summary>
    public sealed record Selection(PropertySelection Expand, PropertySelection Fields)
    {
        public static readonly Selection Default = new(PropertySelection.None, PropertySelection.Everything);

        /// <summary>Nothing expanded, every field: what a request without expand and fields gets.</summary>
        public bool IsDefault => ReferenceEquals(Expand, PropertySelection.None) && ReferenceEquals(Fields, PropertySelection.Everything);

        /// <summary>One level down: expansions only where asked for; all fields unless narrowed.</summary>
        public Selection Child(string alias) => new(Expand.Nested(alias),
            Fields.Nested(alias) is { } nested && (nested.All || nested.Properties.Count > 0) ? nested : PropertySelection.Everything);

        /// <summary>Reads the expand and fields parameters; false when either is not valid syntax.</summary>
        public static bool TryParse(string? expand, string? fields, out Selection selection)
        {
            var ok = PropertySelection.TryParse(expand, PropertySelection.None, out var e) & PropertySelection.TryParse(fields, PropertySelection.Everything, out var f);
            selection = new Selection(e, f);
            return ok;
        }
    }

    public async Task<JsonObject> ContentAsync(
        PublishedContentItem item, CancellationToken ct, Selection? selection = null, ContentCache? source = null, MemberIdentity? member = null)
    {
        var pass = new Pass(await schemaCache.GetAsync(ct), source ?? published, this, member);
        var json = Reference(item);
        json["properties"] = Properties(item.ContentTypeKey, item.Properties, pass, selection ?? Selection.Default);
        json["cultures"] = new JsonObject();
        return json;
    }

    /// <summary>One build: the schema and the cache it reads, and the link targets rich text resolves against.</summary>
    /// <remarks>Pickers and links show a members-only item only to a member who may read it (GHSA-wr57-hqmp-fgvh).</remarks>
    private sealed record Pass(SchemaSnapshot Schema, ContentCache Source, ApiContentBuilder Builder, MemberIdentity? Member = null) : IRichTextLinkTargets
    {
        public PublishedContentItem? Content(Guid key) =>
            Source.Get(key) is { } item && Builder.Access(item, Source, Member) == PublicAccessStatus.AccessAccepted ? item : null;

        public PublishedMediaItem? Media(Guid key) => Builder.GetMedia(key);

        public JsonObject Route(PublishedContentItem item, string? queryString) => ApiContentBuilder.Route(item, queryString);
    }

    /// <summary>A media item as the media endpoints answer: Umbraco's IApiMediaWithCropsResponse, in its property order.</summary>
    public async Task<JsonObject> MediaAsync(PublishedMediaItem item, CancellationToken ct, Selection? selection = null) => new()
    {
        ["path"] = item.Path,
        ["createDate"] = item.CreateDate,
        ["updateDate"] = item.UpdateDate,
        ["focalPoint"] = item.FocalPoint?.DeepClone(),
        ["crops"] = item.Crops.DeepClone(),
        ["id"] = item.Key.ToString("D"),
        ["name"] = item.Name,
        ["mediaType"] = item.MediaType,
        ["url"] = item.Url,
        ["extension"] = item.Extension,
        ["width"] = item.Width,
        ["height"] = item.Height,
        ["bytes"] = item.Bytes,
        ["properties"] = MediaProperties(item, new Pass(await schemaCache.GetAsync(ct), published, this), selection ?? Selection.Default),
    };

    /// <summary>Media properties other than Umbraco's own file facts (shown when a media picker is expanded).</summary>
    private JsonObject MediaProperties(PublishedMediaItem item, Pass pass, Selection selection)
    {
        var all = Properties(item.TypeKey, item.Values, pass, selection);
        foreach (var alias in all.Select(p => p.Key).Where(a => a.StartsWith("umbraco", StringComparison.Ordinal)).ToList())
        {
            all.Remove(alias);
        }

        return all;
    }

    private PublishedMediaItem? GetMedia(Guid key) => media.Get(key);

    /// <summary>Whether an item is members-only: it or an ancestor has a public access entry.</summary>
    public bool IsProtected(PublishedContentItem item, ContentCache? source = null) => publicAccess.For(item, source ?? published) is not null;

    /// <summary>Whether a reader (a member, or nobody) may see an item.</summary>
    public PublicAccessStatus Access(PublishedContentItem item, ContentCache? source, MemberIdentity? member) =>
        publicAccess.Check(item, source ?? published, member);

    /// <summary>The IApiContent shape (no cultures, properties only when expanded — never here).</summary>
    private static JsonObject Reference(PublishedContentItem item) => new()
    {
        ["contentType"] = item.ContentTypeAlias,
        ["name"] = item.Name,
        ["createDate"] = item.CreateDate,
        ["updateDate"] = item.UpdateDate,
        ["route"] = Route(item),
        ["id"] = item.Key.ToString("D"),
        ["properties"] = new JsonObject(),
    };

    internal static JsonObject Route(PublishedContentItem item, string? queryString = null) => new()
    {
        ["path"] = item.Route,
        ["queryString"] = queryString,
        ["startItem"] = new JsonObject { ["id"] = item.StartItemKey.ToString("D"), ["path"] = item.StartItemSegment },
    };

    private JsonObject Properties(Guid typeKey, IReadOnlyDictionary<string, JsonNode?> values, Pass pass, Selection selection)
    {
        var result = new JsonObject();
        if (pass.Schema.FindComposition(typeKey) is not { } type)
        {
            return result;
        }

        foreach (var propertyType in type.CompositionPropertyTypes.OrderBy(p => p.SortOrder).ThenBy(p => p.Alias, StringComparer.Ordinal))
        {
            if (!selection.Fields.Includes(propertyType.Alias))
            {
                continue;
            }

            values.TryGetValue(propertyType.Alias, out var stored);
            result[propertyType.Alias] = stored is null ? null
                : Convert(propertyType, stored, pass, selection.Expand.Includes(propertyType.Alias), selection.Child(propertyType.Alias));
        }

        return result;
    }

    private JsonNode? Convert(IPropertyType propertyType, JsonNode stored, Pass pass, bool expand, Selection child)
    {
        var dataType = pass.Schema.FindDataType(propertyType.DataTypeKey);
        var text = stored is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        switch (propertyType.PropertyEditorAlias)
        {
            case EditorAliases.Boolean:
                return JsonValue.Create(stored.ToJsonString().Trim('"') == "1");
            case EditorAliases.Integer or EditorAliases.Decimal:
                return stored.DeepClone();
            case EditorAliases.DropDownListFlexible:
                var chosen = ParseArray(text);
                return dataType?.Configuration["multiple"] is JsonValue m && m.TryGetValue<bool>(out var multiple) && multiple
                    ? chosen
                    : chosen.FirstOrDefault()?.DeepClone();
            case EditorAliases.CheckBoxList or EditorAliases.Tags:
                return ParseArray(text);
            case EditorAliases.RichText:
                var rte = ParseJson(text) as JsonObject;
                var markup = rte?["markup"]?.GetValue<string>() ?? text ?? "";
                var rteBlocks = BlockItems(rte?["blocks"] as JsonObject, EditorAliases.RichText, pass, child);
                return settings.Value.RichTextOutputAsJson
                    ? ApiRichTextConverter.ToElementTree(markup, rteBlocks, pass)
                    : ApiRichTextConverter.ToMarkup(markup, rteBlocks, pass);
            case EditorAliases.ContentPicker:
                return Udis.TryParse(text, UdiEntityType.Document, out var key) && PickedContent(key, expand, child, pass) is { } picked ? picked : null;
            case EditorAliases.MultiNodeTreePicker:
                return new JsonArray((text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(udi => Udis.TryParseAny(udi, out var entity, out var k)
                        ? entity == UdiEntityType.Media ? (JsonNode?)Media(k, null, expand, child, pass) : PickedContent(k, expand, child, pass)
                        : null)
                    .Where(n => n is not null).ToArray());
            case EditorAliases.MediaPicker3:
                return new JsonArray((ParseJson(text) as JsonArray ?? [])
                    .OfType<JsonObject>()
                    .Select(p => Guid.TryParse(p["mediaKey"]?.GetValue<string>(), out var mk) ? Media(mk, p, expand, child, pass) : null)
                    .Where(n => n is not null).Cast<JsonNode?>().ToArray());
            case EditorAliases.MultiUrlPicker:
                return new JsonArray((ParseJson(text) as JsonArray ?? []).OfType<JsonObject>().Select(l => Link(l, pass)).Cast<JsonNode?>().ToArray());
            case EditorAliases.BlockList:
                return new JsonObject { ["items"] = BlockItems(ParseJson(text) as JsonObject, EditorAliases.BlockList, pass, child) };
            default:
                return _converters.TryGetValue(propertyType.PropertyEditorAlias, out var converter) ? converter.Convert(stored, expand) : stored.DeepClone();
        }
    }

    /// <summary>Umbraco's block value (layout under the editor's alias, content and settings data) as [{content, settings}].</summary>
    private JsonArray BlockItems(JsonObject? blocks, string layoutAlias, Pass pass, Selection child)
    {
        var contentData = (blocks?["contentData"] as JsonArray ?? []).OfType<JsonObject>().Where(b => b["key"] is not null)
            .DistinctBy(b => b["key"]!.ToString()).ToDictionary(b => b["key"]!.ToString());
        var settingsData = (blocks?["settingsData"] as JsonArray ?? []).OfType<JsonObject>().Where(b => b["key"] is not null)
            .DistinctBy(b => b["key"]!.ToString()).ToDictionary(b => b["key"]!.ToString());
        var items = new JsonArray();
        foreach (var layout in ((blocks?["layout"] as JsonObject)?[layoutAlias] as JsonArray ?? []).OfType<JsonObject>())
        {
            var content = contentData.GetValueOrDefault(layout["contentKey"]?.ToString() ?? "");
            var settings = layout["settingsKey"]?.ToString() is { } sk ? settingsData.GetValueOrDefault(sk) : null;
            items.Add(new JsonObject { ["content"] = Element(content, pass, child), ["settings"] = Element(settings, pass, child) });
        }

        return items;
    }

    private JsonObject? Element(JsonObject? block, Pass pass, Selection selection)
    {
        if (block is null || !Guid.TryParse(block["contentTypeKey"]?.GetValue<string>(), out var typeKey) || pass.Schema.FindContentType(typeKey) is not { } type)
        {
            return null;
        }

        // Block values are editor values; turn them into stored form for the converters.
        var values = (block["values"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => v["alias"] is not null)
            .ToDictionary(v => v["alias"]!.GetValue<string>(), v => v["value"] is JsonValue value ? value.DeepClone() : v["value"] is { } complex ? JsonValue.Create(complex.ToJsonString()) : null);
        return new JsonObject
        {
            ["contentType"] = type.Alias,
            ["id"] = block["key"]?.GetValue<string>(),
            ["properties"] = Properties(typeKey, values, pass, selection),
        };
    }

    /// <summary>A picked document, unexpanded; protected and unpublished items are left out so a picker never leaks them.</summary>
    private JsonObject? PickedContent(Guid key, bool expand, Selection child, Pass pass)
    {
        if (pass.Content(key) is not { } item)
        {
            return null;
        }

        var reference = Reference(item);
        if (expand)
        {
            reference["properties"] = Properties(item.ContentTypeKey, item.Properties, pass, child);
        }

        return reference;
    }

    private JsonObject? Media(Guid key, JsonObject? picked, bool expand, Selection child, Pass pass)
    {
        if (media.Get(key) is not { } item)
        {
            return null;
        }

        return new JsonObject
        {
            ["focalPoint"] = picked?["focalPoint"]?.DeepClone(),
            ["crops"] = picked?["crops"]?.DeepClone() ?? new JsonArray(),
            ["id"] = item.Key.ToString("D"),
            ["name"] = item.Name,
            ["mediaType"] = item.MediaType,
            ["url"] = item.Url,
            ["extension"] = item.Extension,
            ["width"] = item.Width,
            ["height"] = item.Height,
            ["bytes"] = item.Bytes,
            ["properties"] = expand ? MediaProperties(item, pass, child) : new JsonObject(),
        };
    }

    private static JsonObject Link(JsonObject link, Pass pass)
    {
        var udi = link["udi"]?.GetValue<string>();
        PublishedContentItem? content = null;
        PublishedMediaItem? mediaItem = null;
        if (Udis.TryParseAny(udi, out var entity, out var key))
        {
            content = entity == UdiEntityType.Document ? pass.Content(key) : null;
            mediaItem = entity == UdiEntityType.Media ? pass.Media(key) : null;
        }

        return new JsonObject
        {
            ["url"] = content is null ? mediaItem?.Url ?? link["url"]?.DeepClone() : null,
            ["queryString"] = link["queryString"]?.DeepClone(),
            ["title"] = link["name"]?.DeepClone(),
            ["target"] = link["target"]?.DeepClone(),
            ["destinationId"] = content?.Key.ToString("D") ?? mediaItem?.Key.ToString("D"),
            ["destinationType"] = content?.ContentTypeAlias ?? mediaItem?.MediaType,
            ["route"] = content is null ? null : Route(content),
            ["linkType"] = content is not null ? "Content" : mediaItem is not null ? "Media" : "External",
        };
    }

    private static JsonArray ParseArray(string? text) => ParseJson(text) as JsonArray ?? (text is null ? [] : new JsonArray(text));

    private static JsonNode? ParseJson(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.TrimStart() is not ['{' or '[', ..])
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
