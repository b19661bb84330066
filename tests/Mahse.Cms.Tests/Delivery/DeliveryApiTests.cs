using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Search;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Delivery;

public sealed class DeliveryHost : SqlitePortalHost
{
    public const string ApiKey = "delivery-key-for-tests";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ImportOnFirstBoot"] = "true",
        ["Umbraco:CMS:DeliveryApi:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:PublicAccess"] = "false",
        ["Umbraco:CMS:DeliveryApi:ApiKey"] = ApiKey,
        ["Umbraco:CMS:DeliveryApi:DisallowedContentTypeAliases:0"] = "surveyPage",
        ["Umbraco:CMS:DeliveryApi:Media:Enabled"] = "true",
    };

    protected override string UsyncSource => Path.Combine(Fixtures.RepositoryRoot, "uSync", "v17");

    public HttpClient Delivery()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Api-Key", ApiKey);
        return client;
    }
}

/// <summary>The Content Delivery API v2 core on the MAHSE site: items, routes, queries, errors, access.</summary>
public sealed class DeliveryApiTests(DeliveryHost host) : IClassFixture<DeliveryHost>
{
    private const string Base = "/umbraco/delivery/api/v2/content";

    private PublishedContentCache Cache => host.Services.GetRequiredService<PublishedContentCache>();

    private async Task IndexedAsync()
    {
        await host.Services.GetRequiredService<IndexingQueue>().WhenIdleAsync();
        host.Services.GetRequiredService<IndexManager>().DeliveryApi.WaitForChanges();
    }

    private PublishedContentItem Stage(int order) => Cache.All.Where(i => i.ContentTypeAlias == "roadmapStage").OrderBy(i => i.SortOrder).ElementAt(order - 1);

    [Fact]
    public async Task An_item_by_id_has_umbracos_shape_and_property_order()
    {
        await IndexedAsync();
        var stage = Stage(2);

        var response = await host.Delivery().GetAsync($"{Base}/item/{stage.Key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Preview", response.Headers.Vary);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["contentType", "name", "createDate", "updateDate", "route", "id", "properties", "cultures"], json.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("roadmapStage", json.GetProperty("contentType").GetString());
        Assert.EndsWith("Z", json.GetProperty("createDate").GetString());
        Assert.Equal(stage.Route, json.GetProperty("route").GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("route").GetProperty("queryString").ValueKind);
        Assert.Equal(Cache.All.Single(i => i.Level == 1).Key, json.GetProperty("route").GetProperty("startItem").GetProperty("id").GetGuid());
        var properties = json.GetProperty("properties");
        Assert.Equal(2, properties.GetProperty("stageOrder").GetInt32());
        Assert.StartsWith("<p>", properties.GetProperty("body").GetProperty("markup").GetString());
        var skill = properties.GetProperty("skills")[0];
        Assert.Equal("skill", skill.GetProperty("contentType").GetString());
        Assert.Empty(skill.GetProperty("properties").EnumerateObject());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("cultures").ValueKind);
    }

    [Fact]
    public async Task Items_by_path_with_and_without_start_item_and_by_ids()
    {
        await IndexedAsync();
        var stage = Stage(1);
        var root = Cache.All.Single(i => i.Level == 1);

        var byPath = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}/item{stage.Route}");
        Assert.Equal(stage.Key, byPath.GetProperty("id").GetGuid());

        var withStart = host.Delivery();
        withStart.DefaultRequestHeaders.Add("Start-Item", root.UrlSegment);
        Assert.Equal(HttpStatusCode.OK, (await withStart.GetAsync($"{Base}/item{stage.Route}")).StatusCode);

        var unknownStart = host.Delivery();
        unknownStart.DefaultRequestHeaders.Add("Start-Item", "no-such-root");
        var notFound = await unknownStart.GetAsync($"{Base}/item/");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("\"The Start-Item could not be found\"", await notFound.Content.ReadAsStringAsync());

        var items = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}/items?id={Stage(1).Key}&id={Guid.NewGuid()}&id={Stage(3).Key}");
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Delivery().GetAsync($"{Base}/item/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Queries_fetch_filter_sort_and_page_through_the_index()
    {
        await IndexedAsync();
        var roadmap = Cache.All.Single(i => i.ContentTypeAlias == "roadmap");

        var children = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}?fetch=children:{roadmap.Key}&sort=sortOrder:asc&take=3");
        Assert.Equal(6, children.GetProperty("total").GetInt64());
        Assert.Equal([Stage(1).Key, Stage(2).Key, Stage(3).Key], children.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray());

        var byPath = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}?fetch=children:{Uri.EscapeDataString(roadmap.Route)}&sort=sortOrder:desc&skip=5");
        Assert.Equal(Stage(1).Key, byPath.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid());

        var skills = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}?filter=contentType:skill&filter=name:PDSA&take=20");
        Assert.Equal("Running PDSA cycles", skills.GetProperty("items").EnumerateArray().Single().GetProperty("name").GetString());

        var notSkills = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}?fetch=descendants:{roadmap.Key}&filter=contentType:!roadmapStage");
        Assert.Equal(0, notSkills.GetProperty("total").GetInt64()); // the only other descendants are members-only guidance

        var ancestors = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}?fetch=ancestors:{Stage(1).Key}&sort=level:asc");
        Assert.Equal(["portalHome", "roadmap"], ancestors.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("contentType").GetString()!).ToArray());

        var dated = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}?filter=createDate>:2026-01-01&filter=createDate<2027-01-01&take=0");
        Assert.True(dated.GetProperty("total").GetInt64() >= 60, dated.ToString());
        Assert.True(dated.GetProperty("total").GetInt64() >= 60);
        var none = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}?filter=createDate<2020-01-01");
        Assert.Equal(0, none.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Protected_items_are_401_and_never_returned_by_queries()
    {
        await IndexedAsync();
        var guidance = Cache.All.First(i => i.ContentTypeAlias == "guidancePage");

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Delivery().GetAsync($"{Base}/item/{guidance.Key}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Delivery().GetAsync($"{Base}/items?id={guidance.Key}&id={Stage(1).Key}")).StatusCode);
        var query = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}?filter=contentType:guidancePage");
        Assert.Equal(0, query.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Access_needs_the_api_key_when_public_access_is_off_and_disallowed_types_are_hidden()
    {
        await IndexedAsync();
        var stage = Stage(1);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync($"{Base}/item/{stage.Key}")).StatusCode);
        var wrongKey = host.Anonymous();
        wrongKey.DefaultRequestHeaders.Add("Api-Key", DeliveryHost.ApiKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync($"{Base}/item/{stage.Key}")).StatusCode);

        var survey = Cache.All.Single(i => i.ContentTypeAlias == "surveyPage");
        Assert.Equal(HttpStatusCode.NotFound, (await host.Delivery().GetAsync($"{Base}/item/{survey.Key}")).StatusCode);
        var query = await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}?filter=contentType:surveyPage");
        Assert.Equal(0, query.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("?filter=colour:red", "Filter option not found")]
    [InlineData("?fetch=siblings:/", "Selector option not found")]
    [InlineData("?sort=popularity:desc", "Sort option not found")]
    public async Task Unknown_query_options_are_400_with_umbracos_titles(string query, string title)
    {
        var response = await host.Delivery().GetAsync(Base + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal("Error", problem.GetProperty("type").GetString());
    }
}


/// <summary>The portal's own query options, added through Umbraco's extension interfaces.</summary>
public sealed class PortalQueryOptionTests(DeliveryHost host) : IClassFixture<DeliveryHost>
{
    private const string Base = "/umbraco/delivery/api/v2/content";

    private PublishedContentCache Cache => host.Services.GetRequiredService<PublishedContentCache>();

    private async Task IndexedAsync()
    {
        await host.Services.GetRequiredService<IndexingQueue>().WhenIdleAsync();
        host.Services.GetRequiredService<IndexManager>().DeliveryApi.WaitForChanges();
    }

    private async Task<string[]> NamesAsync(string query)
    {
        var result = await host.Delivery().GetFromJsonAsync<JsonElement>(Base + query);
        return result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();
    }

    [Fact]
    public async Task Roadmap_stage_resource_type_discipline_and_stage_order()
    {
        await IndexedAsync();
        var stage1 = Cache.All.Single(i => i.ContentTypeAlias == "roadmapStage" && i.Name.StartsWith("Stage 1", StringComparison.Ordinal));

        Assert.Equal(["Literature searching", "Problem definition", "Process mapping", "Stakeholder engagement"],
            await NamesAsync($"?filter=contentType:skill&filter=roadmapStage:{stage1.Key}&sort=name:asc&take=20"));
        Assert.Equal(["Quality, service improvement and redesign tools"], await NamesAsync("?filter=resourceType:Toolkit"));
        Assert.Equal(["Showcase: reducing repeat blood tests"], await NamesAsync("?filter=contentType:fundedProject&filter=discipline:Life%20sciences"));
        Assert.StartsWith("Stage 6", (await NamesAsync("?filter=contentType:roadmapStage&sort=stageOrder:desc&take=1")).Single());
    }

    [Fact]
    public async Task Fellowship_status_follows_the_clock()
    {
        await IndexedAsync();
        Assert.Equal(["Fellowship call 2026"], await NamesAsync("?filter=fellowshipStatus:open"));
        Assert.Equal(["Fellowship call 2027"], await NamesAsync("?filter=fellowshipStatus:upcoming"));
        Assert.Empty(await NamesAsync("?filter=fellowshipStatus:closed"));

        // The 2026 call closes on 18 December: from the 19th it is closed, without anyone editing it.
        host.Clock.Advance(new DateTime(2026, 12, 19, 0, 1, 0, DateTimeKind.Utc) - host.Clock.GetUtcNow().UtcDateTime);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string[] closed;
        do
        {
            await Task.Delay(50);
            await IndexedAsync();
            closed = await NamesAsync("?filter=fellowshipStatus:closed");
        }
        while (closed.Length == 0 && DateTime.UtcNow < deadline);

        Assert.Equal(["Fellowship call 2026"], closed);
        Assert.Empty(await NamesAsync("?filter=fellowshipStatus:open"));
    }
}

/// <summary>The Delivery API's media endpoints, and media pickers in content.</summary>
public sealed class DeliveryMediaTests(DeliveryHost host) : IClassFixture<DeliveryHost>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAAAAAC4HznGAAAAC0lEQVR4nGNggAAAAAgAAbdYc5UAAAAASUVORK5CYII=");
    private static readonly Guid FolderType = Guid.Parse("f38bd2d7-65d0-48e6-95dc-87ce06ec2d3d");

    private async Task<Guid> UploadImageAsync(HttpClient admin, string name, Guid parent)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        form.Add(file, "File", name + ".png");
        var temp = await ManagementApi.CreatedIdAsync(await admin.PostAsync("/umbraco/management/api/v1/temporary-file", form));
        return await ManagementApi.CreatedIdAsync(await admin.PostAsJsonAsync("/umbraco/management/api/v1/media", new System.Text.Json.Nodes.JsonObject
        {
            ["mediaType"] = new System.Text.Json.Nodes.JsonObject { ["id"] = ManagementApi.ImageMediaType.ToString() },
            ["parent"] = new System.Text.Json.Nodes.JsonObject { ["id"] = parent.ToString() },
            ["variants"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = name }),
            ["values"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["alias"] = "umbracoFile", ["value"] = new System.Text.Json.Nodes.JsonObject { ["temporaryFileId"] = temp.ToString() } }),
        }));
    }

    [Fact]
    public async Task Media_items_children_and_paths()
    {
        var admin = await host.ClientAsync();
        var folder = await ManagementApi.CreatedIdAsync(await admin.PostAsJsonAsync("/umbraco/management/api/v1/media", new System.Text.Json.Nodes.JsonObject
        {
            ["mediaType"] = new System.Text.Json.Nodes.JsonObject { ["id"] = FolderType.ToString() },
            ["variants"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = "Workshop" }),
            ["values"] = new System.Text.Json.Nodes.JsonArray(),
        }));
        var photo = await UploadImageAsync(admin, "Group photo", folder);
        await UploadImageAsync(admin, "Agenda slide", folder);

        var item = await host.Delivery().GetFromJsonAsync<JsonElement>($"/umbraco/delivery/api/v2/media/item/{photo}");
        Assert.Equal(["path", "createDate", "updateDate", "focalPoint", "crops", "id", "name", "mediaType", "url", "extension", "width", "height", "bytes", "properties"],
            item.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("/Workshop/Group photo/", item.GetProperty("path").GetString());
        Assert.Equal("Image", item.GetProperty("mediaType").GetString());
        Assert.Equal(3, item.GetProperty("width").GetInt32());
        Assert.StartsWith("/media/", item.GetProperty("url").GetString());

        var byPath = await host.Delivery().GetFromJsonAsync<JsonElement>("/umbraco/delivery/api/v2/media/item/workshop/group%20photo");
        Assert.Equal(photo, byPath.GetProperty("id").GetGuid());

        var children = await host.Delivery().GetFromJsonAsync<JsonElement>("/umbraco/delivery/api/v2/media?fetch=children:/Workshop&sort=name:asc");
        Assert.Equal(2, children.GetProperty("total").GetInt32());
        Assert.Equal("Agenda slide", children.GetProperty("items")[0].GetProperty("name").GetString());
        var roots = await host.Delivery().GetFromJsonAsync<JsonElement>("/umbraco/delivery/api/v2/media?fetch=children:/&filter=mediaType:Folder");
        Assert.Contains(roots.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == folder);

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Delivery().GetAsync("/umbraco/delivery/api/v2/media?fetch=descendants:/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync($"/umbraco/delivery/api/v2/media/item/{photo}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Delivery().GetAsync($"/umbraco/delivery/api/v2/media/item/{Guid.NewGuid()}")).StatusCode);
    }
}

public sealed class PropertySelectionTests
{
    [Theory]
    [InlineData("properties[$all]", true, new string[0])]
    [InlineData("properties[a,b]", false, new[] { "a", "b" })]
    [InlineData("properties[a[properties[x,y]],b]", false, new[] { "a", "b" })]
    [InlineData("all", true, new string[0])]
    [InlineData("property:a,b", false, new[] { "a", "b" })]
    public void Both_umbraco_syntaxes_parse(string text, bool all, string[] aliases)
    {
        Assert.True(Mahse.Cms.Delivery.PropertySelection.TryParse(text, Mahse.Cms.Delivery.PropertySelection.None, out var selection));
        Assert.Equal(all, selection.All);
        foreach (var alias in aliases)
        {
            Assert.True(selection.Includes(alias));
        }
    }

    [Fact]
    public void Nesting_reaches_one_level_down()
    {
        Mahse.Cms.Delivery.PropertySelection.TryParse("properties[a[properties[x]],$all[properties[z]]]", Mahse.Cms.Delivery.PropertySelection.None, out var selection);
        Assert.True(selection.Nested("a").Includes("x"));
        Assert.False(selection.Nested("a").Includes("z"));
        Assert.True(selection.Nested("other").Includes("z"));
    }

    [Theory]
    [InlineData("properties[")]
    [InlineData("properties[a")]
    [InlineData("properties[a]]")]
    [InlineData("props[a]")]
    [InlineData("properties[a[b]]")]
    [InlineData("property:a,properties[b]")]
    [InlineData("property:")]
    public void Broken_syntax_is_refused(string text) =>
        Assert.False(Mahse.Cms.Delivery.PropertySelection.TryParse(text, Mahse.Cms.Delivery.PropertySelection.None, out _));
}

public sealed class ExpandAndFieldsTests(DeliveryHost host) : IClassFixture<DeliveryHost>
{
    private const string Base = "/umbraco/delivery/api/v2/content";

    private PublishedContentItem Stage1 => host.Services.GetRequiredService<PublishedContentCache>().All
        .Single(i => i.ContentTypeAlias == "roadmapStage" && i.Name.StartsWith("Stage 1", StringComparison.Ordinal));

    private async Task<JsonElement> GetAsync(string query) =>
        (await host.Delivery().GetFromJsonAsync<JsonElement>($"{Base}/item/{Stage1.Key}{query}")).GetProperty("properties");

    [Fact]
    public async Task Pickers_expand_on_request_and_fields_narrow_the_output()
    {
        var plain = await GetAsync("");
        Assert.Empty(plain.GetProperty("skills")[0].GetProperty("properties").EnumerateObject());

        var expanded = await GetAsync("?expand=properties[skills]");
        Assert.Equal("Problem definition", expanded.GetProperty("skills")[0].GetProperty("properties").GetProperty("title").GetString());
        Assert.Empty(expanded.GetProperty("skills")[0].GetProperty("properties").GetProperty("roadmapStages")[0].GetProperty("properties").EnumerateObject());

        var deeper = await GetAsync("?expand=properties[skills[properties[roadmapStages]]]");
        Assert.NotEmpty(deeper.GetProperty("skills")[0].GetProperty("properties").GetProperty("roadmapStages")[0].GetProperty("properties").EnumerateObject());

        var all = await GetAsync("?expand=properties[$all]");
        Assert.NotEmpty(all.GetProperty("skills")[0].GetProperty("properties").EnumerateObject());

        var narrowed = await GetAsync("?fields=properties[title,stageOrder]");
        Assert.Equal(["title", "stageOrder"], narrowed.EnumerateObject().Select(p => p.Name).Order().Reverse().ToArray());

        var nestedFields = await GetAsync("?expand=properties[skills]&fields=properties[skills[properties[title]]]");
        Assert.Equal(["skills"], nestedFields.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["title"], nestedFields.GetProperty("skills")[0].GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray());

        var v1 = await GetAsync("?expand=property:skills");
        Assert.NotEmpty(v1.GetProperty("skills")[0].GetProperty("properties").EnumerateObject());
    }

    [Fact]
    public async Task Broken_expand_is_a_400()
    {
        var response = await host.Delivery().GetAsync($"{Base}/item/{Stage1.Key}?expand=properties[skills");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid expand or fields", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/umbraco/delivery/api/v2/media?fetch=children:/&fields=properties[")]
    [InlineData("/umbraco/delivery/api/v2/media/items?id=00000000-0000-0000-0000-000000000001&expand=properties]")]
    [InlineData("/umbraco/delivery/api/v2/media/item/00000000-0000-0000-0000-000000000001?fields=props[a]")]
    public async Task Media_endpoints_refuse_broken_expand_and_fields_too(string url)
    {
        var response = await host.Delivery().GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid expand or fields", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
