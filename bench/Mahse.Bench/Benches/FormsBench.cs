using System.Diagnostics;
using System.Net;
using Mahse.Bench.Forms;
using Mahse.Bench.Hosting;
using Mahse.Bench.Reporting;

namespace Mahse.Bench.Benches;

/// <summary>
/// Forms entries through the Forms delivery API (<c>POST /umbraco/forms/delivery/api/v1/entries/{id}</c>) on a new
/// site: C concurrent loops for D seconds, against a form with one "Send form to URL" workflow (to a receiver in this
/// process) and against one with none; each figure beside SQLite's floor for the same rows (see
/// <see cref="SqliteFloor"/>), and beside the same route answering 404 for an unknown form (the host's own cost). After
/// the load the site is stopped and the database must hold every entry that got a 202, none half-written.
/// </summary>
public sealed class FormsBench(BenchOptions options, BenchOutput output) : IBench
{
    public const string ApiKey = "forms-bench-api-key-0123456789";

    public async Task RunAsync(CancellationToken ct)
    {
        var repository = RepositoryPaths.Find(options);
        var connections = options.Connections;
        var duration = TimeSpan.FromSeconds(options.DurationSeconds);
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        output.Heading($"forms: accepted entries per second through the Forms API, against SQLite's floor for the same writes");
        output.Line($"  load     {connections} concurrent HttpClient loops (one connection each), {warmup.TotalSeconds:N0} s warm-up then {duration.TotalSeconds:N0} s measured per target, loopback");

        await using var receiver = await WorkflowReceiver.StartAsync();
        var run = Path.Combine(options.WorkFolder, "runs", $"forms-{DateTime.Now:yyyyMMdd-HHmmss}");
        var root = SiteRoot.Create(Path.Combine(run, "site"), repository, usyncSource: null);
        var site = new MahseSite(repository);
        var settings = Settings();
        try
        {
            output.Progress("installing Umbraco on a new database (set-up, not measured)");
            await using (var install = await site.StartAsync(root, settings, ct))
            {
                output.Progress($"installed, first 200 after {Figures.Ms(install.TimeToFirstOk)}");
            }

            // Written while the site is stopped, as FormStore stores forms; the site reads them on first use.
            var database = new FormsDatabase(root.Database);
            database.Insert(BenchForms.Create(BenchForms.WithWorkflow, "Bench: one workflow", receiver.Url));
            database.Insert(BenchForms.Create(BenchForms.WithoutWorkflow, "Bench: no workflow", null));

            var accepted = new Dictionary<Guid, int> { [BenchForms.WithWorkflow] = 0, [BenchForms.WithoutWorkflow] = 0 };
            var results = new Dictionary<string, LoadResult>();
            var drained = TimeSpan.Zero;
            await using (var host = await site.StartAsync(root, settings, ct))
            {
                output.Progress($"site started, first 200 after {Figures.Ms(host.TimeToFirstOk)}");
                await EnsureFormsApiAsync(host.BaseAddress, ct);
                var load = new PostLoad(host.BaseAddress, ApiKey, connections);
                foreach (var (name, form, expected) in new[]
                {
                    ("wf", BenchForms.WithWorkflow, HttpStatusCode.Accepted),
                    ("nowf", BenchForms.WithoutWorkflow, HttpStatusCode.Accepted),
                    ("unknown", BenchForms.Unknown, HttpStatusCode.NotFound),
                })
                {
                    output.Progress($"POST entries/{form} ({name}): warm-up, then measured");
                    var warm = await load.RunAsync(BenchForms.EntriesPath + form, expected, $"warm{name}", warmup, ct);
                    var measured = await load.RunAsync(BenchForms.EntriesPath + form, expected, name, duration, ct);
                    results[name] = measured;
                    if (accepted.ContainsKey(form))
                    {
                        accepted[form] += warm.Accepted.Count + measured.Accepted.Count;
                    }

                    output.Progress($"  {Figures.Count(measured.PerSecond)}/s, {measured.UnexpectedSummary} unexpected{(measured.FirstUnexpected is { } first ? $" (first: {first})" : "")}");
                }

                // The outbox worker runs in the background: wait (up to a minute) until every measured entry's workflow arrived.
                var clock = Stopwatch.StartNew();
                while (receiver.CountOf("wf").Distinct < results["wf"].Accepted.Count && clock.Elapsed < TimeSpan.FromMinutes(1))
                {
                    await Task.Delay(250, ct);
                }

                drained = clock.Elapsed;
            }

            var stored = accepted.ToDictionary(a => a.Key, a => database.Entries(a.Key));
            var halfWritten = database.HalfWritten(BenchForms.WithWorkflow, 1) + database.HalfWritten(BenchForms.WithoutWorkflow, 0);

            // The floor, on a copy of the database the site just left (stopped cleanly, so its WAL is checkpointed).
            var floorPath = Path.Combine(run, "floor.sqlite.db");
            File.Copy(root.Database, floorPath);
            var floor = new SqliteFloor(floorPath, connections);
            output.Progress($"SQLite floor on a copy of the site's database: {floor.Pragmas()}");
            var wfRows = floor.Sample(BenchForms.WithWorkflow);
            var nowfRows = floor.Sample(BenchForms.WithoutWorkflow);
            var wfFloor = floor.Run(wfRows, oneWriter: true, duration);
            var wfContending = floor.Run(wfRows, oneWriter: false, duration);
            var nowfFloor = floor.Run(nowfRows, oneWriter: true, duration);

            var table = new ResultTable("target", "per entry", "accepted/s", "p50", "p99", "% of floor", "p50 vs floor", "unexpected");
            void Site(string label, LoadResult r, FloorResult f, string rows) => table.Add(label, rows, Figures.Count(r.PerSecond), Figures.Ms(r.Percentile(0.5)), Figures.Ms(r.Percentile(0.99)),
                Figures.Percent(r.PerSecond, f.PerSecond), Figures.Ratio(r.Percentile(0.5), f.P50), r.UnexpectedSummary);
            void Floor(string label, FloorResult f, FloorResult baseline, string rows) => table.Add(label, rows, Figures.Count(f.PerSecond), Figures.Ms(f.P50), Figures.Ms(f.P99),
                Figures.Percent(f.PerSecond, baseline.PerSecond), Figures.Ratio(f.P50, baseline.P50), f.BusyWaits == 0 ? "0" : $"{f.BusyWaits} busy waits");
            Site("site: form with 1 workflow", results["wf"], wfFloor, $"{wfRows.Count} rows");
            Floor("  SQLite floor, one writer at a time", wfFloor, wfFloor, $"{wfRows.Count} rows + lock");
            Floor("  SQLite, C connections contending", wfContending, wfFloor, $"{wfRows.Count} rows + lock");
            Site("site: form without workflows", results["nowf"], nowfFloor, $"{nowfRows.Count} rows");
            Floor("  SQLite floor, one writer at a time", nowfFloor, nowfFloor, $"{nowfRows.Count} rows + lock");
            var unknown = results["unknown"];
            table.Add("site: same route, unknown form (404)", "nothing stored", Figures.Count(unknown.PerSecond), Figures.Ms(unknown.Percentile(0.5)), Figures.Ms(unknown.Percentile(0.99)), "", "", unknown.UnexpectedSummary);
            output.Table(table);
            output.Line();
            output.Line($"  accepted/s: 202 answers per second (for the floor: committed transactions per second; for the 404 row: 404s per second), C = {connections}.");
            output.Line("  % of floor: the site's accepted/s as a share of SQLite's one-writer floor for the same rows, measured after it in this run.");
            output.Line("  SQLite rows: the entry, its audit rows (Submitted, Approved) and its outbox rows, copied from an entry the site wrote, plus");
            output.Line("  the module's umbracoLock row update (Umbraco's write lock on SQLite); one deferred transaction per entry, as the site's scope.");
            output.Line("  busy waits: transactions whose lock statement waited out Microsoft.Data.Sqlite's 150 ms sleep after SQLITE_BUSY.");
            foreach (var (form, count) in accepted)
            {
                output.Line($"  {(form == BenchForms.WithWorkflow ? "with workflow" : "no workflow")}: {count:N0} answered 202 (warm-up and measured), {stored[form]:N0} stored after a clean stop.");
            }

            output.Line($"  entries missing their audit or outbox rows: {halfWritten}.");
            var (distinct, total) = receiver.CountOf("wf");
            output.Line($"  workflow deliveries for the {results["wf"].Accepted.Count:N0} measured entries with a workflow: {distinct:N0} entries delivered ({total - distinct} duplicates), {Figures.Ms(drained)} after the load ended.");
            if (stored.Any(s => s.Value < accepted[s.Key]) || halfWritten > 0)
            {
                throw new BenchFailedException("Entries that got a 202 are missing, or entries are half-written (see above).");
            }
        }
        finally
        {
            if (!options.Keep)
            {
                SiteRoot.Existing(run).Delete();
            }
        }
    }

    private static Dictionary<string, string> Settings() => SiteSettings.With(
        ("uSync:Settings:ImportOnFirstBoot", "false"),
        ("Umbraco:Forms:Options:EnableFormsApi", "true"),
        ("Umbraco:Forms:Security:FormsApiKey", ApiKey),
        ("Umbraco:Forms:Security:EnableAntiForgeryTokenForFormsApi", "false"),
        ("Mahse:Forms:RateLimit:PermitsPerMinute", "100000000"));

    /// <summary>The definition of the bench form, and one accepted entry: without them there is nothing to measure.</summary>
    private static async Task EnsureFormsApiAsync(Uri site, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = site };
        client.DefaultRequestHeaders.Add("Api-Key", ApiKey);
        using var definition = await client.GetAsync(BenchForms.DefinitionsPath + BenchForms.WithWorkflow, ct);
        if (definition.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchFailedException($"GET {BenchForms.DefinitionsPath}{BenchForms.WithWorkflow} answered {(int)definition.StatusCode} " +
                $"({await definition.Content.ReadAsStringAsync(ct)}): this build has no Forms delivery API yet, or it did not find the bench's form.");
        }
    }
}
