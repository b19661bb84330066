using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Tests.Infrastructure;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Users;

/// <summary>Who may do what on the Management API, and how sign-in behaves, on the real host.</summary>
public sealed class AuthorizationTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    private const string Token = "/umbraco/management/api/v1/security/back-office/token";

    public static TheoryData<string, string, string, HttpStatusCode> Matrix => new()
    {
        // operation, caller, expected
        { "read", "Anonymous", "", HttpStatusCode.Unauthorized },
        { "read", "Reviewers", "", HttpStatusCode.OK },
        { "read", "Writers", "", HttpStatusCode.OK },
        { "save", "Reviewers", "", HttpStatusCode.Forbidden },
        { "save", "Writers", "", HttpStatusCode.OK },
        { "save", "Editors", "", HttpStatusCode.OK },
        { "publish", "Writers", "", HttpStatusCode.Forbidden },
        { "publish", "Editors", "", HttpStatusCode.OK },
        { "publish", "Administrators", "", HttpStatusCode.OK },
        { "schema", "Editors", "", HttpStatusCode.Forbidden },
        { "schema", "Administrators", "", HttpStatusCode.Created },
        { "read", "WrongToken", "", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_group_gets_the_status_its_rights_allow(string operation, string caller, string unused, HttpStatusCode expected)
    {
        _ = unused;
        var admin = new ManagementApi(await host.ClientAsync());
        var type = await admin.CreateDocumentTypeAsync(Unique("page"), [Property("title", Textstring)]);
        var doc = await admin.CreateDocumentAsync(type, Unique("Doc"), new JsonObject { ["title"] = "t" });

        HttpClient client = caller switch
        {
            "Anonymous" => host.Anonymous(),
            "WrongToken" => WithBearer(host.Anonymous(), "not-a-real-token"),
            _ => await host.ClientAsync(caller),
        };
        var response = operation switch
        {
            "read" => await client.GetAsync($"{Base}/document/{doc}"),
            "save" => await new ManagementApi(client).PutDocumentAsync(doc, "Doc", new JsonObject { ["title"] = "changed" }),
            "publish" => await client.PutAsJsonAsync($"{Base}/document/{doc}/publish", new JsonObject()),
            _ => await client.PostAsJsonAsync($"{Base}/document-type", DocumentTypeBody(Unique("x"), [Property("title", Textstring)])),
        };

        Assert.Equal(expected, response.StatusCode);
        if ((int)expected >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Wrong_client_secret_gets_no_token()
    {
        var response = await host.Anonymous().PostAsync(Token, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = PortalHost.ClientId("Administrators"),
            ["client_secret"] = PortalHost.Secret("Administrators") + "x",
        }));

        // RFC 6749 §5.2: a client that fails authentication gets 401 invalid_client.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_unattended_administrator_signs_in_with_a_password_and_gets_locked_out_after_repeated_failures()
    {
        var token = await PasswordTokenAsync(PortalHost.AdminEmail, PortalHost.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        var me = await WithBearer(host.Anonymous(), accessToken).GetFromJsonAsync<JsonElement>($"{Base}/user/current");
        Assert.Equal("Administrators", me.GetProperty("userGroups")[0].GetString());

        // A second user, so the lockout does not spoil other tests.
        var admin = await host.ClientAsync();
        var email = Unique("writer") + "@mahse.test";
        await EnsureAsync(await admin.PostAsJsonAsync($"{Base}/user", new JsonObject
        {
            ["name"] = "Writer", ["email"] = email, ["password"] = "a-long-enough-password", ["userGroup"] = "Writers",
        }), HttpStatusCode.Created);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await PasswordTokenAsync(email, "not-the-password");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var locked = await PasswordTokenAsync(email, "a-long-enough-password");
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("locked out", await locked.Content.ReadAsStringAsync());

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await PasswordTokenAsync(email, "a-long-enough-password")).StatusCode);
    }

    [Fact]
    public async Task A_short_password_or_unknown_group_is_refused_naming_the_field()
    {
        var admin = await host.ClientAsync();
        var response = await admin.PostAsJsonAsync($"{Base}/user", new JsonObject
        {
            ["name"] = "X", ["email"] = Unique("x") + "@mahse.test", ["password"] = "short", ["userGroup"] = "Gods",
        });
        await ProblemAsync(response, HttpStatusCode.BadRequest, "password");
    }

    [Fact]
    public async Task Passwords_are_stored_hashed()
    {
        var factory = (Mahse.Cms.Persistence.ICmsDbContextFactory)host.Services.GetService(typeof(Mahse.Cms.Persistence.ICmsDbContextFactory))!;
        await using var db = factory.CreateDbContext();
        var admin = db.Users.Single(u => u.Email == PortalHost.AdminEmail);
        Assert.DoesNotContain(PortalHost.AdminPassword, admin.PasswordHash);
        Assert.True(admin.PasswordHash.Length > 40);
    }

    private Task<HttpResponseMessage> PasswordTokenAsync(string user, string password) =>
        host.Anonymous().PostAsync(Token, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "umbraco-back-office",
            ["username"] = user,
            ["password"] = password,
        }));

    private static HttpClient WithBearer(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

public sealed class NoPasswordPortalHost : SqlitePortalHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Umbraco:CMS:Unattended:UnattendedUserPassword"] = "",
    };
}

public sealed class FirstAdministratorTests(NoPasswordPortalHost host) : IClassFixture<NoPasswordPortalHost>
{
    [Fact]
    public async Task Without_a_configured_password_first_boot_generates_one_only_the_owner_can_read()
    {
        var file = Path.Combine(host.ContentRoot, "umbraco", "Data", "first-administrator.txt");
        var lines = await File.ReadAllLinesAsync(file);
        Assert.Equal(PortalHost.AdminEmail, lines[0]);
        Assert.True(lines[1].Length >= 20);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        var response = await host.Anonymous().PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "umbraco-back-office",
            ["username"] = lines[0],
            ["password"] = lines[1],
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
