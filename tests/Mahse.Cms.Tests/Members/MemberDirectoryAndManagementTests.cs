using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mahse.Cms.Search;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Members;

/// <summary>The network directory (consenting members only, signed-in readers only) and the backoffice's member management.</summary>
public sealed class MemberDirectoryAndManagementTests(MembersHost host) : IClassFixture<MembersHost>
{
    private const string Members = "/mahse/api/v1/members";

    private static string Email(string who) => ManagementApi.Unique(who + ".").ToLowerInvariant() + "@nhs.test";

    private void Indexed() => host.Services.GetRequiredService<IndexManager>().Members.WaitForChanges();

    private async Task<HttpClient> MemberClientAsync(string email, string password)
    {
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await host.MemberTokensAsync(email, password)).GetProperty("access_token").GetString());
        return client;
    }

    private static Dictionary<string, object?> Profile(bool consent, string region, string jobTitle, string? employer = null)
    {
        var values = MembersHost.ValidValues(employer ?? "Salford Royal");
        values["consentToDirectory"] = consent;
        values["region"] = new[] { region };
        values["jobTitle"] = jobTitle;
        return values;
    }

    [Fact]
    public async Task The_directory_lists_only_consenting_members_to_signed_in_members_and_never_their_email()
    {
        var tag = ManagementApi.Unique("zq");
        var listed = Email("listed");
        var hidden = Email("hidden");
        var other = Email("other");
        var stage = host.Services.GetRequiredService<Mahse.Cms.Content.PublishedCache.PublishedContentCache>().All.First(i => i.ContentTypeAlias == "roadmapStage");
        var lenaProfile = Profile(true, "Greater Manchester", $"Audiologist {tag}");
        lenaProfile["interests"] = $"umb://document/{stage.Key:N}";
        await host.ConfirmedMemberAsync(listed, "listed passphrase", "Lena Listed", lenaProfile);
        await host.ConfirmedMemberAsync(hidden, "hidden passphrase", "Hugo Hidden", Profile(false, "Greater Manchester", $"Audiologist {tag}"));
        await host.ConfirmedMemberAsync(other, "other passphrase", "Olga Other", Profile(true, "Cumbria", $"Audiologist {tag}"));
        Indexed();

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync($"{Members}/directory?q={tag}")).StatusCode);
        var reader = await MemberClientAsync(hidden, "hidden passphrase");

        var raw = await reader.GetStringAsync($"{Members}/directory?q={tag}");
        var page = JsonDocument.Parse(raw).RootElement;
        Assert.Equal(["Lena Listed", "Olga Other"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());
        Assert.DoesNotContain("Hugo", raw);
        Assert.DoesNotContain("@nhs.test", raw);
        Assert.Equal($"Audiologist {tag}", page.GetProperty("items")[0].GetProperty("jobTitle").GetString());
        Assert.Equal([stage.Name], page.GetProperty("items")[0].GetProperty("interests").EnumerateArray().Select(i => i.GetString()!).ToArray());

        var manchester = await reader.GetFromJsonAsync<JsonElement>($"{Members}/directory?q={tag}&region={Uri.EscapeDataString("Greater Manchester")}");
        Assert.Equal(["Lena Listed"], manchester.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());

        // Withdrawing consent takes the member out at once.
        var lena = await MemberClientAsync(listed, "listed passphrase");
        await ManagementApi.EnsureAsync(await lena.PutAsJsonAsync($"{Members}/me", new { values = new { consentToDirectory = false } }), HttpStatusCode.OK);
        var after = await reader.GetFromJsonAsync<JsonElement>($"{Members}/directory?q={tag}");
        Assert.Equal(["Olga Other"], after.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"{Members}/directory?take=5000")).StatusCode);
    }

    [Fact]
    public async Task Administrators_manage_members_and_groups_and_a_change_ends_the_members_tokens()
    {
        var email = Email("managed");
        var key = await host.ConfirmedMemberAsync(email, "managed passphrase", "Mary Managed");
        var member = await MemberClientAsync(email, "managed passphrase");
        Indexed();

        var writer = await host.ClientAsync("Writers");
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"{ManagementApi.Base}/filter/member?filter=managed")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"{ManagementApi.Base}/member/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"{ManagementApi.Base}/member/{key}")).StatusCode); // a member token grants no backoffice role

        var admin = new ManagementApi(await host.ClientAsync());
        var found = await admin.Client.GetFromJsonAsync<JsonElement>($"{ManagementApi.Base}/filter/member?filter={Uri.EscapeDataString(email)}");
        Assert.Equal(key, found.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid());
        var detail = await admin.Client.GetFromJsonAsync<JsonElement>($"{ManagementApi.Base}/member/{key}");
        Assert.Equal(email, detail.GetProperty("email").GetString());
        Assert.True(detail.GetProperty("isApproved").GetBoolean());

        var groups = await admin.Client.GetFromJsonAsync<JsonElement>($"{ManagementApi.Base}/member-group");
        var fellows = groups.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Fellows").GetProperty("id").GetGuid();
        var registered = groups.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "Registered members").GetProperty("id").GetGuid();
        await ManagementApi.EnsureAsync(await admin.Client.PutAsJsonAsync($"{ManagementApi.Base}/member/{key}", new { groups = new[] { registered, fellows } }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync($"{Members}/me")).StatusCode); // revoked on save

        var renewed = await MemberClientAsync(email, "managed passphrase");
        var profile = await renewed.GetFromJsonAsync<JsonElement>($"{Members}/me");
        Assert.Equal(["Fellows", "Registered members"], profile.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!).ToArray());

        await ManagementApi.EnsureAsync(await admin.Client.PutAsJsonAsync($"{ManagementApi.Base}/member/{key}", new { isLockedOut = true }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await MembersHost.SignInAsync(host.Browser(), email, "managed passphrase")).StatusCode); // refused: the form again
        var locked = await admin.Client.GetFromJsonAsync<JsonElement>($"{ManagementApi.Base}/filter/member?isLockedOut=true&filter={Uri.EscapeDataString(email)}");
        Assert.Equal(1, locked.GetProperty("total").GetInt64());
        await ManagementApi.EnsureAsync(await admin.Client.PutAsJsonAsync($"{ManagementApi.Base}/member/{key}", new { isLockedOut = false }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Redirect, (await MembersHost.SignInAsync(host.Browser(), email, "managed passphrase")).StatusCode);

        var invalid = await admin.Client.PutAsJsonAsync($"{ManagementApi.Base}/member/{key}", new { values = new[] { new { alias = "careerStage", value = new[] { "Wizard" } } }, groups = new[] { Guid.NewGuid() } });
        var problem = await ManagementApi.ProblemAsync(invalid, HttpStatusCode.BadRequest, "values.careerStage");
        Assert.True(problem.GetProperty("errors").TryGetProperty("groups", out _));

        var group = await admin.Client.PostAsJsonAsync($"{ManagementApi.Base}/member-group", new { name = "Champions " + Guid.NewGuid().ToString("N")[..6] });
        Assert.Equal(HttpStatusCode.Created, group.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PostAsJsonAsync($"{ManagementApi.Base}/member-group", new { name = "fellows" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.DeleteAsync(group.Headers.Location!.OriginalString)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.DeleteAsync($"{ManagementApi.Base}/member/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync($"{ManagementApi.Base}/member/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await renewed.GetAsync($"{Members}/me")).StatusCode);
    }
}
