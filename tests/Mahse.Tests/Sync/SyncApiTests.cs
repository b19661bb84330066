using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Sync;

/// <summary>
/// A site with MAHSE's uSync folder that does not import it on first boot, so the API's own import is the first; in
/// the Development environment, where Umbraco serves its OpenAPI documents. It records the report endpoint's answer
/// before any test ran.
/// </summary>
public sealed class SyncApiSite : UmbracoSite
{
    public HttpStatusCode ReportStatusBeforeAnything { get; private set; }

    public string ReportBodyBeforeAnything { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["uSync:Settings:ImportOnFirstBoot"] = "false",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var admin = await ManagementClientAsync();
        using var report = await admin.GetAsync(SyncApiTests.Api + "report");
        ReportStatusBeforeAnything = report.StatusCode;
        ReportBodyBeforeAnything = await report.Content.ReadAsStringAsync();
    }
}

/// <summary>The sync module's Management API: administrators only, problem details for bad input, reports as JSON.</summary>
public sealed class SyncApiTests(SyncApiSite site) : IClassFixture<SyncApiSite>
{
    public const string Api = "/umbraco/management/api/v1/usync/";

    public static TheoryData<string, string, string?> Endpoints => new()
    {
        { "GET", "progress", null },
        { "GET", "report", null },
        { "POST", "import", """{"dryRun":true,"group":"All"}""" },
        { "POST", "export", """{"group":"Settings"}""" },
    };

    public static TheoryData<string, string, string?, string, HttpStatusCode> NotAllowed()
    {
        var data = new TheoryData<string, string, string?, string, HttpStatusCode>();
        foreach (var endpoint in Endpoints)
        {
            var (method, path, body) = ((string)endpoint[0], (string)endpoint[1], (string?)endpoint[2]);
            data.Add(method, path, body, "anonymous", HttpStatusCode.Unauthorized);
            data.Add(method, path, body, "wrong token", HttpStatusCode.Unauthorized);
            data.Add(method, path, body, "Editors", HttpStatusCode.Forbidden);
            data.Add(method, path, body, "Writers", HttpStatusCode.Forbidden);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NotAllowed))]
    public async Task Only_administrators_may_call_the_sync_api(string method, string path, string? body, string caller, HttpStatusCode expected)
    {
        using var client = caller switch
        {
            "anonymous" => site.Anonymous(),
            "wrong token" => WithToken(site.Anonymous(), "not-a-token"),
            _ => await site.ManagementClientAsync(caller),
        };

        using var response = await client.SendAsync(Request(method, path, body));

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_administrator_may_call_every_endpoint(string method, string path, string? body)
    {
        using var admin = await site.ManagementClientAsync();
        if (path == "report")
        {
            using var run = await admin.SendAsync(Request("POST", "import", """{"dryRun":true}"""));
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        using var response = await admin.SendAsync(Request(method, path, body));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Before_anything_ran_the_report_is_a_404_problem()
    {
        Assert.Equal(HttpStatusCode.NotFound, site.ReportStatusBeforeAnything);
        using var problem = JsonDocument.Parse(site.ReportBodyBeforeAnything);
        Assert.Equal("No report yet", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("NoReport", problem.RootElement.GetProperty("operationStatus").GetString());
    }

    [Theory]
    [InlineData("""{"dryRun":true,"group":"Everything"}""", "Invalid group")]
    [InlineData("""{"dryRun":true,"group":"Settings,Content"}""", "Invalid group")]
    [InlineData("""{"dryRun":true,""", null)]
    [InlineData("""{"dryRun":"yes"}""", null)]
    [InlineData("""not json at all""", null)]
    public async Task A_bad_import_body_is_a_400_problem(string body, string? title)
    {
        using var admin = await site.ManagementClientAsync();

        using var response = await admin.SendAsync(Request("POST", "import", body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        if (title is not null)
        {
            Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        }
    }

    [Fact]
    public async Task An_unknown_export_group_is_a_400_problem()
    {
        using var admin = await site.ManagementClientAsync();

        using var response = await admin.SendAsync(Request("POST", "export", """{"group":"Media"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Invalid group", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_dry_run_answers_with_its_report_which_becomes_the_last_report()
    {
        using var admin = await site.ManagementClientAsync();

        using var response = await admin.SendAsync(Request("POST", "import", """{"dryRun":true,"group":"settings"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = report.RootElement;
        Assert.Equal("Report", root.GetProperty("action").GetString());
        Assert.True(root.GetProperty("dryRun").GetBoolean());
        Assert.Equal("uSync/v17", root.GetProperty("folder").GetString());
        var lines = root.GetProperty("lines");
        var totals = root.GetProperty("totals");
        Assert.Equal(lines.GetArrayLength(), totals.GetProperty("items").GetInt32());
        Assert.Equal(lines.GetArrayLength(), new[] { "noChange", "create", "update", "delete", "fail", "parentMissing" }.Sum(c => totals.GetProperty(c).GetInt32()));
        Assert.All(lines.EnumerateArray(), line => Assert.NotEqual(JsonValueKind.Undefined, line.GetProperty("details").ValueKind));

        using var last = JsonDocument.Parse(await admin.GetStringAsync(Api + "report"));
        Assert.Equal(root.GetProperty("startedAt").GetString(), last.RootElement.GetProperty("startedAt").GetString());
        using var progress = JsonDocument.Parse(await admin.GetStringAsync(Api + "progress"));
        Assert.False(progress.RootElement.GetProperty("running").GetBoolean());
        Assert.Equal("Report", progress.RootElement.GetProperty("action").GetString());
    }

    [Fact]
    public async Task An_export_writes_the_folder_and_answers_with_its_report()
    {
        using var admin = await site.ManagementClientAsync();
        File.Delete(Path.Combine(site.UsyncFolder, "usync.config"));

        using var response = await admin.PostAsync(Api + "export", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Export", report.RootElement.GetProperty("action").GetString());
        Assert.False(report.RootElement.GetProperty("hasFailures").GetBoolean());
        Assert.True(File.Exists(Path.Combine(site.UsyncFolder, "usync.config")));
    }

    [Fact]
    public async Task While_a_run_is_going_another_is_a_409_problem_and_progress_shows_it()
    {
        // Thousands of extra files keep the dry run going for seconds, long enough to be seen and overlapped.
        var sync = new SyncApi(site);
        var extra = Enumerable.Range(0, 3000).Select(i => $"Content/api-busy/busy-{i}.config").ToList();
        foreach (var file in extra)
        {
            sync.Write(file, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <Content Key="{Guid.NewGuid()}" Alias="{Path.GetFileNameWithoutExtension(file)}" Level="2">
                  <Info><Parent Key="c19ebcb9-653c-540d-a49c-2b41470f7a6d"></Parent><ContentType>contentPage</ContentType><NodeName Default="{Path.GetFileNameWithoutExtension(file)}" /><SortOrder>0</SortOrder><Published Default="false" /></Info>
                  <Properties />
                </Content>
                """);
        }

        try
        {
            await OverlappingRunsAsync();
        }
        finally
        {
            Directory.Delete(Path.Combine(site.UsyncFolder, "Content", "api-busy"), recursive: true);
        }
    }

    private async Task OverlappingRunsAsync()
    {
        using var admin = await site.ManagementClientAsync();
        var first = admin.SendAsync(Request("POST", "import", """{"dryRun":true}"""));
        JsonElement progress = default;
        for (var i = 0; i < 200 && !first.IsCompleted; i++)
        {
            progress = JsonDocument.Parse(await admin.GetStringAsync(Api + "progress")).RootElement.Clone();
            if (progress.GetProperty("running").GetBoolean())
            {
                break;
            }

            await Task.Delay(25);
        }

        Assert.True(progress.GetProperty("running").GetBoolean(), "the dry run finished before its progress could be seen");
        Assert.Equal("Report", progress.GetProperty("action").GetString());
        using var export = await admin.SendAsync(Request("POST", "export", null));
        using var import = await admin.SendAsync(Request("POST", "import", """{"dryRun":false}"""));

        Assert.Equal(HttpStatusCode.Conflict, export.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, import.StatusCode);
        using var problem = JsonDocument.Parse(await import.Content.ReadAsStringAsync());
        Assert.Equal("AlreadyRunning", problem.RootElement.GetProperty("operationStatus").GetString());
        using var done = await first;
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
    }

    [Fact]
    public async Task The_api_has_its_own_openapi_document_and_stays_out_of_umbracos()
    {
        using var anonymous = site.Anonymous();

        using var own = JsonDocument.Parse(await anonymous.GetStringAsync("/umbraco/openapi/mahse-sync.json"));
        var management = await anonymous.GetStringAsync("/umbraco/openapi/management.json");

        var paths = own.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/umbraco/management/api/v1/usync/export", "/umbraco/management/api/v1/usync/import", "/umbraco/management/api/v1/usync/progress", "/umbraco/management/api/v1/usync/report"], paths.Order());
        Assert.Contains("not uSync", own.RootElement.GetProperty("info").GetProperty("description").GetString());
        Assert.DoesNotContain("/usync/", management);
    }

    private static HttpRequestMessage Request(string method, string path, string? body) =>
        new(new HttpMethod(method), Api + path)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };

    private static HttpClient WithToken(HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
