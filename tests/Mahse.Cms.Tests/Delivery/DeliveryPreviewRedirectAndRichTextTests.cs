using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Delivery;
using Mahse.Cms.Search;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Delivery;

public sealed class PreviewHost : SqlitePortalHost
{
    public const string ApiKey = "preview-key-for-tests";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Umbraco:CMS:DeliveryApi:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:PublicAccess"] = "true",
        ["Umbraco:CMS:DeliveryApi:ApiKey"] = ApiKey,
    };

    /// <summary>A client reading one root of its own (the tests each make a site), optionally in preview.</summary>
    public HttpClient Delivery(string startItem, bool preview = false, string? key = ApiKey)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Start-Item", startItem);
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("Api-Key", key);
        }

        if (preview)
        {
            client.DefaultRequestHeaders.Add("Preview", "true");
        }

        return client;
    }
}

/// <summary>Preview (drafts behind the Api-Key), redirects for renamed items, and rich text links through HTTP.</summary>
public sealed class DeliveryPreviewRedirectAndRichTextTests(PreviewHost host) : IClassFixture<PreviewHost>
{
    private const string Content = "/umbraco/delivery/api/v2/content";

    private sealed record Site(ManagementApi Admin, Guid Type, Guid Root, string RootSegment);

    private async Task<Site> SiteAsync()
    {
        var admin = new ManagementApi(await host.ClientAsync());
        var type = await admin.CreateDocumentTypeAsync(ManagementApi.Unique("page"),
            [ManagementApi.Property("headline", ManagementApi.Textstring), ManagementApi.Property("body", ManagementApi.RichText), ManagementApi.Property("related", ManagementApi.ContentPicker)]);
        var definition = await admin.Client.GetFromJsonAsync<JsonObject>($"{ManagementApi.Base}/document-type/{type}");
        definition!["allowedDocumentTypes"] = new JsonArray(new JsonObject { ["documentType"] = new JsonObject { ["id"] = type.ToString() }, ["sortOrder"] = 0 });
        await ManagementApi.EnsureAsync(await admin.Client.PutAsJsonAsync($"{ManagementApi.Base}/document-type/{type}", definition), HttpStatusCode.OK);
        var rootName = ManagementApi.Unique("Site ");
        var root = await admin.CreateDocumentAsync(type, rootName);
        await admin.PublishAsync(root);
        return new Site(admin, type, root, rootName.ToLowerInvariant().Replace(' ', '-'));
    }

    private async Task IndexedAsync()
    {
        await host.Services.GetRequiredService<IndexingQueue>().WhenIdleAsync();
        host.Services.GetRequiredService<IndexManager>().DeliveryApi.WaitForChanges();
    }

    [Fact]
    public async Task Preview_shows_saved_drafts_and_never_published_items_only_with_the_api_key()
    {
        var site = await SiteAsync();
        var page = await site.Admin.CreateDocumentAsync(site.Type, "Draft demo", new JsonObject { ["headline"] = "published words" }, site.Root);
        await site.Admin.PublishAsync(page);
        await ManagementApi.EnsureAsync(await site.Admin.PutDocumentAsync(page, "Draft demo", new JsonObject { ["headline"] = "draft words" }), HttpStatusCode.OK);
        var unpublished = await site.Admin.CreateDocumentAsync(site.Type, "Not yet", new JsonObject { ["headline"] = "secret plan" }, site.Root);

        var live = await host.Delivery(site.RootSegment).GetFromJsonAsync<JsonElement>($"{Content}/item/{page}");
        Assert.Equal("published words", live.GetProperty("properties").GetProperty("headline").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Delivery(site.RootSegment).GetAsync($"{Content}/item/{unpublished}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Delivery(site.RootSegment).GetAsync($"{Content}/item/preview-{unpublished}")).StatusCode);

        var preview = host.Delivery(site.RootSegment, preview: true);
        var draft = await preview.GetFromJsonAsync<JsonElement>($"{Content}/item/{page}");
        Assert.Equal("draft words", draft.GetProperty("properties").GetProperty("headline").GetString());
        Assert.Equal("secret plan", (await preview.GetFromJsonAsync<JsonElement>($"{Content}/item/{unpublished}")).GetProperty("properties").GetProperty("headline").GetString());
        Assert.Equal(unpublished, (await preview.GetFromJsonAsync<JsonElement>($"{Content}/item/preview-{unpublished}")).GetProperty("id").GetGuid());
        Assert.Equal(unpublished, (await preview.GetFromJsonAsync<JsonElement>($"{Content}/item/not-yet/")).GetProperty("id").GetGuid());

        // The query still takes its keys from the index (published items), but shows each in its draft version.
        await IndexedAsync();
        var children = await preview.GetFromJsonAsync<JsonElement>($"{Content}?fetch=children:{site.Root}");
        Assert.Equal("draft words", children.GetProperty("items")[0].GetProperty("properties").GetProperty("headline").GetString());

        // A later save is previewed at once; the published answer still does not change.
        await ManagementApi.EnsureAsync(await site.Admin.PutDocumentAsync(page, "Draft demo", new JsonObject { ["headline"] = "second draft" }), HttpStatusCode.OK);
        Assert.Equal("second draft", (await preview.GetFromJsonAsync<JsonElement>($"{Content}/item/{page}")).GetProperty("properties").GetProperty("headline").GetString());
        Assert.Equal("published words", (await host.Delivery(site.RootSegment).GetFromJsonAsync<JsonElement>($"{Content}/item/{page}")).GetProperty("properties").GetProperty("headline").GetString());

        // Public access does not extend to preview: no key or a wrong key is 401 even though reading is public.
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Delivery(site.RootSegment, preview: true, key: null).GetAsync($"{Content}/item/{page}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Delivery(site.RootSegment, preview: true, key: "wrong").GetAsync($"{Content}/item/{unpublished}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Delivery(site.RootSegment, key: null).GetAsync($"{Content}/item/{page}")).StatusCode);
    }

    [Fact]
    public async Task A_renamed_item_answers_its_old_route_with_a_301_until_the_redirect_is_deleted()
    {
        var site = await SiteAsync();
        var section = await site.Admin.CreateDocumentAsync(site.Type, "Old section", parent: site.Root);
        await site.Admin.PublishAsync(section);
        var page = await site.Admin.CreateDocumentAsync(site.Type, "Leaf", parent: section);
        await site.Admin.PublishAsync(page);
        Assert.Equal(HttpStatusCode.OK, (await host.Delivery(site.RootSegment).GetAsync($"{Content}/item/old-section/leaf/")).StatusCode);

        await ManagementApi.EnsureAsync(await site.Admin.PutDocumentAsync(section, "New section", null), HttpStatusCode.OK);
        await site.Admin.PublishAsync(section);

        var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Anonymous().BaseAddress };
        noRedirects.DefaultRequestHeaders.Add("Start-Item", site.RootSegment);
        var moved = await noRedirects.GetAsync($"{Content}/item/old-section/leaf/");
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/new-section/leaf/", moved.Headers.Location!.OriginalString);
        Assert.Equal(site.RootSegment, moved.Headers.GetValues("Location-Start-Item-Path").Single());
        Assert.Equal(site.Root.ToString("D"), moved.Headers.GetValues("Location-Start-Item-Id").Single());
        Assert.Equal(HttpStatusCode.MovedPermanently, (await noRedirects.GetAsync($"{Content}/item/old-section/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Delivery(site.RootSegment).GetAsync($"{Content}/item/new-section/leaf/")).StatusCode);

        var tracked = await site.Admin.Client.GetFromJsonAsync<JsonElement>($"{ManagementApi.Base}/redirect-management?filter=old-section/leaf");
        var entry = tracked.GetProperty("items").EnumerateArray().Single();
        Assert.Equal($"/{site.RootSegment}/old-section/leaf", entry.GetProperty("originalUrl").GetString());
        Assert.Equal($"/{site.RootSegment}/new-section/leaf", entry.GetProperty("destinationUrl").GetString());
        Assert.Equal(page, entry.GetProperty("document").GetProperty("id").GetGuid());

        var writer = await host.ClientAsync("Writers");
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.DeleteAsync($"{ManagementApi.Base}/redirect-management/{entry.GetProperty("id").GetGuid()}")).StatusCode);
        await ManagementApi.EnsureAsync(await site.Admin.Client.DeleteAsync($"{ManagementApi.Base}/redirect-management/{entry.GetProperty("id").GetGuid()}"), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await noRedirects.GetAsync($"{Content}/item/old-section/leaf/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Admin.Client.DeleteAsync($"{ManagementApi.Base}/redirect-management/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Rich_text_local_links_become_routes_and_links_to_unpublished_items_lose_their_href()
    {
        var site = await SiteAsync();
        var target = await site.Admin.CreateDocumentAsync(site.Type, "Link target", parent: site.Root);
        await site.Admin.PublishAsync(target);
        var hidden = await site.Admin.CreateDocumentAsync(site.Type, "Unpublished target", parent: site.Root);
        var markup = $$"""<p><a type="document" href="/{localLink:{{target}}}?tab=2#top">new style</a> <a href="/{localLink:umb://document/{{target:N}}}">legacy</a> <a type="document" href="/{localLink:{{hidden}}}">gone</a> <a href="https://example.org/">external</a></p>""";
        var page = await site.Admin.CreateDocumentAsync(site.Type, "Linking page", new JsonObject { ["body"] = new JsonObject { ["markup"] = markup } }, site.Root);
        await site.Admin.PublishAsync(page);

        var item = await host.Delivery(site.RootSegment).GetFromJsonAsync<JsonElement>($"{Content}/item/{page}");
        var body = item.GetProperty("properties").GetProperty("body");
        Assert.Equal(JsonValueKind.Array, body.GetProperty("blocks").ValueKind);
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body.GetProperty("markup").GetString()!);
        var links = html.QuerySelectorAll("a").ToList();
        Assert.Equal("/link-target/?tab=2#top", links[0].GetAttribute("href"));
        Assert.Equal(target.ToString("D"), links[0].GetAttribute("data-destination-id"));
        Assert.Equal("Content", links[0].GetAttribute("data-link-type"));
        Assert.Equal(site.RootSegment, links[0].GetAttribute("data-start-item-path"));
        Assert.Null(links[0].GetAttribute("type"));
        Assert.Equal("/link-target/", links[1].GetAttribute("href"));
        Assert.False(links[2].HasAttribute("href"));
        Assert.Equal("gone", links[2].TextContent);
        Assert.Equal("https://example.org/", links[3].GetAttribute("href"));
        Assert.Null(links[3].GetAttribute("data-link-type"));
    }

    [Fact]
    public async Task A_repeated_read_follows_a_change_to_an_item_it_picks()
    {
        var site = await SiteAsync();
        var picked = await site.Admin.CreateDocumentAsync(site.Type, "Picked before", parent: site.Root);
        await site.Admin.PublishAsync(picked);
        var page = await site.Admin.CreateDocumentAsync(site.Type, "Picking page", new JsonObject { ["related"] = $"umb://document/{picked:N}" }, site.Root);
        await site.Admin.PublishAsync(page);
        var client = host.Delivery(site.RootSegment);

        var first = await client.GetAsync($"{Content}/item/{page}");
        var again = await client.GetAsync($"{Content}/item/{page}");
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal("Picked before", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("properties").GetProperty("related").GetProperty("name").GetString());

        // Only the picked item changes; the picking item's body (and its ETag) must still follow.
        await ManagementApi.EnsureAsync(await site.Admin.PutDocumentAsync(picked, "Picked after", null), HttpStatusCode.OK);
        await site.Admin.PublishAsync(picked);
        var after = await client.GetAsync($"{Content}/item/{page}");
        Assert.NotEqual(first.Headers.ETag, after.Headers.ETag);
        Assert.Equal("Picked after", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("properties").GetProperty("related").GetProperty("name").GetString());
        await IndexedAsync();
        var query = await client.GetFromJsonAsync<JsonElement>($"{Content}?fetch=children:{site.Root}&filter=name:Picking");
        Assert.Equal("Picked after", query.GetProperty("items")[0].GetProperty("properties").GetProperty("related").GetProperty("name").GetString());
    }

    [Fact]
    public void Preview_always_needs_a_valid_key_even_with_public_access()
    {
        var settings = new DeliveryApiSettings { Enabled = true, PublicAccess = true, ApiKey = "k" };
        var withoutKey = new DefaultHttpContext().Request;
        var withKey = new DefaultHttpContext().Request;
        withKey.Headers["Api-Key"] = "k";

        Assert.True(settings.Allows(withoutKey, preview: false));
        Assert.False(settings.Allows(withoutKey, preview: true));
        Assert.True(settings.Allows(withKey, preview: true));
    }
}

public sealed class RichTextJsonHost : SqlitePortalHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Umbraco:CMS:DeliveryApi:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:RichTextOutputAsJson"] = "true",
    };
}

/// <summary>RichTextOutputAsJson through HTTP: the element tree with a block in the root's blocks.</summary>
public sealed class RichTextJsonOutputTests(RichTextJsonHost host) : IClassFixture<RichTextJsonHost>
{
    [Fact]
    public async Task Rich_text_is_umbracos_element_tree_with_its_blocks()
    {
        var admin = new ManagementApi(await host.ClientAsync());
        var element = await admin.CreateDocumentTypeAsync(ManagementApi.Unique("callout"), [ManagementApi.Property("headline", ManagementApi.Textstring)], allowedAtRoot: false, isElement: true);
        var type = await admin.CreateDocumentTypeAsync(ManagementApi.Unique("article"), [ManagementApi.Property("body", ManagementApi.RichText)]);
        var blockKey = Guid.NewGuid();
        var body = new JsonObject
        {
            ["markup"] = $"<p>Intro <strong>bold</strong></p><umb-rte-block data-content-key=\"{blockKey}\"><!--Umbraco-Block--></umb-rte-block>",
            ["blocks"] = new JsonObject
            {
                ["layout"] = new JsonObject { ["Umbraco.RichText"] = new JsonArray(new JsonObject { ["contentKey"] = blockKey.ToString() }) },
                ["contentData"] = new JsonArray(new JsonObject
                {
                    ["key"] = blockKey.ToString(), ["contentTypeKey"] = element.ToString(),
                    ["values"] = new JsonArray(new JsonObject { ["alias"] = "headline", ["value"] = "Apply now" }),
                }),
                ["settingsData"] = new JsonArray(),
                ["expose"] = new JsonArray(),
            },
        };
        var page = await admin.CreateDocumentAsync(type, ManagementApi.Unique("Article "), new JsonObject { ["body"] = body });
        await admin.PublishAsync(page);

        var item = await host.Anonymous().GetFromJsonAsync<JsonElement>($"/umbraco/delivery/api/v2/content/item/{page}");
        var root = item.GetProperty("properties").GetProperty("body");
        Assert.Equal(["tag", "attributes", "elements", "blocks"], root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("#root", root.GetProperty("tag").GetString());
        var paragraph = root.GetProperty("elements")[0];
        Assert.Equal("p", paragraph.GetProperty("tag").GetString());
        Assert.Equal("Intro ", paragraph.GetProperty("elements")[0].GetProperty("text").GetString());
        Assert.Equal("strong", paragraph.GetProperty("elements")[1].GetProperty("tag").GetString());
        var placeholder = root.GetProperty("elements")[1];
        Assert.Equal("umb-rte-block", placeholder.GetProperty("tag").GetString());
        Assert.Equal(blockKey, placeholder.GetProperty("attributes").GetProperty("content-id").GetGuid());
        var block = root.GetProperty("blocks").EnumerateArray().Single();
        Assert.Equal(blockKey, block.GetProperty("content").GetProperty("id").GetGuid());
        Assert.Equal("Apply now", block.GetProperty("content").GetProperty("properties").GetProperty("headline").GetString());
        Assert.Equal(JsonValueKind.Null, block.GetProperty("settings").ValueKind);
    }
}
