using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Delivery;
using Mahse.Cms.Search;
using Mahse.Cms.Sync;
using Mahse.Web;
using Microsoft.Extensions.Options;

namespace Mahse.Bench;

/// <summary>
/// The Delivery API under wrk on loopback: the MAHSE site plus N generated items, one roadmap stage by path at
/// 64 connections and a filtered, sorted query page of 10; the ceiling is nginx serving the same JSON bytes from
/// disk, measured in the same run with the same wrk settings.
/// </summary>
internal static partial class DeliveryBench
{
    private const string Api = "/umbraco/delivery/api/v2/content";

    public static async Task RunAsync(int count, int seconds)
    {
        if (!File.Exists("/usr/bin/wrk") || !File.Exists("/usr/sbin/nginx"))
        {
            Console.Error.WriteLine("needs wrk and nginx: apt-get install -y wrk nginx");
            Environment.Exit(2);
        }

        var root = BenchHost.NewContentRoot();
        try
        {
            CopyDirectory(Path.Combine(RepositoryRoot(), "uSync", "v17"), Path.Combine(root, "uSync", "v17"));
            var settings = BenchHost.Settings(root);
            settings["uSync:Settings:ImportOnFirstBoot"] = "true";
            settings["Umbraco:CMS:DeliveryApi:Enabled"] = "true";
            settings["Umbraco:CMS:DeliveryApi:PublicAccess"] = "true";
            var url = $"http://127.0.0.1:{BenchHost.FreePort()}";
            var app = MahseApp.Create(["--urls", url], root, settings);
            await app.StartAsync();
            try
            {
                var generated = Path.Combine(root, "generated", "uSync", "v17");
                UsyncBench.Generate(generated, count);
                var import = await app.Services.GetRequiredService<SyncService>().ImportAsync(generated, dryRun: false, SyncGroups.All, CancellationToken.None);
                await app.Services.GetRequiredService<IndexingQueue>().WhenIdleAsync();
                app.Services.GetRequiredService<IndexManager>().DeliveryApi.WaitForChanges();

                var cache = app.Services.GetRequiredService<PublishedContentCache>();
                var stage = cache.All.Where(i => i.ContentTypeAlias == "roadmapStage").OrderBy(i => i.SortOrder).Skip(1).First();
                var itemPath = Api + "/item" + stage.Route;
                // The generated sections are roots too, so the MAHSE root is named as the Start-Item (by key: O(1)).
                var startItem = $"Start-Item: {cache.All.Single(i => i.Level == 1 && i.ContentTypeAlias != "benchStage").Key}";
                var queryPath = Api + "?filter=contentType:benchStage&filter=name:Stage&sort=name:asc&sort=createDate:desc&skip=20&take=10";

                using var http = new HttpClient { BaseAddress = new Uri(url) };
                var body = await Ok(http, itemPath, startItem);
                var queryBody = await Ok(http, queryPath);

                var nginxRoot = Path.Combine(root, "nginx");
                Directory.CreateDirectory(Path.Combine(nginxRoot, "html"));
                await File.WriteAllBytesAsync(Path.Combine(nginxRoot, "html", "item.json"), body);
                await File.WriteAllBytesAsync(Path.Combine(nginxRoot, "html", "query.json"), queryBody);
                var nginxPort = BenchHost.FreePort();
                using var nginx = StartNginx(nginxRoot, nginxPort);
                try
                {
                    var nginxUrl = $"http://127.0.0.1:{nginxPort}";
                    await Ok(http, nginxUrl + "/item.json");

                    // Warm both servers (JIT, tiered compilation, page cache) before measuring.
                    Wrk(url + itemPath, 64, 3, startItem);
                    Wrk(nginxUrl + "/item.json", 64, 3);
                    Wrk(url + queryPath, 8, 3);

                    var nginxItem = Wrk(nginxUrl + "/item.json", 64, seconds);
                    var item = Wrk(url + itemPath, 64, seconds, startItem);
                    var nginxQuery = Wrk(nginxUrl + "/query.json", 8, seconds);
                    var query = Wrk(url + queryPath, 8, seconds);
                    var querySingle = Wrk(url + queryPath, 1, seconds);

                    // Same host, Umbraco's opt-in output cache switched on (bench only: the options object is shared).
                    app.Services.GetRequiredService<IOptions<DeliveryApiSettings>>().Value.OutputCache.Enabled = true;
                    Wrk(url + itemPath, 64, 2, startItem);
                    var cachedItem = Wrk(url + itemPath, 64, seconds, startItem);
                    var cachedQuery = Wrk(url + queryPath, 8, seconds);

                    Console.WriteLine($"Delivery API benchmark: MAHSE site + {count} generated items ({import.Lines.Count(l => l.Success)} imported), {cache.All.Count()} published, SQLite, {Environment.ProcessorCount} cores, wrk {seconds} s per run, 2 threads");
                    Console.WriteLine($"item: GET {itemPath} ({body.Length} bytes); query: {queryPath} ({queryBody.Length} bytes)");
                    Console.WriteLine("| measure | req/s | p50 | p90 | p99 | nginx, same bytes, same run | ratio to nginx | target |");
                    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
                    Console.WriteLine(Row("content/item/{path}, 64 connections", item, nginxItem, "≥ 40% of nginx, p99 < 20 ms"));
                    Console.WriteLine(Row("filtered + sorted query, page of 10, 8 connections", query, nginxQuery, "p50 < 5 ms"));
                    Console.WriteLine(Row("filtered + sorted query, page of 10, 1 connection", querySingle, null, "p50 < 5 ms"));
                    Console.WriteLine(Row("content/item/{path}, 64 connections, output cache on", cachedItem, nginxItem, "≥ 40% of nginx, p99 < 20 ms"));
                    Console.WriteLine(Row("filtered + sorted query, 8 connections, output cache on", cachedQuery, nginxQuery, "p50 < 5 ms"));
                }
                finally
                {
                    nginx.Kill(entireProcessTree: true);
                    await nginx.WaitForExitAsync();
                }
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            BenchHost.Delete(root);
        }
    }

    internal static string Row(string name, WrkResult result, WrkResult? baseline, string target) =>
        $"| {name} | {result.RequestsPerSecond:F0} | {result.P50:F2} ms | {result.P90:F2} ms | {result.P99:F2} ms | " +
        (baseline is null ? "| |" : $"{baseline.RequestsPerSecond:F0} req/s, p99 {baseline.P99:F2} ms | {result.RequestsPerSecond / baseline.RequestsPerSecond:P0} |") + $" {target} |";

    internal static async Task<byte[]> Ok(HttpClient http, string path, string? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (header?.Split(": ", 2) is [var name, var value])
        {
            request.Headers.Add(name, value);
        }

        var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        }

        return bytes;
    }

    internal sealed record WrkResult(double RequestsPerSecond, double P50, double P90, double P99);

    internal static WrkResult Wrk(string url, int connections, int seconds, string? header = null)
    {
        string[] arguments = ["-t", Math.Min(2, connections).ToString(), "-c", connections.ToString(), "-d", $"{seconds}s", "--latency", .. header is null ? Array.Empty<string>() : ["-H", header], url];
        var start = new ProcessStartInfo("/usr/bin/wrk", arguments)
        {
            RedirectStandardOutput = true,
        };
        using var wrk = Process.Start(start)!;
        var output = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        if (output.Contains("Non-2xx", StringComparison.Ordinal) || output.Contains("Socket errors", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("wrk saw errors:\n" + output);
        }

        return new WrkResult(
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"), Percentile(output, "90%"), Percentile(output, "99%"));
    }

    // wrk prints latencies as 812.00us, 1.20ms or 1.01s.
    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    private static Process StartNginx(string prefix, int port)
    {
        var conf = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(conf, $$"""
            worker_processes {{Environment.ProcessorCount}};
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                default_type application/json;
                sendfile on;
                tcp_nopush on;
                keepalive_requests 1000000;
                client_body_temp_path {{prefix}}/tmp;
                proxy_temp_path {{prefix}}/tmp;
                fastcgi_temp_path {{prefix}}/tmp;
                uwsgi_temp_path {{prefix}}/tmp;
                scgi_temp_path {{prefix}}/tmp;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{prefix}}/html;
                }
            }
            """);
        Directory.CreateDirectory(Path.Combine(prefix, "tmp"));
        var process = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-p", prefix, "-c", conf]) { RedirectStandardError = true })!;
        Thread.Sleep(300);
        return process.HasExited ? throw new InvalidOperationException("nginx did not start: " + process.StandardError.ReadToEnd()) : process;
    }

    internal static void CopyDirectory(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mahse.Umbraco.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
    }
}
