using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Mahse.Tests.Infrastructure;

/// <summary>
/// The real site — Umbraco 18 with our packages — as its own process on a loopback port, with its own content root
/// (appsettings.json, a copy of a uSync folder, a fresh SQLite database) and one API user per backoffice group. One
/// per test class. A process rather than an in-process host because Umbraco configures OpenIddict once per process.
/// </summary>
public class UmbracoSite : IAsyncLifetime
{
    public const string AdminEmail = "admin@mahse.test";
    public const string AdminPassword = "Correct-Horse-Battery-9";
    public static readonly string[] Groups = ["Administrators", "Editors", "Writers"];

    private Process? _process;
    private readonly StringBuilder _output = new();

    public string ContentRoot { get; } = Path.Combine(Path.GetTempPath(), "mahse-tests", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public string UsyncFolder => Path.Combine(ContentRoot, "uSync", "v17");

    /// <summary>The uSync folder the site starts with (imported on first boot); null for an empty one.</summary>
    protected virtual string? UsyncSource => Repository.MahseUsync;

    /// <summary>Settings on top of appsettings.json, as environment variables would give them.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>
    /// Start from a copy of the run's template database (<see cref="TemplateDatabase"/>) instead of installing; a site
    /// that tests the unattended install itself says false.
    /// </summary>
    protected virtual bool StartsFromTemplate => true;

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(ContentRoot);
        File.Copy(Path.Combine(Repository.Root, "appsettings.json"), Path.Combine(ContentRoot, "appsettings.json"));
        Directory.CreateDirectory(UsyncFolder);
        if (UsyncSource is { } source)
        {
            Repository.CopyToTemp(source, UsyncFolder);
        }

        if (StartsFromTemplate && TemplateDatabase.Enabled)
        {
            await TemplateDatabase.CopyToAsync(ContentRoot);
        }

        await BeforeFirstStartAsync();
        await StartAsync();
    }

    /// <summary>Prepares the content root before the site first starts (e.g. rows a test class needs in the copied database).</summary>
    protected virtual Task BeforeFirstStartAsync() => Task.CompletedTask;

    public async Task StartAsync()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ContentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Repository.SiteAssembly, "--contentRoot", ContentRoot, "--urls", BaseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in AllSettings())
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        _output.Clear();
        var clock = Stopwatch.StartNew();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilServingAsync(TimeSpan.FromMinutes(3));
        if (Environment.GetEnvironmentVariable("MAHSE_BOOT_LOG") is { Length: > 0 } bootLog)
        {
            // Opt-in figures for comparing start-up costs (e.g. with and without the template database).
            File.AppendAllText(bootLog, $"{DateTime.Now:HH:mm:ss.fff} {GetType().Name} {clock.Elapsed.TotalSeconds:F1}s\n");
        }
    }

    /// <summary>Stops the process the way a host is stopped (SIGTERM, then a kill after 30 s).</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
        {
            await kill!.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(ContentRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private IEnumerable<KeyValuePair<string, string?>> AllSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Umbraco:CMS:Unattended:UnattendedUserName"] = "Test Administrator",
            ["Umbraco:CMS:Unattended:UnattendedUserEmail"] = AdminEmail,
            ["Umbraco:CMS:Unattended:UnattendedUserPassword"] = AdminPassword,
            ["Serilog:MinimumLevel:Default"] = "Warning",

            // The survey's 1,000 demo responses (and their indexing) on every test site's first boot cost time for
            // nothing; the survey's own sites ask for them (null: as appsettings.json says).
            ["Mahse:Survey:SeedOnFirstBoot"] = "0",
        };
        for (var i = 0; i < Groups.Length; i++)
        {
            settings[$"Mahse:ApiUsers:{i}:ClientId"] = ClientId(Groups[i]);
            settings[$"Mahse:ApiUsers:{i}:ClientSecret"] = Secret(Groups[i]);
            settings[$"Mahse:ApiUsers:{i}:UserGroup"] = Groups[i].ToLowerInvariant() switch
            {
                "administrators" => "admin",
                "editors" => "editor",
                "writers" => "writer",
                var other => other,
            };
        }

        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>What the process printed, and the last errors of Umbraco's log, for a failure message.</summary>
    public string Diagnostics()
    {
        string printed;
        lock (_output)
        {
            printed = _output.ToString();
        }

        var logs = Path.Combine(ContentRoot, "umbraco", "Logs");
        var errors = Directory.Exists(logs)
            ? Directory.EnumerateFiles(logs, "*.json").SelectMany(File.ReadLines)
                .Where(l => l.Contains("\"@l\":\"Error\"") || l.Contains("\"@l\":\"Fatal\"") || l.Contains("\"@l\":\"Warning\""))
                .TakeLast(15)
            : [];
        return $"--- output ---\n{Tail(printed, 6000)}\n--- Umbraco log (warnings and errors) ---\n{string.Join('\n', errors.Select(e => Tail(e, 1500)))}";
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : text[^length..];

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The site exited with code {_process.ExitCode} before serving.\n{Diagnostics()}");
            }

            try
            {
                using var response = await client.GetAsync("/umbraco/delivery/api/v2/content?take=1");
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The site did not serve within {timeout}.\n{Diagnostics()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string ClientId(string group) => "umbraco-back-office-test-" + group.ToLowerInvariant();

    public static string Secret(string group) => "secret-for-" + group.ToLowerInvariant() + "-0123456789";

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    /// <summary>A Management API client signed in as the API user of a group (client credentials, as Umbraco's API users sign in).</summary>
    public Task<HttpClient> ManagementClientAsync(string group = "Administrators") => ManagementClientAsync(ClientId(group), Secret(group));

    /// <summary>A Management API client signed in with the given client credentials.</summary>
    public async Task<HttpClient> ManagementClientAsync(string clientId, string clientSecret)
    {
        using var response = await RequestTokenAsync(clientId, clientSecret);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token for {clientId}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        return client;
    }

    /// <summary>The token endpoint's answer to a client credentials request, whatever it is.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string clientSecret)
    {
        using var anonymous = Anonymous();
        return await anonymous.PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        }));
    }

    /// <summary>Umbraco's log (compact JSON, one event a line) so far.</summary>
    public IReadOnlyList<string> LogLines()
    {
        var logs = Path.Combine(ContentRoot, "umbraco", "Logs");
        if (!Directory.Exists(logs))
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(logs, "*.json"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
