using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Infrastructure;
using static Umbraco.Cms.Core.Constants;

namespace Mahse.Cms.Delivery.RichText;

/// <summary>Resolves what rich text links to, from the cache the request reads (published, or drafts in preview).</summary>
public interface IRichTextLinkTargets
{
    PublishedContentItem? Content(Guid key);

    PublishedMediaItem? Media(Guid key);

    JsonObject Route(PublishedContentItem item, string? queryString);
}

/// <summary>
/// Umbraco's rich text output for the Delivery API: local links become routes, local images media URLs, and
/// stored blocks <c>umb-rte-block</c> placeholders; as HTML (<c>{markup, blocks}</c>) or, with
/// <c>RichTextOutputAsJson</c>, as Umbraco's element tree (<c>#root</c>, <c>#text</c>, tags with attributes).
/// </summary>
public static partial class ApiRichTextConverter
{
    private const string BlockKeyAttribute = "data-content-key";
    private static readonly HtmlParser Parser = new();

    /// <summary>Umbraco 14+ links: <c>&lt;a type="document" href="/{localLink:guid}"&gt;</c>; the text after the brace is kept.</summary>
    [GeneratedRegex(@"\{localLink:(?<id>[^}]+)\}(?<postfix>.*)$")]
    private static partial Regex LocalLink();

    public static JsonObject ToMarkup(string html, JsonArray blocks, IRichTextLinkTargets targets)
    {
        // Stored markup was serialised by the sanitiser on save; with nothing to rewrite it goes out as it is.
        if (!NeedsRewriting(html))
        {
            return new JsonObject { ["markup"] = html, ["blocks"] = blocks };
        }

        var body = Parse(html);
        foreach (var link in body.QuerySelectorAll("a[href]").ToList())
        {
            RewriteMarkupLink(link, targets);
        }

        foreach (var image in body.QuerySelectorAll("img[data-udi]").ToList())
        {
            if (MediaFromUdi(image.GetAttribute("data-udi"), targets) is { } media)
            {
                image.SetAttribute("src", media.Url + QueryOf(image.GetAttribute("src")));
                image.RemoveAttribute("data-udi");
                image.RemoveAttribute("data-caption");
            }
        }

        foreach (var block in body.QuerySelectorAll("*").Where(IsBlock).ToList())
        {
            if (Guid.TryParse(block.GetAttribute(BlockKeyAttribute), out var key))
            {
                block.RemoveAttribute(BlockKeyAttribute);
                block.SetAttribute("data-content-id", key.ToString("D"));
                while (block.FirstChild is { } child)
                {
                    block.RemoveChild(child);
                }
            }
        }

        return new JsonObject { ["markup"] = body.InnerHtml, ["blocks"] = blocks };
    }

    public static JsonObject ToElementTree(string html, JsonArray blocks, IRichTextLinkTargets targets)
    {
        var body = Parse(html);
        return new JsonObject
        {
            ["tag"] = "#root",
            ["attributes"] = new JsonObject(),
            ["elements"] = Children(body, targets),
            ["blocks"] = blocks,
        };
    }

    private static bool NeedsRewriting(string html) =>
        html.Contains("localLink", StringComparison.OrdinalIgnoreCase)
        || html.Contains("data-udi", StringComparison.OrdinalIgnoreCase)
        || html.Contains("umb-rte-block", StringComparison.OrdinalIgnoreCase);

    private static IElement Parse(string html) => Parser.ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>").Body!;

    private static bool IsBlock(IElement element) => element.LocalName.StartsWith("umb-rte-block", StringComparison.Ordinal);

    private static JsonArray Children(INode parent, IRichTextLinkTargets targets)
    {
        var elements = new JsonArray();
        foreach (var child in parent.ChildNodes)
        {
            switch (child)
            {
                case IText text when !string.IsNullOrWhiteSpace(text.Data):
                    elements.Add(new JsonObject { ["tag"] = "#text", ["text"] = text.Data });
                    break;
                case IElement element:
                    elements.Add(Element(element, targets));
                    break;
            }
        }

        return elements;
    }

    private static JsonObject Element(IElement element, IRichTextLinkTargets targets)
    {
        var attributes = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var attribute in element.Attributes)
        {
            attributes[attribute.Name] = attribute.Value;
        }

        var href = element.LocalName == "a" ? element.GetAttribute("href") : null;
        var target = href is null ? null : Resolve(href, element.GetAttribute("type"), targets);
        if (target is null && href is not null && IsLocalLink(href))
        {
            attributes.Remove("href");
            attributes.Remove("type");
        }

        if (target is not null)
        {
            attributes.Remove("type");
            attributes.Remove("href");
            switch (target)
            {
                case (PublishedContentItem content, _, var postfix):
                    attributes["route"] = targets.Route(content, postfix.Length == 0 ? null : postfix);
                    attributes["destinationId"] = content.Key.ToString("D");
                    attributes["destinationType"] = content.ContentTypeAlias;
                    attributes["linkType"] = "Content";
                    break;
                case (_, PublishedMediaItem media, _):
                    attributes["href"] = media.Url;
                    attributes["destinationId"] = media.Key.ToString("D");
                    attributes["destinationType"] = media.MediaType;
                    attributes["linkType"] = "Media";
                    break;
            }
        }

        if (element.LocalName == "img" && MediaFromUdi(element.GetAttribute("data-udi"), targets) is { } image)
        {
            attributes["src"] = image.Url + QueryOf(element.GetAttribute("src"));
            attributes.Remove("data-udi");
        }

        var isBlock = IsBlock(element) && Guid.TryParse(element.GetAttribute(BlockKeyAttribute), out _);
        if (isBlock)
        {
            attributes["content-id"] = Guid.Parse(element.GetAttribute(BlockKeyAttribute)!).ToString("D");
            attributes.Remove(BlockKeyAttribute);
        }

        // data-* lose their prefix, never overwriting an attribute of that name.
        var result = new JsonObject();
        foreach (var (name, value) in attributes.Where(a => !a.Key.StartsWith("data-", StringComparison.Ordinal)))
        {
            result[name] = value;
        }

        foreach (var (name, value) in attributes.Where(a => a.Key.StartsWith("data-", StringComparison.Ordinal)))
        {
            result.TryAdd(name["data-".Length..], value);
        }

        return new JsonObject
        {
            ["tag"] = element.LocalName,
            ["attributes"] = result,
            ["elements"] = isBlock ? new JsonArray() : Children(element, targets),
        };
    }

    private static void RewriteMarkupLink(IElement link, IRichTextLinkTargets targets)
    {
        var href = link.GetAttribute("href")!;
        switch (Resolve(href, link.GetAttribute("type"), targets))
        {
            case (PublishedContentItem content, _, var postfix):
                link.SetAttribute("href", content.Route + postfix);
                link.SetAttribute("data-destination-id", content.Key.ToString("D"));
                link.SetAttribute("data-destination-type", content.ContentTypeAlias);
                link.SetAttribute("data-start-item-path", content.StartItemSegment);
                link.SetAttribute("data-start-item-id", content.StartItemKey.ToString("D"));
                link.RemoveAttribute("type");
                link.SetAttribute("data-link-type", "Content");
                break;
            case (_, PublishedMediaItem media, _):
                link.SetAttribute("href", media.Url ?? "");
                link.SetAttribute("data-destination-id", media.Key.ToString("D"));
                link.SetAttribute("data-destination-type", media.MediaType);
                link.RemoveAttribute("type");
                link.SetAttribute("data-link-type", "Media");
                break;
            case null when IsLocalLink(href):
                // A link to something gone (or not visible): Umbraco leaves an <a> without href.
                link.RemoveAttribute("href");
                link.RemoveAttribute("type");
                break;
        }
    }

    private static bool IsLocalLink(string href) => LocalLink().IsMatch(WebUtility.UrlDecode(href));

    /// <summary>The target of a local link, or null when the href is not one or its target is not available.</summary>
    private static (PublishedContentItem? Content, PublishedMediaItem? Media, string Postfix)? Resolve(string href, string? type, IRichTextLinkTargets targets)
    {
        var match = LocalLink().Match(WebUtility.UrlDecode(href));
        if (!match.Success)
        {
            return null;
        }

        var id = match.Groups["id"].Value;
        var postfix = match.Groups["postfix"].Value;
        string? entity;
        Guid key;
        if (Guid.TryParse(id, out key))
        {
            entity = type?.ToLowerInvariant();
        }
        else if (!Udis.TryParseAny(id, out entity, out key))
        {
            return null;
        }

        return entity switch
        {
            UdiEntityType.Document when targets.Content(key) is { } content => (content, null, postfix),
            UdiEntityType.Media when targets.Media(key) is { } media => (null, media, postfix),
            _ => null,
        };
    }

    private static PublishedMediaItem? MediaFromUdi(string? udi, IRichTextLinkTargets targets) =>
        Udis.TryParse(udi, UdiEntityType.Media, out var key) ? targets.Media(key) : null;

    private static string QueryOf(string? src) => src is not null && src.IndexOf('?') is var at and >= 0 ? src[at..] : "";
}
