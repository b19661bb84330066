using System.Diagnostics;
using Mahse.Bench.Generation;
using Mahse.Bench.Hosting;
using Mahse.Bench.Reporting;

namespace Mahse.Bench.Benches;

/// <summary>
/// The sync command line on N generated resources, into a new site that already holds the MAHSE schema and content:
/// an import (every document created, saved and published), a no-change re-import of the same folder, and an export
/// of the whole site. Durations are the ones the sync's own report prints (the process's boot is shown apart). Baseline:
/// XElement.Load of the same files in this process, and for the export a load-and-save of the files it wrote.
/// </summary>
public sealed class UsyncBench(BenchOptions options, BenchOutput output) : IBench
{
    /// <summary>
    /// Importing saves and publishes each document through Umbraco's IContentService; at 0.15–0.5 s an
    /// item on this machine, 10,000 take most of an hour, so the default is 1,000 (pass --items 10000 for the full set).
    /// </summary>
    public const int DefaultItems = 1_000;

    public async Task RunAsync(CancellationToken ct)
    {
        var items = options.Items ?? DefaultItems;
        var repository = RepositoryPaths.Find(options);
        var cli = new SyncCli(repository);
        output.Heading($"usync: sync command line with {items:N0} generated resources on a site with the MAHSE schema");

        var run = Path.Combine(options.WorkFolder, "runs", $"usync-{DateTime.Now:yyyyMMdd-HHmmss}");
        var root = SiteRoot.Create(Path.Combine(run, "site"), repository, repository.MahseUsync);
        output.Progress("installing Umbraco and importing the MAHSE folder (set-up, not measured)");
        var setUp = await cli.RunAsync(root, "import", null, ct);
        Ensure(setUp.ExitCode == 0 && setUp.Count("Fail") == 0, "the MAHSE folder did not import clean", setUp);
        output.Progress($"set-up: {setUp.Items} MAHSE items in {Figures.Ms(setUp.ReportDuration)}, process {Figures.Ms(setUp.Wall)}");

        var generated = Path.Combine(run, "generated", "v17");
        var clock = Stopwatch.StartNew();
        var files = new ResourceGenerator(MahseSeed.Load(repository.MahseUsync)).Write(generated, items);
        output.Progress($"generated {files.Count:N0} files in {Figures.Ms(clock.Elapsed)}");
        var parse = XmlBaseline.Parse(files);

        output.Progress($"usync import of {items:N0} new items");
        var import = await cli.RunAsync(root, "import", generated, ct);
        Ensure(import.ExitCode == 0 && import.Count("Create") == items, $"the import did not create {items} items", import);

        output.Progress("usync import of the same folder again (no change)");
        var again = await cli.RunAsync(root, "import", generated, ct);
        Ensure(again.ExitCode == 0 && again.Count("NoChange") == items, $"the re-import did not report {items} NoChange", again);

        output.Progress("usync export of the whole site");
        var exportFolder = Path.Combine(run, "export", "v17");
        var export = await cli.RunAsync(root, "export", exportFolder, ct);
        Ensure(export.ExitCode == 0 && export.Count("Fail") == 0, "the export failed", export);
        var exported = Directory.EnumerateFiles(exportFolder, "*.config", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "usync.config").ToList();
        var write = XmlBaseline.ParseAndWrite(exported, Path.Combine(run, "baseline-export"));

        var table = new ResultTable("step", "items", "duration", "items/s", "ms/item", "vs baseline", "process (boot + run + exit)");
        void Row(string step, int count, TimeSpan duration, string versus, string process) =>
            table.Add(step, count.ToString("N0"), Figures.Ms(duration), Figures.Count(count / duration.TotalSeconds), Figures.Ms(duration.TotalMilliseconds / count), versus, process);

        Row("baseline: XElement.Load of the generated files", files.Count, parse, "baseline", "");
        Row("usync import (create, save, publish)", import.Items, import.ReportDuration, Figures.Ratio(PerItem(import.ReportDuration, import.Items), PerItem(parse, files.Count)) + " per item", Figures.Ms(import.Wall));
        Row("usync re-import (no change)", again.Items, again.ReportDuration, Figures.Ratio(PerItem(again.ReportDuration, again.Items), PerItem(parse, files.Count)) + " per item", Figures.Ms(again.Wall));
        Row("baseline: XElement.Load + Save of the exported files", exported.Count, write, "baseline", "");
        Row("usync export (whole site)", export.Items, export.ReportDuration, Figures.Ratio(PerItem(export.ReportDuration, export.Items), PerItem(write, exported.Count)) + " per item", Figures.Ms(export.Wall));
        output.Table(table);
        output.Line();
        output.Line($"  Durations are the sync report's own; the process column adds starting the host and booting Umbraco");
        output.Line($"  (set-up boot with install: {Figures.Ms(setUp.Overhead)}; later boots: import {Figures.Ms(import.Overhead)}, re-import {Figures.Ms(again.Overhead)}, export {Figures.Ms(export.Overhead)}).");
        output.Line($"  Import counts: {Counts(import)}; re-import: {Counts(again)}; export: {Counts(export)}.");

        if (!options.Keep)
        {
            root.Delete();
            Directory.Delete(run, recursive: true);
        }
    }

    private static double PerItem(TimeSpan duration, int items) => duration.TotalMilliseconds / Math.Max(1, items);

    private static string Counts(SyncRun run) => string.Join(", ", run.Changes.Where(c => c.Value > 0).Select(c => $"{c.Value:N0} {c.Key}"));

    private static void Ensure(bool condition, string problem, SyncRun run)
    {
        if (!condition)
        {
            throw new BenchFailedException($"{problem} (exit {run.ExitCode}, {Counts(run)}):\n{SyncRun.Tail(run.Output)}");
        }
    }
}
