using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Search;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Members;

/// <summary>Umbraco's member authorization for the Delivery API, and protected content by member group.</summary>
public sealed class MemberAuthTests(MembersHost host) : IClassFixture<MembersHost>
{
    private const string Token = "/umbraco/delivery/api/v1/security/member/token";
    private const string Content = "/umbraco/delivery/api/v2/content";

    private static string Email() => ManagementApi.Unique("reader.").ToLowerInvariant() + "@nhs.test";

    private static string Verifier() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private HttpClient Bearer(string? token)
    {
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task IndexedAsync()
    {
        await host.Services.GetRequiredService<IndexingQueue>().WhenIdleAsync();
        host.Services.GetRequiredService<IndexManager>().DeliveryApi.WaitForChanges();
    }

    private Task<HttpResponseMessage> ExchangeAsync(string code, string verifier) => host.Anonymous().PostAsync(Token, new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code", ["client_id"] = "umbraco-member", ["code"] = code, ["redirect_uri"] = MembersHost.Callback, ["code_verifier"] = verifier,
    }));

    [Fact]
    public async Task The_code_flow_gives_opaque_tokens_userinfo_refresh_revocation_and_sign_out()
    {
        var email = Email();
        var key = await host.ConfirmedMemberAsync(email, "reader passphrase one", name: "Rita Reader");

        var tokens = await host.MemberTokensAsync(email, "reader passphrase one");
        var access = tokens.GetProperty("access_token").GetString()!;
        Assert.NotEqual(2, access.Count(c => c == '.')); // an opaque reference token, not a JWT
        Assert.True(tokens.TryGetProperty("refresh_token", out _));
        Assert.True(tokens.TryGetProperty("id_token", out _));

        var info = await Bearer(access).GetFromJsonAsync<JsonElement>("/umbraco/delivery/api/v1/security/member/userinfo");
        Assert.Equal(key, info.GetProperty("sub").GetGuid());
        Assert.Equal("Rita Reader", info.GetProperty("name").GetString());
        Assert.Equal(email, info.GetProperty("email").GetString());
        Assert.Equal(["Registered members"], info.GetProperty("role").EnumerateArray().Select(r => r.GetString()!).ToArray());

        var refreshed = await host.Anonymous().PostAsync(Token, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "umbraco-member", ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        }));
        await ManagementApi.EnsureAsync(refreshed, HttpStatusCode.OK);
        var second = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        var revoke = await host.Anonymous().PostAsync("/umbraco/delivery/api/v1/security/member/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "umbraco-member", ["token"] = second,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(second).GetAsync("/mahse/api/v1/members/me")).StatusCode);

        var signOut = await host.Browser().GetAsync($"/umbraco/delivery/api/v1/security/member/signout?post_logout_redirect_uri={Uri.EscapeDataString(MembersHost.SignedOut)}");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith(MembersHost.SignedOut, signOut.Headers.Location!.ToString());
        var badSignOut = await host.Browser().GetAsync($"/umbraco/delivery/api/v1/security/member/signout?post_logout_redirect_uri={Uri.EscapeDataString("https://evil.example/")}");
        Assert.Equal(HttpStatusCode.BadRequest, badSignOut.StatusCode);
    }

    [Fact]
    public async Task Discovery_names_the_member_endpoints()
    {
        var discovery = await host.Anonymous().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.EndsWith("/umbraco/delivery/api/v1/security/member/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.EndsWith("/umbraco/delivery/api/v1/security/member/userinfo", discovery.GetProperty("userinfo_endpoint").GetString());
        Assert.EndsWith("/umbraco/delivery/api/v1/security/member/signout", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Codes_work_once_only_with_their_verifier_and_only_for_listed_redirects()
    {
        var email = Email();
        await host.ConfirmedMemberAsync(email, "reader passphrase two");

        var verifier = Verifier();
        var code = await MembersHost.AuthorizationCodeAsync(host.Browser(), email, "reader passphrase two", verifier);
        var wrongVerifier = await ExchangeAsync(code, Verifier());
        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);
        Assert.Equal("invalid_grant", (await wrongVerifier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        // A code tried with the wrong verifier is spent; a fresh one works once.
        verifier = Verifier();
        code = await MembersHost.AuthorizationCodeAsync(host.Browser(), email, "reader passphrase two", verifier);
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(code, verifier)).StatusCode);
        var replay = await ExchangeAsync(code, verifier);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("invalid_grant", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        var elsewhere = await host.Browser().GetAsync(MembersHost.AuthorizeUrl(Verifier(), redirect: "https://evil.example/callback"));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Null(elsewhere.Headers.Location);

        var noPkce = await host.Browser().GetAsync($"/umbraco/delivery/api/v1/security/member/authorize?client_id=umbraco-member&response_type=code&redirect_uri={Uri.EscapeDataString(MembersHost.Callback)}");
        Assert.Equal(HttpStatusCode.BadRequest, noPkce.StatusCode);
        var otherClient = await host.Browser().GetAsync(MembersHost.AuthorizeUrl(Verifier()).Replace("client_id=umbraco-member", "client_id=umbraco-back-office"));
        Assert.Equal(HttpStatusCode.BadRequest, otherClient.StatusCode);
    }

    [Fact]
    public async Task An_associated_member_gets_a_token_by_client_credentials()
    {
        await host.ConfirmedMemberAsync(MembersHost.ServiceMember, "associated account passphrase");

        var response = await host.Anonymous().PostAsync(Token, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "umbraco-member-" + MembersHost.ServiceClient, ["client_secret"] = MembersHost.ServiceSecret,
        }));
        await ManagementApi.EnsureAsync(response, HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var guidance = host.Services.GetRequiredService<PublishedContentCache>().All.First(i => i.ContentTypeAlias == "guidancePage");
        Assert.Equal(HttpStatusCode.OK, (await Bearer(token).GetAsync($"{Content}/item/{guidance.Key}")).StatusCode);

        var wrongSecret = await host.Anonymous().PostAsync(Token, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "umbraco-member-" + MembersHost.ServiceClient, ["client_secret"] = MembersHost.ServiceSecret + "x",
        }));
        Assert.Contains(wrongSecret.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        Assert.Equal("invalid_client", (await wrongSecret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Protected_items_are_401_without_a_member_403_for_the_wrong_group_and_never_leak_through_queries_or_expansion()
    {
        var admin = new ManagementApi(await host.ClientAsync());
        var page = await admin.CreateDocumentTypeAsync(ManagementApi.Unique("fellowPage"),
            [ManagementApi.Property("title", ManagementApi.Textstring), ManagementApi.Property("related", ManagementApi.ContentPicker)]);
        var definition = await admin.Client.GetFromJsonAsync<JsonObject>($"{ManagementApi.Base}/document-type/{page}");
        definition!["allowedDocumentTypes"] = new JsonArray(new JsonObject { ["documentType"] = new JsonObject { ["id"] = page.ToString() }, ["sortOrder"] = 0 });
        await ManagementApi.EnsureAsync(await admin.Client.PutAsJsonAsync($"{ManagementApi.Base}/document-type/{page}", definition), HttpStatusCode.OK);

        var rootName = ManagementApi.Unique("Fellows area ");
        var root = await admin.CreateDocumentAsync(page, rootName);
        await admin.PublishAsync(root);
        var secret = await admin.CreateDocumentAsync(page, "Fellows only", new JsonObject { ["title"] = "shortlist" }, root);
        await admin.PublishAsync(secret);
        var teaser = await admin.CreateDocumentAsync(page, "Public teaser", new JsonObject { ["related"] = $"umb://document/{secret:N}" }, root);
        await admin.PublishAsync(teaser);
        await ManagementApi.EnsureAsync(await admin.Client.PostAsJsonAsync($"{ManagementApi.Base}/document/{secret}/public-access",
            new { memberGroupNames = new[] { "Fellows" }, memberUserNames = Array.Empty<string>() }), HttpStatusCode.Created);
        var access = await admin.Client.GetFromJsonAsync<JsonElement>($"{ManagementApi.Base}/document/{secret}/public-access");
        Assert.Equal("Fellows", access.GetProperty("groups")[0].GetProperty("name").GetString());
        await IndexedAsync();

        var email = Email();
        await host.ConfirmedMemberAsync(email, "registered passphrase");
        var registered = Bearer((await host.MemberTokensAsync(email, "registered passphrase")).GetProperty("access_token").GetString());
        var startItem = rootName.ToLowerInvariant().Replace(' ', '-');
        registered.DefaultRequestHeaders.Add("Start-Item", startItem);
        var anonymous = host.Anonymous();
        anonymous.DefaultRequestHeaders.Add("Start-Item", startItem);
        var forged = Bearer("forged-" + Guid.NewGuid());
        forged.DefaultRequestHeaders.Add("Start-Item", startItem);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Content}/item/{secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync($"{Content}/item/{secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await registered.GetAsync($"{Content}/item/{secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await registered.GetAsync($"{Content}/item/fellows-only/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await registered.GetAsync($"{Content}/items?id={secret}&id={teaser}")).StatusCode);

        foreach (var reader in new[] { anonymous, registered })
        {
            var children = await reader.GetFromJsonAsync<JsonElement>($"{Content}?fetch=children:{root}");
            Assert.Equal([teaser], children.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray());
            Assert.Equal(1, children.GetProperty("total").GetInt64());
            var expanded = await reader.GetFromJsonAsync<JsonElement>($"{Content}/item/{teaser}?expand=properties[$all]");
            Assert.Equal(JsonValueKind.Null, expanded.GetProperty("properties").GetProperty("related").ValueKind);
            var plain = await reader.GetStringAsync($"{Content}/item/{teaser}");
            Assert.DoesNotContain(secret.ToString("D"), plain);
        }

        // The registered members' guidance from the MAHSE site is theirs to read, by id and in queries.
        var guidance = host.Services.GetRequiredService<PublishedContentCache>().All.First(i => i.ContentTypeAlias == "guidancePage");
        var member = Bearer((await host.MemberTokensAsync(email, "registered passphrase")).GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"{Content}/item/{guidance.Key}")).StatusCode);
        Assert.True((await member.GetFromJsonAsync<JsonElement>($"{Content}?filter=contentType:guidancePage")).GetProperty("total").GetInt64() >= 6);
        Assert.Equal(0, (await host.Anonymous().GetFromJsonAsync<JsonElement>($"{Content}?filter=contentType:guidancePage")).GetProperty("total").GetInt64());

        // Opening the item to a named member lets that member (and only them) in.
        await ManagementApi.EnsureAsync(await admin.Client.PutAsJsonAsync($"{ManagementApi.Base}/document/{secret}/public-access",
            new { memberGroupNames = new[] { "Fellows" }, memberUserNames = new[] { email } }), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await registered.GetAsync($"{Content}/item/{secret}")).StatusCode);
        var withPicker = await registered.GetFromJsonAsync<JsonElement>($"{Content}/item/{teaser}");
        Assert.Equal(secret, withPicker.GetProperty("properties").GetProperty("related").GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Content}/item/{secret}")).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.PutAsJsonAsync($"{ManagementApi.Base}/document/{secret}/public-access",
            new { memberGroupNames = new[] { "No such group" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.DeleteAsync($"{ManagementApi.Base}/document/{secret}/public-access")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"{Content}/item/{secret}")).StatusCode);
    }
}
