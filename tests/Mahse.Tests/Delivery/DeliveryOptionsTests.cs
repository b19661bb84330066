using System.Net;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Delivery;

/// <summary>The MAHSE site with the Delivery API's key (which preview needs) and Umbraco's output cache switched on.</summary>
public sealed class DeliveryOptionsSite : MahseSite
{
    public const string ApiKey = "delivery-key-for-tests-0123456789";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Umbraco:CMS:DeliveryApi:ApiKey"] = ApiKey,
        ["Umbraco:CMS:DeliveryApi:OutputCache:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:OutputCache:ContentDuration"] = "00:05:00",
    };
}

/// <summary>
/// Umbraco's Delivery API options as the site configures them: preview of saved drafts with the API key, the output
/// cache emptied when content is published, and member sign-in for front ends (authorization code with PKCE) open only
/// to the redirect addresses configured.
/// </summary>
public sealed class DeliveryOptionsTests(DeliveryOptionsSite site) : IClassFixture<DeliveryOptionsSite>
{
    private async Task<string?> SummaryAsync(Guid key, Action<HttpRequestMessage>? configure = null)
    {
        var (status, item) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{key}", configure);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {item}");
        return item.GetProperty("properties").GetProperty("summary").GetString();
    }

    private async Task ChangeSummaryAsync(SeedDocument document, string summary, bool publish)
    {
        using var admin = await site.ManagementClientAsync();
        await Documents.UpdateAsync(admin, document.Key, document.Name, new Dictionary<string, object?> { ["summary"] = summary }, publish);
    }

    /// <summary>
    /// Whether a repeat of the request comes from the output cache (it has an Age header). Tried for a few seconds:
    /// the cache is emptied each time the index finishes work, which it may still be doing just after start-up.
    /// </summary>
    private async Task<bool> ServedFromCacheAsync(string pathAndQuery)
    {
        using var client = site.Anonymous();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            using (await client.GetAsync(pathAndQuery))
            {
            }

            using var repeat = await client.GetAsync(pathAndQuery);
            if (repeat.Headers.Age is not null)
            {
                return true;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    [Fact]
    public async Task A_saved_draft_shows_only_in_preview_with_the_api_key()
    {
        var page = site.Seed.First(d => d.ContentType == "moocModule");
        await ChangeSummaryAsync(page, "A draft nobody has published", publish: false);

        Assert.Equal(page.Value("summary"), await SummaryAsync(page.Key));
        Assert.Equal("A draft nobody has published", await SummaryAsync(page.Key, r =>
        {
            r.Headers.Add("Preview", "true");
            r.Headers.Add("Api-Key", DeliveryOptionsSite.ApiKey);
        }));

        var (wrongKey, _) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{page.Key}", r =>
        {
            r.Headers.Add("Preview", "true");
            r.Headers.Add("Api-Key", "not-the-key");
        });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey);
    }

    [Fact]
    public async Task The_output_cache_serves_repeats_from_cache_and_empties_when_the_page_is_published()
    {
        var page = site.Seed.First(d => d.ContentType == "skill");
        var path = $"{DeliveryApi.Root}/item/{page.Key}";
        Assert.True(await ServedFromCacheAsync(path), "the repeat was not served from the output cache (no Age header)");

        await ChangeSummaryAsync(page, "Published after it was cached", publish: true);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? summary;
        while ((summary = await SummaryAsync(page.Key)) != "Published after it was cached" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal("Published after it was cached", summary);
    }

    [Fact]
    public async Task A_cached_query_page_lists_a_page_published_into_it_once_the_index_has_it()
    {
        // Umbraco evicts a published page's own cache tags; a cached query page that did not list it has none of them.
        const string query = DeliveryApi.Root + "?filter=contentType:skill&take=100";
        async Task<string[]> NamesAsync() =>
            (await site.Delivery.GetAsync(query)).Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();

        var before = await NamesAsync();
        Assert.True(await ServedFromCacheAsync(query), "the query page was not served from the output cache");

        using (var admin = await site.ManagementClientAsync())
        {
            await Documents.CreateAndPublishBesideAsync(admin, site.Seed.First(d => d.ContentType == "skill"), "Measuring for improvement");
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string[] after;
        while ((after = await NamesAsync()).Length == before.Length && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.Equal(before.Append("Measuring for improvement").Order(), after.Order());
    }

    [Fact]
    public async Task Member_sign_in_for_front_ends_accepts_only_the_configured_redirect_addresses()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress };
        string Authorize(string redirect) =>
            "/umbraco/delivery/api/v1/security/member/authorize?client_id=umbraco-member&response_type=code&scope=openid%20offline_access"
            + $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=xyz";

        using var configured = await client.GetAsync(Authorize("http://localhost:5001/members/signed-in"));
        Assert.Equal(HttpStatusCode.Redirect, configured.StatusCode);

        using var elsewhere = await client.GetAsync(Authorize("https://attacker.example/steal"));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
    }
}
