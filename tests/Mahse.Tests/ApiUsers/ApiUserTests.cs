using System.Net;
using System.Text.Json;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.ApiUsers;

/// <summary>A site with an empty uSync folder, from the run's template database.</summary>
public sealed class ApiUserSite : UmbracoSite
{
    protected override string? UsyncSource => null;
}

/// <summary>
/// The API users the site is configured with (<c>Mahse:ApiUsers</c>, one per group as <see cref="UmbracoSite"/> sets
/// them) sign in to the Management API with Umbraco's client credentials grant, each with its group's rights. (That
/// they exist right after an unattended install is checked on a freshly installed site, in SiteStartTests.)
/// </summary>
public sealed class ApiUserTests(ApiUserSite site) : IClassFixture<ApiUserSite>
{
    [Theory]
    [InlineData("Administrators", true)]
    [InlineData("Editors", false)]
    [InlineData("Writers", false)]
    public async Task Each_groups_client_gets_a_token_and_reads_itself_as_the_current_user(string group, bool isAdmin)
    {
        using var client = await site.ManagementClientAsync(group);

        using var response = await client.GetAsync("/umbraco/management/api/v1/user/current");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(UmbracoSite.ClientId(group) + "@api-users.invalid", json.RootElement.GetProperty("email").GetString());
        Assert.Equal(isAdmin, json.RootElement.GetProperty("isAdmin").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("userGroupIds").GetArrayLength());
    }

    [Fact]
    public async Task Each_api_user_is_in_its_configured_group()
    {
        using var admin = await site.ManagementClientAsync();
        using var groupsResponse = await admin.GetAsync("/umbraco/management/api/v1/user-group?take=100");
        using var groups = JsonDocument.Parse(await groupsResponse.Content.ReadAsStringAsync());
        var keyByAlias = groups.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(g => g.GetProperty("alias").GetString()!, g => g.GetProperty("id").GetString()!);

        foreach (var (group, alias) in new[] { ("Administrators", "admin"), ("Editors", "editor"), ("Writers", "writer") })
        {
            using var client = await site.ManagementClientAsync(group);
            using var current = JsonDocument.Parse(await client.GetStringAsync("/umbraco/management/api/v1/user/current"));
            var groupId = current.RootElement.GetProperty("userGroupIds")[0].GetProperty("id").GetString();
            Assert.Equal(keyByAlias[alias], groupId);
        }
    }

    [Fact]
    public async Task A_wrong_secret_is_refused()
    {
        using var response = await site.RequestTokenAsync(UmbracoSite.ClientId("Editors"), "not-the-secret");

        Assert.False(response.IsSuccessStatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("invalid_client", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_client_is_refused()
    {
        using var response = await site.RequestTokenAsync("umbraco-back-office-nobody", UmbracoSite.Secret("Administrators"));

        Assert.False(response.IsSuccessStatusCode);
    }

    [Theory]
    [InlineData("Administrators", HttpStatusCode.OK)]
    [InlineData("Editors", HttpStatusCode.Forbidden)]
    [InlineData("Writers", HttpStatusCode.Forbidden)]
    public async Task Only_an_administrator_may_list_the_backoffice_users(string group, HttpStatusCode expected)
    {
        using var client = await site.ManagementClientAsync(group);

        using var response = await client.GetAsync("/umbraco/management/api/v1/user");

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_writer_cannot_create_a_user_group()
    {
        using var client = await site.ManagementClientAsync("Writers");

        using var response = await client.PostAsync("/umbraco/management/api/v1/user-group",
            new StringContent("""{"name":"Writers' own","alias":"writersOwn","sections":["Umb.Section.Users"],"fallbackPermissions":[],"permissions":[],"hasAccessToAllLanguages":true,"languages":[],"documentRootAccess":true,"mediaRootAccess":true,"elementRootAccess":true}""",
                System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
