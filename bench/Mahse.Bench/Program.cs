// Benchmarks. Default: the foundation (start-up, bulk create+publish, publish-to-cache latency, cache memory);
// `usync [items]`: uSync import, no-change re-import and export. `delivery [items] [seconds]`: Delivery API under
// wrk against nginx serving the same bytes (needs apt packages wrk and nginx). `search [documents]`: index layer against raw Lucene.Net.
// `survey [responses]`: import, index rebuild, faceted search against raw Lucene, centres ranking at 100,000 responses.
// `forms [seconds]`: sustained fellowship applications through the Forms API, then a run killed with SIGKILL and a restart.
// `members [seconds]`: sign-in through the login form and member-token item reads (protected against public) under wrk.
// Foundation benchmark: start-up, bulk create+publish, publish-to-cache latency and cache memory, on SQLite,
// each next to a baseline measured in the same run. Run: dotnet run -c Release --project bench/Mahse.Bench [-- items]
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mahse.Bench;

if (args is ["host", var root, var url])
{
    await BenchHost.RunAsync(root, url);
    return;
}

if (args is ["forms-host", var formsRoot, var formsUrl])
{
    await FormsBench.RunHostAsync(formsRoot, formsUrl);
    return;
}

if (args is ["survey", ..])
{
    await SurveyBench.RunAsync(args.Length > 1 && int.TryParse(args[1], out var responses) ? responses : 100_000);
    return;
}

if (args is ["forms", ..])
{
    await FormsBench.RunAsync(args.Length > 1 && int.TryParse(args[1], out var formSeconds) ? formSeconds : 10);
    return;
}

if (args is ["search", ..])
{
    await SearchBench.RunAsync(args.Length > 1 && int.TryParse(args[1], out var documents) ? documents : 100_000);
    return;
}

if (args is ["delivery", ..])
{
    await DeliveryBench.RunAsync(
        args.Length > 1 && int.TryParse(args[1], out var generated) ? generated : 10_000,
        args.Length > 2 && int.TryParse(args[2], out var seconds) ? seconds : 10);
    return;
}

if (args is ["members", ..])
{
    await MembersBench.RunAsync(args.Length > 1 && int.TryParse(args[1], out var memberSeconds) ? memberSeconds : 10);
    return;
}

if (args is ["usync", ..])
{
    await UsyncBench.RunAsync(args.Length > 1 && int.TryParse(args[1], out var count) ? count : 10_000);
    return;
}

var items = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 10_000;
Console.WriteLine($"Mahse.Umbraco foundation benchmark — {DateTime.UtcNow:u}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):F1} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"items: {items} published documents, SQLite");
Console.WriteLine();

var empty = BenchHost.NewContentRoot();
var full = BenchHost.NewContentRoot();
try
{
    // Baseline start-up: a database that has only the defaults (first boot creates it, second boot is timed).
    await BenchHost.TimeStartupAsync(empty);
    var emptyStartup = await BenchHost.TimeStartupAsync(empty);

    var load = await Loader.CreateAndPublishAsync(full, items);
    var fullStartup = await BenchHost.TimeStartupAsync(full);

    Console.WriteLine("| measure | figure | baseline (same run) | target |");
    Console.WriteLine("| --- | --- | --- | --- |");
    Console.WriteLine($"| start-up to first 200 from /health, {items} items | {fullStartup.TotalMilliseconds:F0} ms | {emptyStartup.TotalMilliseconds:F0} ms with no content | < 5000 ms |");
    Console.WriteLine($"| create + publish {items} items through the services | {load.CreateAndPublish.TotalSeconds:F1} s ({items / load.CreateAndPublish.TotalSeconds:F0} items/s) | {load.RawInsert.TotalSeconds:F1} s for bare EF inserts of the same node+version rows | < 60 s |");
    Console.WriteLine($"| publish via HTTP, visible in cache when the call returns | {load.VisibleAtReturn}/{load.PublishSamples} visible; call p50 {load.PublishP50:F1} ms, p95 {load.PublishP95:F1} ms | save via HTTP p50 {load.SaveP50:F1} ms | visible within 50 ms |");
    Console.WriteLine($"| published cache memory per item | {load.BytesPerItem:F0} bytes ({load.CacheBytes / 1024.0 / 1024.0:F1} MiB for {load.CachedItems}) | version rows' JSON: {load.AverageValuesJsonBytes:F0} bytes per item | reported |");
    Console.WriteLine($"| full cache rebuild from the database | {load.Rebuild.TotalMilliseconds:F0} ms | | |");
}
finally
{
    BenchHost.Delete(empty);
    BenchHost.Delete(full);
}
