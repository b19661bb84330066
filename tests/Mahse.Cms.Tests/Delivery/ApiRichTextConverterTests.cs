using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Delivery;
using Mahse.Cms.Delivery.RichText;

namespace Mahse.Cms.Tests.Delivery;

/// <summary>Rich text for the Delivery API, both outputs, against Umbraco's RichTextParser rules.</summary>
public sealed class ApiRichTextConverterTests
{
    private static readonly Guid RootKey = Guid.NewGuid();
    private static readonly Guid PageKey = Guid.NewGuid();
    private static readonly Guid MediaKey = Guid.NewGuid();
    private static readonly Guid BlockKey = Guid.NewGuid();

    private sealed class Targets : IRichTextLinkTargets
    {
        private readonly PublishedContentItem _page = new(2, PageKey, RootKey, Guid.NewGuid(), "article", "About", "about", 2, 0, "-1,1,2",
            DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, new Dictionary<string, JsonNode?>())
        {
            Route = "/about/", StartItemKey = RootKey, StartItemSegment = "home",
        };

        public PublishedContentItem? Content(Guid key) => key == PageKey ? _page : null;

        public PublishedMediaItem? Media(Guid key) => key == MediaKey
            ? new PublishedMediaItem(MediaKey, 9, "Logo", "Image", "/media/abc/logo.png", "png", 10, 10, 100, DateTime.UtcNow, DateTime.UtcNow)
            : null;

        public JsonObject Route(PublishedContentItem item, string? queryString) => new() { ["path"] = item.Route, ["queryString"] = queryString };
    }

    private static readonly string Html =
        $$"""<p>Hello <a type="document" href="/{localLink:{{PageKey}}}?x=1" data-anchor="#top">page</a> and <a type="media" href="/{localLink:{{MediaKey}}}">file</a>""" +
        $$"""<!-- note --><br><img src="/old.png?width=50" data-udi="umb://media/{{MediaKey:N}}"></p>""" + "\n" +
        $$"""<umb-rte-block data-content-key="{{BlockKey}}"><!--Umbraco-Block--></umb-rte-block>""";

    [Fact]
    public void Markup_rewrites_links_images_and_blocks()
    {
        var result = ApiRichTextConverter.ToMarkup(Html, [], new Targets());
        var markup = result["markup"]!.GetValue<string>();

        Assert.Contains("href=\"/about/?x=1\"", markup);
        Assert.Contains($"data-destination-id=\"{PageKey:D}\"", markup);
        Assert.Contains("data-start-item-path=\"home\"", markup);
        Assert.Contains("href=\"/media/abc/logo.png\"", markup);
        Assert.Contains("data-link-type=\"Media\"", markup);
        Assert.Contains("src=\"/media/abc/logo.png?width=50\"", markup);
        Assert.DoesNotContain("data-udi", markup);
        Assert.Contains($"<umb-rte-block data-content-id=\"{BlockKey:D}\"></umb-rte-block>", markup);
        Assert.DoesNotContain("localLink", markup);
    }

    [Fact]
    public void Element_tree_has_umbracos_node_shape()
    {
        var root = ApiRichTextConverter.ToElementTree(Html, [], new Targets());

        Assert.Equal(["tag", "attributes", "elements", "blocks"], root.Select(p => p.Key).ToArray());
        Assert.Equal("#root", root["tag"]!.GetValue<string>());
        var elements = root["elements"]!.AsArray();
        Assert.Equal(["p", "umb-rte-block"], elements.Select(e => e!["tag"]!.GetValue<string>()).ToArray()); // whitespace between them dropped
        var paragraph = elements[0]!["elements"]!.AsArray();
        Assert.Equal("#text", paragraph[0]!["tag"]!.GetValue<string>());
        Assert.Equal("Hello ", paragraph[0]!["text"]!.GetValue<string>());

        var link = paragraph[1]!["attributes"]!.AsObject();
        Assert.Equal("/about/", link["route"]!["path"]!.GetValue<string>());
        Assert.Equal("?x=1", link["route"]!["queryString"]!.GetValue<string>());
        Assert.Equal("Content", link["linkType"]!.GetValue<string>());
        Assert.Equal("#top", link["anchor"]!.GetValue<string>()); // data- prefix dropped
        Assert.False(link.ContainsKey("href"));
        Assert.False(link.ContainsKey("type"));

        var media = paragraph[3]!["attributes"]!.AsObject();
        Assert.Equal("/media/abc/logo.png", media["href"]!.GetValue<string>());
        Assert.Equal("Media", media["linkType"]!.GetValue<string>());

        Assert.DoesNotContain(paragraph, e => e!["tag"]!.GetValue<string>() == "#comment");
        var br = paragraph.Single(e => e!["tag"]!.GetValue<string>() == "br")!;
        Assert.Empty(br["elements"]!.AsArray());
        var image = paragraph.Single(e => e!["tag"]!.GetValue<string>() == "img")!["attributes"]!;
        Assert.Equal("/media/abc/logo.png?width=50", image["src"]!.GetValue<string>());

        var block = elements[1]!;
        Assert.Equal(BlockKey.ToString("D"), block["attributes"]!["content-id"]!.GetValue<string>());
        Assert.Empty(block["elements"]!.AsArray());
    }

    [Fact]
    public void A_link_to_something_missing_loses_its_href_in_both_outputs()
    {
        var html = $$"""<p><a type="document" href="/{localLink:{{Guid.NewGuid()}}}">gone</a></p>""";

        Assert.Equal("<p><a>gone</a></p>", ApiRichTextConverter.ToMarkup(html, [], new Targets())["markup"]!.GetValue<string>());
        var link = ApiRichTextConverter.ToElementTree(html, [], new Targets())["elements"]![0]!["elements"]![0]!;
        Assert.Empty(link["attributes"]!.AsObject());
    }
}
