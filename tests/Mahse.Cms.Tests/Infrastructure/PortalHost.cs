using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mahse.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Mahse.Cms.Tests.Infrastructure;

/// <summary>
/// The real portal host on a real loopback port, with its own content root and database, a test clock and
/// one API user per backoffice group. One per test class: fresh data, nothing shared.
/// </summary>
public abstract class PortalHost : IAsyncLifetime
{
    public const string AdminEmail = "admin@mahse.test";
    public const string AdminPassword = "correct-horse-battery";

    public string ContentRoot { get; } = Path.Combine(Path.GetTempPath(), "mahse-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    public TestDatabase Database { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    /// <summary>A uSync folder to place at uSync/v17 under the content root before start-up, as a site has it.</summary>
    protected virtual string? UsyncSource => null;

    public void SkipIfUnavailable() => Skip.If(Database.SkipReason is not null, Database.SkipReason);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ContentRoot);
        if (UsyncSource is { } source)
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var destination = Path.Combine(ContentRoot, "uSync", "v17", Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }
        }

        Database = await CreateDatabaseAsync();
        if (Database.SkipReason is not null)
        {
            return;
        }

        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:umbracoDbDSN"] = Database.ConnectionString,
            ["ConnectionStrings:umbracoDbDSN_ProviderName"] = Database.ProviderName,
            ["Umbraco:CMS:Unattended:UnattendedUserName"] = "Test Administrator",
            ["Umbraco:CMS:Unattended:UnattendedUserEmail"] = AdminEmail,
            ["Umbraco:CMS:Unattended:UnattendedUserPassword"] = AdminPassword,
            ["Umbraco:CMS:Runtime:MaxRequestLength"] = "64",
            ["Logging:LogLevel:Default"] = "Warning",
            // Tests run the scheduler by hand; SchedulerTests checks the background service on its own host.
            ["Mahse:ScheduledPublishing:Interval"] = "1.00:00:00",
        };
        var groups = new[] { "Administrators", "Editors", "Writers", "Reviewers" };
        for (var i = 0; i < groups.Length; i++)
        {
            settings[$"Mahse:ApiUsers:{i}:ClientId"] = ClientId(groups[i]);
            settings[$"Mahse:ApiUsers:{i}:ClientSecret"] = Secret(groups[i]);
            settings[$"Mahse:ApiUsers:{i}:UserGroup"] = groups[i];
        }

        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        App = MahseApp.Create(["--urls", "http://127.0.0.1:0"], ContentRoot, settings, services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        AfterStart();
    }

    /// <summary>For hosts that need to note something about start-up before any test runs.</summary>
    protected virtual void AfterStart()
    {
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        try
        {
            Directory.Delete(ContentRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string ClientId(string group) => "umbraco-back-office-test-" + group.ToLowerInvariant();

    public static string Secret(string group) => "secret-for-" + group.ToLowerInvariant() + "-0123456789";

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    /// <summary>A client signed in as the API user of the given group (client credentials, as Umbraco's API users do).</summary>
    public async Task<HttpClient> ClientAsync(string group = "Administrators")
    {
        string token;

        // A token per client: tests move the clock, and OpenIddict reads the same clock.
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = ClientId(group),
                ["client_secret"] = Secret(group),
            }));
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            token = json.RootElement.GetProperty("access_token").GetString()!;
        }

        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>A host on a fresh SQLite file; derive from it to give a test class its own settings.</summary>
public class SqlitePortalHost : PortalHost
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new SqliteTestDatabase(ContentRoot));
}

public sealed class PostgresPortalHost : PortalHost
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await PostgresTestDatabase.CreateAsync();
}
