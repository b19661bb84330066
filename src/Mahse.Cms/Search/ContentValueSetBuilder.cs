using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mahse.Cms.Content;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models;
using CorePublicAccess = Umbraco.Cms.Core.Constants.Conventions.PublicAccess;

namespace Mahse.Cms.Search;

/// <summary>One entry of public access: the protected node and its rules (as "r:{group}" / "u:{member}").</summary>
public sealed record ProtectionRule(Guid NodeKey, IReadOnlyList<string> Access);

/// <summary>Builds the value sets of Umbraco's content indexes, as Umbraco's ContentValueSetBuilder does.</summary>
public sealed partial class ContentValueSetBuilder(IEnumerable<IContentIndexHandler> indexHandlers)
{
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    /// <summary>ExternalIndex: a published, routable document from the published cache.</summary>
    public ValueSet External(PublishedContentItem item, PublishedContentCache cache, IReadOnlyDictionary<Guid, ProtectionRule> protection)
    {
        var values = System(item.Id, item.Key, item.ParentKey is { } p ? cache.Get(p)?.Id ?? -1 : -1, item.Level, item.SortOrder, item.CreateDate, item.UpdateDate,
            item.Name, item.UrlSegment, item.Path, item.ContentTypeAlias, published: true);
        values["__Protected"] = ProtectingRule(item, cache, protection) is null ? "n" : "y";
        AddProperties(values, item.Properties);
        return ValueSet.Create(item.Id.ToString(), "content", item.ContentTypeAlias, values);
    }

    /// <summary>InternalIndex: every document and media item, draft values, for the backoffice.</summary>
    public ValueSet Internal(ContentNodeRow node, IReadOnlyDictionary<string, JsonNode?> draft, string typeAlias, int parentId)
    {
        var values = System(node.Id, node.Key, parentId, node.Level, node.SortOrder, node.CreateDate, node.UpdateDate, node.Name, node.UrlSegment, node.Path,
            typeAlias, published: node.PublishedVersionId is not null);
        AddProperties(values, draft);
        return ValueSet.Create(node.Id.ToString(), node.Kind == ContentNodeKind.Media ? "media" : "content", typeAlias, values);
    }

    /// <summary>DeliveryApiContentIndex: the fields the Delivery API queries, plus every IContentIndexHandler's.</summary>
    public ValueSet DeliveryApi(PublishedContentItem item, PublishedContentCache cache, IReadOnlyDictionary<Guid, ProtectionRule> protection, SchemaSnapshot schema)
    {
        var ancestors = ContentStore.AncestorIds(item.Path).Select(cache.Get).OfType<PublishedContentItem>().Select(a => (object)a.Key.ToString("D")).ToList();
        var rule = ProtectingRule(item, cache, protection);
        var values = new Dictionary<string, object?>
        {
            ["itemId"] = item.Key.ToString("D"),
            ["culture"] = "none",
            ["contentType"] = item.ContentTypeAlias,
            ["name"] = item.Name,
            ["sortName"] = item.Name,
            ["createDate"] = item.CreateDate,
            ["updateDate"] = item.UpdateDate,
            ["level"] = item.Level,
            ["sortOrder"] = item.SortOrder,
            ["__Path"] = item.Path,
            ["ancestorIds"] = ancestors,
            ["parentId"] = item.ParentKey?.ToString("D") ?? "none",
            ["protected"] = rule is null ? "n" : "y",
            ["protectedAccess"] = rule?.Access.Cast<object>().ToList(),
        };

        var content = indexHandlers.Any() ? UmbracoContentFactory.Build(ToNode(item, schema), item.Properties, schema) as IContent : null;
        if (content is not null)
        {
            foreach (var handler in indexHandlers)
            {
                foreach (var field in handler.GetFieldValues(content, null))
                {
                    values[field.FieldName] = field.Values.ToList();
                }
            }
        }

        return ValueSet.Create(item.Key.ToString("D"), "content", item.ContentTypeAlias, values);
    }

    /// <summary>
    /// MembersIndex, as Umbraco's MemberValueSetBuilder: every member with login, email, name, type and values, plus
    /// approval and directory consent so that the portal's directory can require both.
    /// </summary>
    public static ValueSet Member(MemberRow member, string typeAlias, IReadOnlyDictionary<string, JsonNode?> values)
    {
        var fields = new Dictionary<string, object?>
        {
            ["id"] = member.Id,
            ["__Key"] = member.Key.ToString("D"),
            ["email"] = member.Email,
            ["loginName"] = member.Email,
            ["nodeName"] = member.Name,
            ["nodeType"] = typeAlias,
            ["createDate"] = member.CreateDate,
            ["updateDate"] = member.UpdateDate,
            ["isApproved"] = member.IsApproved && member.EmailConfirmed ? "y" : "n",
        };
        AddProperties(fields, values);
        return ValueSet.Create(member.Key.ToString("D"), "member", typeAlias, fields);
    }

    /// <summary>Field definitions the Delivery API index gets from the registered IContentIndexHandlers.</summary>
    public IReadOnlyList<FieldDefinition> HandlerFields() => indexHandlers
        .SelectMany(h => h.GetFields())
        .Select(f => new FieldDefinition(f.FieldName, f.FieldType switch
        {
            FieldType.StringRaw => FieldDefinitionTypes.Raw,
            FieldType.StringSortable => FieldDefinitionTypes.FullTextSortable,
            FieldType.Number => FieldDefinitionTypes.Integer,
            FieldType.Date => FieldDefinitionTypes.DateTime,
            _ => FieldDefinitionTypes.FullText,
        }, Facet: f.FieldType is FieldType.StringRaw))
        .DistinctBy(f => f.Name)
        .ToList();

    /// <summary>The nearest public access entry on the item or an ancestor; protection is inherited, as in Umbraco.</summary>
    public static ProtectionRule? ProtectingRule(PublishedContentItem item, ContentCache cache, IReadOnlyDictionary<Guid, ProtectionRule> protection)
    {
        if (protection.Count == 0)
        {
            return null;
        }

        if (protection.TryGetValue(item.Key, out var own))
        {
            return own;
        }

        foreach (var ancestorId in ContentStore.AncestorIds(item.Path).Reverse())
        {
            if (cache.Get(ancestorId) is { } ancestor && protection.TryGetValue(ancestor.Key, out var inherited))
            {
                return inherited;
            }
        }

        return null;
    }

    public static IReadOnlyDictionary<Guid, ProtectionRule> Protection(IEnumerable<PublicAccessRow> rows) => rows.ToDictionary(
        r => r.NodeKey,
        r => new ProtectionRule(r.NodeKey, (JsonSerializer.Deserialize<List<RuleJson>>(r.RulesJson, JsonSerializerOptions.Web) ?? [])
            .Select(rule => (rule.Type == CorePublicAccess.MemberRoleRuleType ? "r:" : "u:") + rule.Value).ToList()));

    private sealed record RuleJson(string Type, string Value);

    private static ContentNodeRow ToNode(PublishedContentItem item, SchemaSnapshot schema) => new()
    {
        Id = item.Id,
        Key = item.Key,
        Level = item.Level,
        Path = item.Path,
        SortOrder = item.SortOrder,
        Name = item.Name,
        CreateDate = item.CreateDate,
        UpdateDate = item.UpdateDate,
        PublishedVersionId = 1,
        ContentTypeId = schema.FindContentTypeId(item.ContentTypeKey) ?? 0,
    };

    private static Dictionary<string, object?> System(int id, Guid key, int parentId, int level, int sortOrder, DateTime created, DateTime updated,
        string name, string urlName, string path, string typeAlias, bool published) => new()
    {
        ["id"] = id,
        ["__Key"] = key.ToString("D"),
        ["parentID"] = parentId,
        ["level"] = level,
        ["sortOrder"] = sortOrder,
        ["createDate"] = created,
        ["updateDate"] = updated,
        ["nodeName"] = name,
        ["urlName"] = urlName,
        ["path"] = path,
        ["__Path"] = path,
        ["nodeType"] = typeAlias,
        ["__Published"] = published ? "y" : "n",
    };

    private static void AddProperties(Dictionary<string, object?> values, IReadOnlyDictionary<string, JsonNode?> properties)
    {
        foreach (var (alias, value) in properties)
        {
            var texts = TextValues(value).Where(t => t.Length > 0).Cast<object>().ToList();
            if (texts.Count > 0 && !values.ContainsKey(alias))
            {
                values[alias] = texts;
            }
        }
    }

    /// <summary>What is searchable in a stored value: rich text as plain text, lists as their items, the rest as text.</summary>
    public static IEnumerable<string> TextValues(JsonNode? value)
    {
        if (value is not JsonValue scalar)
        {
            yield break;
        }

        var text = scalar.TryGetValue<string>(out var s) ? s : scalar.ToJsonString();
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                parsed = null;
            }

            switch (parsed)
            {
                case JsonObject obj when obj["markup"] is JsonValue markup && markup.TryGetValue<string>(out var html):
                    yield return WebUtility.HtmlDecode(Tags().Replace(html, " ")).Trim();
                    yield break;
                case JsonArray array:
                    foreach (var item in array.OfType<JsonValue>())
                    {
                        if (item.TryGetValue<string>(out var itemText))
                        {
                            yield return itemText;
                        }
                    }

                    foreach (var link in array.OfType<JsonObject>())
                    {
                        if (link["name"] is JsonValue name && name.TryGetValue<string>(out var linkName))
                        {
                            yield return linkName;
                        }
                    }

                    yield break;
                case not null:
                    yield break;
            }
        }

        // Multi-node pickers keep several UDIs in one comma-separated string.
        if (text.StartsWith("umb://", StringComparison.Ordinal) && text.Contains(','))
        {
            foreach (var udi in text.Split(','))
            {
                yield return udi;
            }

            yield break;
        }

        yield return text;
    }
}
