using System.Net;
using System.Text.Json;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.ApiUsers;

/// <summary>A site whose settings a test may change before restarting it, with two broken API user entries besides the good ones.</summary>
public sealed class ReconfigurableSite : UmbracoSite
{
    public const string UnknownGroupClient = "umbraco-back-office-test-unknown-group";
    public const string BadClientId = "mahse-sync-client";
    public const string RetiredClient = "umbraco-back-office-test-retired";
    public const string SuccessorClient = "umbraco-back-office-test-successor";
    public const string SharedSecret = "a-secret-kept-by-a-client-that-is-renamed";

    public Dictionary<string, string?> Overrides { get; } = new()
    {
        ["Mahse:ApiUsers:3:ClientId"] = UnknownGroupClient,
        ["Mahse:ApiUsers:3:ClientSecret"] = "a-secret-for-a-group-that-is-not-there",
        ["Mahse:ApiUsers:3:UserGroup"] = "no-such-group",
        ["Mahse:ApiUsers:4:ClientId"] = BadClientId,
        ["Mahse:ApiUsers:4:ClientSecret"] = "a-secret-for-a-client-id-without-the-prefix",
        ["Mahse:ApiUsers:4:UserGroup"] = "admin",
        ["Mahse:ApiUsers:5:ClientId"] = RetiredClient,
        ["Mahse:ApiUsers:5:ClientSecret"] = SharedSecret,
        ["Mahse:ApiUsers:5:UserGroup"] = "editor",
    };

    protected override string? UsyncSource => null;

    protected override IReadOnlyDictionary<string, string?> Settings => Overrides;
}

/// <summary>
/// API users follow the configuration across restarts: nothing doubles, a changed secret replaces the old one, a
/// changed group moves the user, a client id no longer configured loses its credentials, and a bad entry is logged
/// without stopping the site or the good entries.
/// </summary>
public sealed class ApiUserConfigurationTests(ReconfigurableSite site) : IClassFixture<ReconfigurableSite>
{
    [Fact]
    public async Task Bad_entries_are_logged_and_skipped_while_the_good_ones_work()
    {
        var log = site.LogLines();
        Assert.Contains(log, l => l.Contains("\"@l\":\"Error\"") && l.Contains("no user group with the alias") && l.Contains(ReconfigurableSite.UnknownGroupClient));
        Assert.Contains(log, l => l.Contains("\"@l\":\"Error\"") && l.Contains("must start with") && l.Contains(ReconfigurableSite.BadClientId));

        using var unknownGroup = await site.RequestTokenAsync(ReconfigurableSite.UnknownGroupClient, "a-secret-for-a-group-that-is-not-there");
        Assert.False(unknownGroup.IsSuccessStatusCode);
        using var badId = await site.RequestTokenAsync(ReconfigurableSite.BadClientId, "a-secret-for-a-client-id-without-the-prefix");
        Assert.False(badId.IsSuccessStatusCode);
        using var admin = await site.ManagementClientAsync();
        using var current = await admin.GetAsync("/umbraco/management/api/v1/user/current");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Restarts_keep_one_user_per_client_and_follow_changed_secrets_groups_and_removed_clients()
    {
        const string newSecret = "a-rotated-secret-for-editors-0123456789";
        await site.RestartAsync();
        Assert.Equal(1, await CountUsersAsync(UmbracoSite.ClientId("Editors")));
        using (var sameSecret = await site.RequestTokenAsync(UmbracoSite.ClientId("Editors"), UmbracoSite.Secret("Editors")))
        {
            Assert.True(sameSecret.IsSuccessStatusCode);
        }

        using (var retired = await site.RequestTokenAsync(ReconfigurableSite.RetiredClient, ReconfigurableSite.SharedSecret))
        {
            Assert.True(retired.IsSuccessStatusCode);
        }

        site.Overrides["Mahse:ApiUsers:1:ClientSecret"] = newSecret;
        site.Overrides["Mahse:ApiUsers:2:UserGroup"] = "editor";
        site.Overrides["Mahse:ApiUsers:5:ClientId"] = ReconfigurableSite.SuccessorClient;
        await site.RestartAsync();

        // The entry's old client id is gone from the configuration, so its credentials are gone from Umbraco.
        using (var retired = await site.RequestTokenAsync(ReconfigurableSite.RetiredClient, ReconfigurableSite.SharedSecret))
        {
            Assert.False(retired.IsSuccessStatusCode);
        }

        using (var successor = await site.RequestTokenAsync(ReconfigurableSite.SuccessorClient, ReconfigurableSite.SharedSecret))
        {
            Assert.True(successor.IsSuccessStatusCode);
        }

        Assert.Contains(site.LogLines(), l => l.Contains("\"@l\":\"Warning\"") && l.Contains("no longer configured") && l.Contains(ReconfigurableSite.RetiredClient));

        using (var oldSecret = await site.RequestTokenAsync(UmbracoSite.ClientId("Editors"), UmbracoSite.Secret("Editors")))
        {
            Assert.False(oldSecret.IsSuccessStatusCode);
        }

        using var editor = await site.ManagementClientAsync(UmbracoSite.ClientId("Editors"), newSecret);
        using var editorNow = await editor.GetAsync("/umbraco/management/api/v1/user/current");
        Assert.Equal(HttpStatusCode.OK, editorNow.StatusCode);
        Assert.Equal(1, await CountUsersAsync(UmbracoSite.ClientId("Editors")));

        using var writer = await site.ManagementClientAsync("Writers");
        using var writerNow = JsonDocument.Parse(await writer.GetStringAsync("/umbraco/management/api/v1/user/current"));
        var writerGroups = writerNow.RootElement.GetProperty("userGroupIds").EnumerateArray().Select(g => g.GetProperty("id").GetString()).ToList();
        using var editorGroups = JsonDocument.Parse(await editor.GetStringAsync("/umbraco/management/api/v1/user/current"));
        Assert.Equal([editorGroups.RootElement.GetProperty("userGroupIds")[0].GetProperty("id").GetString()], writerGroups);
    }

    private async Task<int> CountUsersAsync(string clientId)
    {
        using var admin = await site.ManagementClientAsync();
        using var users = JsonDocument.Parse(await admin.GetStringAsync("/umbraco/management/api/v1/user?take=100"));
        return users.RootElement.GetProperty("items").EnumerateArray().Count(u => u.GetProperty("email").GetString() == clientId + "@api-users.invalid");
    }
}
