using System.Globalization;
using System.Text.Json.Nodes;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Content;

/// <summary>
/// Maps stored rows to Umbraco's own <see cref="Umbraco.Cms.Core.Models.Content"/> and <see cref="Media"/>, the
/// types Umbraco's notifications carry, so handlers written against Umbraco.Cms.Core see what they expect.
/// </summary>
public static class UmbracoContentFactory
{
    public static IContentBase? Build(ContentNodeRow node, IReadOnlyDictionary<string, JsonNode?> values, SchemaSnapshot schema)
    {
        var definition = schema.FindContentType(node.ContentTypeId);
        if (definition is null || schema.FindComposition(definition.Key) is not { } type)
        {
            return null;
        }

        ContentBase item = type switch
        {
            IContentType contentType => new Umbraco.Cms.Core.Models.Content(node.Name, node.ParentId ?? -1, contentType)
            {
                Published = node.PublishedVersionId is not null,
                PublishDate = node.PublishDate,
            },
            IMediaType mediaType => new Umbraco.Cms.Core.Models.Media(node.Name, node.ParentId ?? -1, mediaType),
            _ => throw new InvalidOperationException($"'{definition.Alias}' is not a document or media type."),
        };

        item.Id = node.Id;
        item.Key = node.Key;
        item.Level = node.Level;
        item.Path = node.Path;
        item.SortOrder = node.SortOrder;
        item.Trashed = node.Trashed;
        item.VersionId = node.DraftVersionId;
        item.CreateDate = node.CreateDate;
        item.UpdateDate = node.UpdateDate;
        var aliases = type.CompositionPropertyTypes.ToDictionary(p => p.Alias, p => p.ValueStorageType, StringComparer.Ordinal);
        foreach (var (alias, value) in values)
        {
            if (value is JsonValue v && aliases.TryGetValue(alias, out var storage))
            {
                item.SetValue(alias, ToClr(v, storage));
            }
        }

        item.ResetDirtyProperties(false);
        return item;
    }

    private static object? ToClr(JsonValue value, ValueStorageType storage) => storage switch
    {
        ValueStorageType.Integer when value.TryGetValue<int>(out var i) => i,
        ValueStorageType.Decimal when value.TryGetValue<decimal>(out var d) => d,
        ValueStorageType.Date when value.TryGetValue<string>(out var s)
                                   && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date) => date,
        _ => value.TryGetValue<string>(out var text) ? text : value.ToJsonString(),
    };
}
