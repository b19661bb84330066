using Mahse.Bench.Generation;
using Mahse.Bench.Hosting;
using Mahse.Bench.Reporting;

namespace Mahse.Bench.Benches;

/// <summary>
/// Cold start to the first 200 of the Delivery API, from the moment <c>dotnet Mahse.Web.dll</c> is started: a new
/// site's first boot with the MAHSE folder (unattended install plus the sync import), a restart of it, and a restart
/// of a site holding the MAHSE site plus N generated resources. Baselines from the same run: the same host with an
/// empty uSync folder (Umbraco alone: install, then restart), and a trivial ASP.NET Core app. Cases take turns in
/// each round, so that a burst of load from elsewhere on the machine falls on all of them rather than on one.
/// </summary>
public sealed class StartupBench(BenchOptions options, BenchOutput output) : IBench
{
    public async Task RunAsync(CancellationToken ct)
    {
        var items = options.Items ?? 10_000;
        var repository = RepositoryPaths.Find(options);
        var seed = MahseSeed.Load(repository.MahseUsync);
        var site = new MahseSite(repository);
        output.Heading($"startup: process start to the first 200 of {MahseSite.Probe}, {options.Repeat} rounds");

        var prepared = await new PreparedSites(repository, options, output).GetAsync(items, ct);
        var run = Path.Combine(options.WorkFolder, "runs", $"startup-{DateTime.Now:yyyyMMdd-HHmmss}");
        var large = prepared.CopyTo(Path.Combine(run, "large"));

        var minimal = new StartupCase("trivial ASP.NET Core app (floor)", null);
        var emptyFirst = new StartupCase("Umbraco alone, first boot (install, empty uSync folder)", null);
        var emptyRestart = new StartupCase("Umbraco alone, restart", null);
        var mahseFirst = new StartupCase($"(a) MAHSE first boot (install + import of the MAHSE folder)", emptyFirst.Label);
        var mahseRestart = new StartupCase("(b) MAHSE site, restart", emptyRestart.Label);
        var largeRestart = new StartupCase($"(c) MAHSE + {items:N0} generated items, restart", emptyRestart.Label);

        var firstBoot = SiteSettings.With(("uSync:Settings:ImportOnFirstBoot", "true"));
        var restart = SiteSettings.With(("uSync:Settings:ImportOnFirstBoot", "false"));
        for (var round = 1; round <= options.Repeat; round++)
        {
            output.Progress($"round {round} of {options.Repeat}");
            await MeasureMinimalAsync(minimal, ct);

            var empty = SiteRoot.Create(Path.Combine(run, $"empty-{round}"), repository, usyncSource: null);
            await MeasureAsync(emptyFirst, () => site.StartAsync(empty, firstBoot, ct), listed: 0, ct);
            await MeasureAsync(emptyRestart, () => site.StartAsync(empty, restart, ct), listed: 0, ct);

            var mahse = SiteRoot.Create(Path.Combine(run, $"mahse-{round}"), repository, repository.MahseUsync);
            await MeasureAsync(mahseFirst, () => site.StartAsync(mahse, firstBoot, ct), seed.PublicDocuments, ct);
            await MeasureAsync(mahseRestart, () => site.StartAsync(mahse, restart, ct), seed.PublicDocuments, ct);

            await MeasureAsync(largeRestart, () => site.StartAsync(large, restart, ct), seed.PublicDocuments + items, ct);

            if (!options.Keep)
            {
                empty.Delete();
                mahse.Delete();
            }
        }

        if (!options.Keep)
        {
            large.Delete();
            SiteRoot.Existing(run).Delete();
        }

        Print([minimal, emptyFirst, mahseFirst, emptyRestart, mahseRestart, largeRestart], minimal);
    }

    /// <summary>Starts a site, records its time to the first 200 and, when documents are expected, until all are listed; stops it.</summary>
    private async Task MeasureAsync(StartupCase startup, Func<Task<HostProcess>> start, int listed, CancellationToken ct)
    {
        await using var host = await start();
        startup.FirstOkMs.Add(host.TimeToFirstOk.TotalMilliseconds);
        var note = $"{startup.Label}: first 200 after {Figures.Ms(host.TimeToFirstOk)}";
        if (listed > 0)
        {
            var indexed = await DeliveryIndex.WaitForAsync(host.BaseAddress, "", listed, TimeSpan.FromMinutes(30), ct);
            var all = host.TimeToFirstOk + indexed;
            startup.AllListedMs.Add(all.TotalMilliseconds);
            note += $", all {listed:N0} documents listed after {Figures.Ms(all)}";
        }

        output.Progress(note);
    }

    private async Task MeasureMinimalAsync(StartupCase startup, CancellationToken ct)
    {
        var self = Path.Combine(AppContext.BaseDirectory, "Mahse.Bench.dll");
        await using var host = await HostProcess.StartAsync(self, ["minimal-host"], SiteSettings.Defaults(), MinimalHost.Probe, TimeSpan.FromMinutes(1), ct);
        startup.FirstOkMs.Add(host.TimeToFirstOk.TotalMilliseconds);
        output.Progress($"{startup.Label}: first 200 after {Figures.Ms(host.TimeToFirstOk)}");
    }

    private void Print(IReadOnlyList<StartupCase> cases, StartupCase floor)
    {
        var byLabel = cases.ToDictionary(c => c.Label);
        var table = new ResultTable("case", "first 200 (median)", "min – max", "vs baseline", "vs trivial app", "all documents listed (median)");
        foreach (var startup in cases)
        {
            var median = Figures.Median(startup.FirstOkMs);
            var versus = startup.BaselineLabel is { } b ? $"{Figures.Ratio(median, Figures.Median(byLabel[b].FirstOkMs))} of \"{Short(b)}\"" : "baseline";
            table.Add(
                startup.Label,
                Figures.Ms(median),
                $"{Figures.Ms(startup.FirstOkMs.Min())} – {Figures.Ms(startup.FirstOkMs.Max())}",
                versus,
                startup == floor ? "×1.00" : Figures.Ratio(median, Figures.Median(floor.FirstOkMs)),
                startup.AllListedMs.Count > 0 ? Figures.Ms(Figures.Median(startup.AllListedMs)) : "");
        }

        output.Table(table);
        output.Line();
        output.Line("  Times run from starting the process to the first 200; \"all documents listed\" adds Umbraco's background");
        output.Line("  indexing until the Delivery API lists every published public document.");
    }

    private static string Short(string label) => label.Split(',')[0] + (label.Contains("first boot") ? ", first boot" : label.Contains("restart") ? ", restart" : "");
}
