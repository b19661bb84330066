using System.Text.Json.Nodes;

namespace Mahse.Cms.Content.PublishedCache;

/// <summary>
/// A published document as the Delivery API reads it. Stands in for Umbraco's <c>IPublishedContent</c>, whose
/// implementations need Umbraco's runtime (published content type factory, variation context).
/// </summary>
public sealed record PublishedContentItem(
    int Id,
    Guid Key,
    Guid? ParentKey,
    Guid ContentTypeKey,
    string ContentTypeAlias,
    string Name,
    string UrlSegment,
    int Level,
    int SortOrder,
    string Path,
    DateTime CreateDate,
    DateTime UpdateDate,
    DateTime? PublishDate,
    IReadOnlyDictionary<string, JsonNode?> Properties)
{
    /// <summary>The route below the start item, Umbraco style: "/" for a root, "/about/team/" below it.</summary>
    public string Route { get; init; } = "/";

    /// <summary>The URL segment of the root this item lives under (Umbraco's <c>startItem.path</c>).</summary>
    public string StartItemSegment { get; init; } = "";

    public Guid StartItemKey { get; init; }
}
