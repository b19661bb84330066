using System.Net;
using System.Text.Json;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Hosting;

/// <summary>A fresh site with an empty uSync folder: Umbraco installs itself unattended (no template) and serves its APIs.</summary>
public sealed class EmptySite : UmbracoSite
{
    protected override string? UsyncSource => null;

    protected override bool StartsFromTemplate => false;
}

public sealed class SiteStartTests(EmptySite site) : IClassFixture<EmptySite>
{
    [Fact]
    public async Task Installs_unattended_and_serves_the_delivery_api_and_the_backoffice()
    {
        using var client = site.Anonymous();
        using var content = await client.GetAsync("/umbraco/delivery/api/v2/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        using var json = JsonDocument.Parse(await content.Content.ReadAsStringAsync());
        Assert.Equal(0, json.RootElement.GetProperty("total").GetInt32());

        using var backoffice = await client.GetAsync("/umbraco");
        Assert.Equal(HttpStatusCode.OK, backoffice.StatusCode);
        Assert.Contains("umb-app", await backoffice.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_configured_api_users_sign_in_right_after_the_unattended_install()
    {
        foreach (var group in UmbracoSite.Groups)
        {
            using var client = await site.ManagementClientAsync(group);
            using var current = await client.GetAsync("/umbraco/management/api/v1/user/current");
            Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_paths_and_wrong_tokens_get_umbracos_own_answers()
    {
        using var client = site.Anonymous();
        using var missing = await client.GetAsync("/umbraco/delivery/api/v2/content/item/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/umbraco/management/api/v1/tree/document/root");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        using var wrongToken = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
    }
}
