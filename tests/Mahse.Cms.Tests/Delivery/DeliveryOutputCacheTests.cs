using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Search;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Delivery;

public sealed class OutputCacheHost : SqlitePortalHost
{
    public const string ApiKey = "output-cache-key";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Umbraco:CMS:DeliveryApi:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:PublicAccess"] = "false",
        ["Umbraco:CMS:DeliveryApi:ApiKey"] = ApiKey,
        ["Umbraco:CMS:DeliveryApi:OutputCache:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:OutputCache:ContentDuration"] = "00:10:00",
    };

    public HttpClient Delivery(string? key = ApiKey)
    {
        var client = Anonymous();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("Api-Key", key);
        }

        return client;
    }
}

/// <summary>The opt-in output cache: it serves repeats, never across Api-Key validity, and empties on change.</summary>
public sealed class DeliveryOutputCacheTests(OutputCacheHost host) : IClassFixture<OutputCacheHost>
{
    private const string Content = "/umbraco/delivery/api/v2/content";

    private async Task<(ManagementApi Admin, Guid Type, Guid Id)> PublishedPageAsync(string typeAlias, string headline)
    {
        var admin = new ManagementApi(await host.ClientAsync());
        var type = await admin.CreateDocumentTypeAsync(typeAlias, [ManagementApi.Property("headline", ManagementApi.Textstring)]);
        var id = await admin.CreateDocumentAsync(type, ManagementApi.Unique("Cached page"), new JsonObject { ["headline"] = headline });
        await admin.PublishAsync(id);
        return (admin, type, id);
    }

    [Fact]
    public async Task Repeats_come_from_the_cache_until_the_item_is_published_again()
    {
        var (admin, _, id) = await PublishedPageAsync(ManagementApi.Unique("cachedPage"), "first");
        var client = host.Delivery();

        var first = await client.GetAsync($"{Content}/item/{id}");
        var repeat = await client.GetAsync($"{Content}/item/{id}");
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(repeat.Headers.Age); // the output cache's mark on a stored answer
        Assert.Equal(first.Headers.ETag, repeat.Headers.ETag);

        var name = (await admin.GetDocumentAsync(id)).GetProperty("variants")[0].GetProperty("name").GetString()!;
        await ManagementApi.EnsureAsync(await admin.PutDocumentAsync(id, name, new JsonObject { ["headline"] = "second" }), HttpStatusCode.OK);
        await admin.PublishAsync(id);

        var after = await client.GetAsync($"{Content}/item/{id}");
        Assert.Null(after.Headers.Age);
        Assert.Equal("second", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("properties").GetProperty("headline").GetString());
    }

    [Fact]
    public async Task A_cached_answer_is_never_served_to_a_missing_or_wrong_api_key()
    {
        var (_, _, id) = await PublishedPageAsync(ManagementApi.Unique("keyedPage"), "secret-ish");
        Assert.Equal(HttpStatusCode.OK, (await host.Delivery().GetAsync($"{Content}/item/{id}")).StatusCode);
        Assert.NotNull((await host.Delivery().GetAsync($"{Content}/item/{id}")).Headers.Age);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Delivery(key: null).GetAsync($"{Content}/item/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Delivery(key: "wrong").GetAsync($"{Content}/item/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_cached_query_page_is_replaced_once_the_index_has_the_new_item()
    {
        var alias = ManagementApi.Unique("cachedQuery");
        var (admin, type, _) = await PublishedPageAsync(alias, "one");
        var queue = host.Services.GetRequiredService<IndexingQueue>();
        await queue.WhenIdleAsync();
        host.Services.GetRequiredService<IndexManager>().DeliveryApi.WaitForChanges();
        var client = host.Delivery();
        var query = $"{Content}?filter=contentType:{alias}";

        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>(query)).GetProperty("total").GetInt32());
        Assert.NotNull((await client.GetAsync(query)).Headers.Age);

        var second = await admin.CreateDocumentAsync(type, ManagementApi.Unique("Second"), new JsonObject { ["headline"] = "two" });
        await admin.PublishAsync(second);
        // Usually before the index has the item: this caches the old page again, which the second eviction must clear.
        await client.GetAsync(query);
        await queue.WhenIdleAsync();

        // Eviction after indexing runs in the background once the index has reopened; give it a generous bound.
        var total = 0;
        for (var attempt = 0; attempt < 100 && total != 2; attempt++)
        {
            total = (await client.GetFromJsonAsync<JsonElement>(query)).GetProperty("total").GetInt32();
            if (total != 2)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(2, total);
    }
}
