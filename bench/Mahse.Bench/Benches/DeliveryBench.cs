using System.Text.Json;
using Mahse.Bench.Generation;
using Mahse.Bench.Hosting;
using Mahse.Bench.Load;
using Mahse.Bench.Reporting;

namespace Mahse.Bench.Benches;

/// <summary>
/// Delivery API throughput and latency on the MAHSE site plus N generated resources: a roadmap stage by path, and a
/// filtered, sorted query page of the portal's kind, each with Umbraco's Delivery API output cache off and then on
/// (the site restarted with the setting). Each site figure is printed beside nginx serving the very same response
/// bytes from disk, loaded by the same wrk settings right after it.
/// </summary>
public sealed class DeliveryBench(BenchOptions options, BenchOutput output) : IBench
{
    private const string OutputCacheKey = "Umbraco:CMS:DeliveryApi:OutputCache:Enabled";

    public async Task RunAsync(CancellationToken ct)
    {
        var nginx = NginxMirror.Find();
        if (!Wrk.IsInstalled() || nginx is null)
        {
            throw new BenchFailedException("wrk and nginx are needed on this machine for the delivery bench: apt-get install -y wrk nginx");
        }

        var items = options.Items ?? 10_000;
        var repository = RepositoryPaths.Find(options);
        var seed = MahseSeed.Load(repository.MahseUsync);
        var wrk = new Wrk(options.Threads, options.Connections, options.WarmupSeconds, options.DurationSeconds);
        output.Heading($"delivery: Delivery API on the MAHSE site plus {items:N0} generated resources, against nginx serving the same bytes");
        output.Line($"  wrk      {wrk.Settings}, loopback");

        var prepared = await new PreparedSites(repository, options, output).GetAsync(items, ct);
        var run = Path.Combine(options.WorkFolder, "runs", $"delivery-{DateTime.Now:yyyyMMdd-HHmmss}");
        var root = prepared.CopyTo(Path.Combine(run, "site"));
        var mirrorFolder = Path.Combine(run, "mirror");
        Directory.CreateDirectory(mirrorFolder);

        var table = new ResultTable("target", "server", "req/s", "p50", "p99", "req/s, % of nginx", "p50 vs nginx", "errors");
        List<DeliveryTarget>? targets = null;
        var mirror = await NginxMirror.StartAsync(nginx, mirrorFolder, ct);
        try
        {
            foreach (var outputCache in new[] { false, true })
            {
                var settings = SiteSettings.With(("uSync:Settings:ImportOnFirstBoot", "false"), (OutputCacheKey, outputCache ? "true" : "false"));
                output.Progress($"starting the site with the output cache {(outputCache ? "on" : "off")}");
                await using var site = await new MahseSite(repository).StartAsync(root, settings, ct);
                var indexed = await DeliveryIndex.WaitForAsync(site.BaseAddress, $"filter=contentType:{MahseSeed.ResourceType}", items + seed.PublishedResources, TimeSpan.FromMinutes(30), ct);
                output.Progress($"first 200 after {Figures.Ms(site.TimeToFirstOk)}; every resource listed {Figures.Ms(indexed)} later");

                targets ??= await ResolveTargetsAsync(site.BaseAddress, items, mirrorFolder, ct);
                foreach (var target in targets)
                {
                    await EnsureSameBytesAsync(site.BaseAddress, target, "the site", ct);
                    await EnsureSameBytesAsync(mirror.BaseAddress, target with { PathAndQuery = "/" + target.MirrorFile }, "nginx", ct);
                    output.Progress($"{target.Label}, output cache {(outputCache ? "on" : "off")}: site, then nginx");
                    var measured = await wrk.MeasureAsync(new Uri(site.BaseAddress, target.PathAndQuery), ct);
                    var floor = await wrk.MeasureAsync(new Uri(mirror.BaseAddress, "/" + target.MirrorFile), ct);
                    table.Add(target.Label, $"site, output cache {(outputCache ? "on" : "off")}", Figures.Count(measured.RequestsPerSecond), Figures.Ms(measured.P50Ms), Figures.Ms(measured.P99Ms),
                        Figures.Percent(measured.RequestsPerSecond, floor.RequestsPerSecond), Figures.Ratio(measured.P50Ms, floor.P50Ms), Errors(measured));
                    table.Add("", "nginx, same bytes", Figures.Count(floor.RequestsPerSecond), Figures.Ms(floor.P50Ms), Figures.Ms(floor.P99Ms), "100 %", "×1.00", Errors(floor));
                }
            }
        }
        finally
        {
            await mirror.DisposeAsync();
            if (!options.Keep)
            {
                SiteRoot.Existing(run).Delete();
            }
        }

        output.Line();
        foreach (var target in targets ?? [])
        {
            output.Line($"  {target.Label}: GET {target.PathAndQuery} ({Figures.Bytes(target.Body.Length)} of JSON)");
        }

        output.Table(table);
        output.Line();
        output.Line("  req/s, % of nginx: the site's throughput as a share of nginx's for the same bytes, measured right after it;");
        output.Line("  p50 vs nginx: how many times nginx's median latency the site's is. wrk, nginx and the site share the same cores.");
    }

    private static string Errors(WrkResult result) => result.Non2xx + result.SocketErrors == 0 ? "0" : $"{result.Non2xx} non-2xx, {result.SocketErrors} socket";

    /// <summary>
    /// The roadmap's first stage (its path as the Delivery API gives it) and a page of the portal's resource query; their
    /// bodies are written to the nginx folder. The query must find the generated resources, or it would measure nothing.
    /// </summary>
    private async Task<List<DeliveryTarget>> ResolveTargetsAsync(Uri site, int items, string mirrorFolder, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = site };
        var stages = await GetJsonAsync(client, $"{DeliveryIndex.Content}?filter=contentType:roadmapStage&sort=stageOrder:asc&take=1", ct);
        var stagePath = stages.GetProperty("items").EnumerateArray().FirstOrDefault().GetProperty("route").GetProperty("path").GetString()
            ?? throw new BenchFailedException("The Delivery API lists no roadmap stage.");

        var resourceType = ResourceGenerator.ResourceTypeOf(1);
        var query = $"{DeliveryIndex.Content}?filter=contentType:{MahseSeed.ResourceType}&filter=resourceType:{resourceType}&sort=name:asc&skip=20&take=10";
        var page = await GetJsonAsync(client, query, ct);
        var expected = Enumerable.Range(1, items).Count(i => ResourceGenerator.ResourceTypeOf(i) == resourceType);
        if (page.GetProperty("total").GetInt32() < expected || page.GetProperty("items").GetArrayLength() != Math.Min(10, Math.Max(0, expected - 20)))
        {
            throw new BenchFailedException($"The resource query found {page.GetProperty("total")} items; at least {expected} generated {resourceType} resources were expected.");
        }

        List<DeliveryTarget> targets =
        [
            new("item: roadmap stage by path", $"{DeliveryIndex.Content}/item{stagePath}", "item.json"),
            new($"query: {resourceType} resources by name, page 3", query, "query.json"),
        ];
        foreach (var target in targets)
        {
            target.Body = await client.GetByteArrayAsync(target.PathAndQuery, ct);
            await File.WriteAllBytesAsync(Path.Combine(mirrorFolder, target.MirrorFile), target.Body, ct);
        }

        return targets;
    }

    /// <summary>The same bytes from both servers, or the comparison would not be fair (a restart must not change the answer).</summary>
    private static async Task EnsureSameBytesAsync(Uri server, DeliveryTarget target, string who, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = server };
        using var response = await client.GetAsync(target.PathAndQuery, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        if (!response.IsSuccessStatusCode || !body.AsSpan().SequenceEqual(target.Body))
        {
            throw new BenchFailedException($"{who} answered {target.PathAndQuery} with {(int)response.StatusCode} and {body.Length} bytes, not the {target.Body.Length} bytes measured first.");
        }
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string pathAndQuery, CancellationToken ct)
    {
        using var response = await client.GetAsync(pathAndQuery, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"GET {pathAndQuery} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
