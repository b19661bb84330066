using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Tests.Infrastructure;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Search;

/// <summary>
/// The real portal in its own process, killed while a publish is being indexed: after a restart the indexes
/// reopen and match the database again.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mahse-crash", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Killing_the_process_during_indexing_leaves_indexes_that_reopen_and_match_the_database()
    {
        var source = Path.Combine(Fixtures.RepositoryRoot, "uSync", "v17");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, "uSync", "v17", Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var port = FreePort();
        var first = Start(port);
        Guid page;
        try
        {
            using var client = await SignedInClientAsync(port);
            await UntilIndexedAsync(client, expectedExtra: 0);
            var api = new ManagementApi(client);
            var types = await client.GetFromJsonAsync<JsonElement>($"{Base}/tree/document-type/root");
            var contentPage = types.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Content page").GetProperty("id").GetGuid();
            var root = (await client.GetFromJsonAsync<JsonElement>($"{Base}/tree/document/root")).GetProperty("items")[0].GetProperty("id").GetGuid();
            page = await api.CreateDocumentAsync(contentPage, "Quokka outreach", new JsonObject { ["title"] = "Quokka outreach" }, root);
            await api.PublishAsync(page);
        }
        finally
        {
            // No graceful shutdown: the index write above is at most a moment old and not yet committed.
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var second = Start(port);
        try
        {
            using var client = await SignedInClientAsync(port);
            await UntilIndexedAsync(client, expectedExtra: 1);
            var found = await client.GetFromJsonAsync<JsonElement>("/mahse/api/v1/search?q=quokka");
            Assert.Equal(page, found.GetProperty("items")[0].GetProperty("key").GetGuid());
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private Process Start(int port)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "Mahse.Web.dll");
        var info = new ProcessStartInfo("dotnet", [web, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", _root,
            "--Logging:LogLevel:Default=Warning",
            "--uSync:Settings:ImportOnFirstBoot=true",
            "--Umbraco:CMS:Unattended:UnattendedUserEmail=admin@crash.test",
            "--Mahse:ApiUsers:0:ClientId=umbraco-back-office-crash",
            "--Mahse:ApiUsers:0:ClientSecret=crash-secret-0123456789",
            "--Mahse:ApiUsers:0:UserGroup=Administrators"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<HttpClient> SignedInClientAsync(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "the portal did not start");
            await Task.Delay(100);
        }

        var token = await client.PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "umbraco-back-office-crash",
            ["client_secret"] = "crash-secret-0123456789",
        }));
        token.EnsureSuccessStatusCode();
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Waits until ExternalIndex holds exactly what the published cache (the database) holds.</summary>
    private static async Task UntilIndexedAsync(HttpClient client, int expectedExtra)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        long published = 0, indexed = -1;
        while (DateTime.UtcNow < deadline)
        {
            published = (await client.GetFromJsonAsync<JsonElement>("/health")).GetProperty("publishedContentItems").GetInt64();
            var index = await client.GetFromJsonAsync<JsonElement>($"{Base}/indexer/ExternalIndex");
            indexed = index.GetProperty("documentCount").ValueKind == JsonValueKind.Number ? index.GetProperty("documentCount").GetInt64() : -1;
            if (published >= 60 + expectedExtra && indexed == published)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"ExternalIndex holds {indexed} documents; the database has {published} published.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
