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
/// <para>
/// Then the kill phase (<see cref="KillPhaseAsync"/>): the same load on the form with the workflow, the site's process
/// SIGKILLed halfway through, the site restarted on the same database; every 202 must be stored, none half-written,
/// and every stored entry's workflow delivered (repeats counted by Idempotency-Key, as at-least-once allows).
/// </para>
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

            await KillPhaseAsync(site, root, settings, database, receiver, ct);
        }
        finally
        {
            if (!options.Keep)
            {
                SiteRoot.Existing(run).Delete();
            }
        }
    }

    /// <summary>
    /// SIGKILL halfway through a load: C loops post to the form with the workflow; at D/2 the loops are told to stop
    /// and the site's process is killed at once, so each loop's request in flight gets no answer. The site is started again on the same
    /// files (SQLite recovers its WAL), its outbox worker takes over the runs the dead process had claimed once their
    /// lease runs out, and the bench waits until no run is Pending or Running, then stops the site cleanly and checks:
    /// every entry that got a 202 before the kill is stored (the 202 carries no entry id, so entries are matched by the
    /// unique name each request posted), no entry lacks its audit or outbox rows, and every stored entry of the phase
    /// was delivered to the receiver; deliveries of one Idempotency-Key more than once are counted as duplicates.
    /// </summary>
    private async Task KillPhaseAsync(MahseSite site, SiteRoot root, Dictionary<string, string> settings, FormsDatabase database, WorkflowReceiver receiver, CancellationToken ct)
    {
        const string Run = "kill";
        var connections = options.Connections;
        var duration = TimeSpan.FromSeconds(options.DurationSeconds);
        output.Heading("forms, kill phase: SIGKILL to the site halfway through a load, then a restart on the same database");
        output.Line($"  load     {connections} concurrent loops on the form with the workflow, the site killed after {(duration / 2).TotalSeconds:N1} s");

        LoadResult load;
        string killed;
        int deliveredBeforeKill;
        await using (var host = await site.StartAsync(root, settings, ct))
        {
            output.Progress($"site started, first 200 after {Figures.Ms(host.TimeToFirstOk)}");
            using var stop = new CancellationTokenSource();
            var running = new PostLoad(host.BaseAddress, ApiKey, connections).RunAsync(BenchForms.EntriesPath + BenchForms.WithWorkflow, HttpStatusCode.Accepted, Run, duration, ct, stop.Token);
            await Task.Delay(duration / 2, ct);

            // The loops are told to start no new request, then the site is killed at once: each loop's request in
            // flight (up to C) is cut off, and no request is sent to a dead port (those would only count refusals).
            stop.Cancel();
            killed = await host.KillAsync();
            deliveredBeforeKill = receiver.CountOf(Run).Distinct;
            load = await running;
            output.Progress($"SIGKILL to pid {host.Id} ({killed}); {load.Accepted.Count:N0} answered 202 before it, {load.Failures:N0} requests in flight got no answer");

            // Nothing may still answer on the site's port: the killed process was the site, not a wrapper around it.
            using var probe = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var answer = await probe.GetAsync(MahseSite.Probe, ct);
                throw new BenchFailedException($"The site's port still answered {(int)answer.StatusCode} after the SIGKILL: the process killed was not the site.");
            }
            catch (HttpRequestException)
            {
            }
        }

        var restart = Stopwatch.StartNew();
        TimeSpan firstOk, drained;
        await using (var host = await site.StartAsync(root, settings, ct))
        {
            firstOk = host.TimeToFirstOk;
            output.Progress($"restarted on the same database, first 200 after {Figures.Ms(firstOk)}; waiting for the outbox to drain");
            var clock = Stopwatch.StartNew();
            while (database.Unfinished(BenchForms.WithWorkflow) > 0 && clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(250, ct);
            }

            drained = restart.Elapsed;

            // The last deliveries are recorded by the receiver before the site records them as Succeeded; settle a moment.
            await Task.Delay(500, ct);
        }

        var acceptedMarkers = load.Accepted.ToHashSet();
        var storedList = database.Markers(BenchForms.WithWorkflow, Run);
        var stored = storedList.ToHashSet();
        var missing = acceptedMarkers.Count(m => !stored.Contains(m));
        var storedTwice = storedList.Count - stored.Count;
        var unanswered = stored.Count(m => !acceptedMarkers.Contains(m));
        var halfWritten = database.HalfWritten(BenchForms.WithWorkflow, 1) + database.HalfWritten(BenchForms.WithoutWorkflow, 0);
        var (byStatus, retried) = database.Runs(BenchForms.WithWorkflow);
        var deliveries = receiver.DeliveriesOf(Run);
        var deliveredMarkers = deliveries.Select(d => d.Marker).ToHashSet();
        var byKey = deliveries.GroupBy(d => d.Key).ToList();
        var duplicates = byKey.Sum(g => g.Count() - 1);
        var keysRepeated = byKey.Count(g => g.Count() > 1);
        var markersUnderTwoKeys = deliveries.GroupBy(d => d.Marker).Count(g => g.Select(d => d.Key).Distinct().Count() > 1);
        var notDelivered = stored.Count(m => !deliveredMarkers.Contains(m));
        var deliveredNotStored = deliveredMarkers.Count(m => !stored.Contains(m));
        var withoutKey = deliveries.Count(d => d.Key.Length == 0);

        var table = new ResultTable("kill phase", "count", "required");
        table.Add("answered 202 before the SIGKILL", load.Accepted.Count.ToString("N0"), "");
        table.Add("  of them stored after the restart", (load.Accepted.Count - missing).ToString("N0"), "all");
        table.Add("  missing", missing.ToString("N0"), "0");
        table.Add("requests in flight at the kill (no answer)", load.Failures.ToString("N0"), "");
        table.Add("  stored anyway (committed, answer lost)", unanswered.ToString("N0"), "");
        table.Add("entries stored in the phase", stored.Count.ToString("N0"), "");
        table.Add("  stored twice (one request, two entries)", storedTwice.ToString("N0"), "0");
        table.Add("entries missing their audit or outbox rows (whole database)", halfWritten.ToString("N0"), "0");
        table.Add("outbox rows of the form by status", string.Join(", ", byStatus.OrderBy(b => b.Key).Select(b => $"{b.Value:N0} {b.Key}")), "all Succeeded");
        table.Add("  rows run more than once (a dead process's claim resumed, or a retry)", retried.ToString("N0"), "");
        table.Add("entries delivered before the kill", deliveredBeforeKill.ToString("N0"), "");
        table.Add("distinct entries delivered", deliveredMarkers.Count.ToString("N0"), $"= stored ({stored.Count:N0})");
        table.Add("  stored entries never delivered", notDelivered.ToString("N0"), "0");
        table.Add("  delivered entries not stored", deliveredNotStored.ToString("N0"), "0");
        table.Add("deliveries in all", deliveries.Count.ToString("N0"), "");
        table.Add("  duplicates: same Idempotency-Key again", $"{duplicates:N0} ({keysRepeated:N0} keys)", "allowed, reported");
        table.Add("  one entry under two Idempotency-Keys", markersUnderTwoKeys.ToString("N0"), "0");
        table.Add("  deliveries without an Idempotency-Key", withoutKey.ToString("N0"), "0");
        output.Table(table);
        output.Line();
        output.Line($"  killed: {killed}");
        output.Line($"  restart: first 200 after {Figures.Ms(firstOk)}; no run Pending or Running {Figures.Ms(drained)} after the restart began");
        output.Line("  (the dead process's claims are taken over when their lease ends: Mahse:Forms:Workflows:LeaseTimeout, shortened for the bench).");
        output.Line("  A duplicate is a run whose delivery reached the receiver but whose Succeeded was not committed before the kill:");
        output.Line("  at-least-once. The receiver can drop it by its Idempotency-Key, which every attempt at one outbox row repeats.");

        var failures = new List<string>();
        if (missing > 0)
        {
            failures.Add($"{missing} entries that got a 202 are missing after the restart");
        }

        if (storedTwice > 0 || halfWritten > 0)
        {
            failures.Add($"{storedTwice} entries stored twice, {halfWritten} half-written");
        }

        if (notDelivered > 0 || deliveredNotStored > 0 || markersUnderTwoKeys > 0 || withoutKey > 0)
        {
            failures.Add($"workflow deliveries do not match the stored entries ({notDelivered} never delivered, {deliveredNotStored} not stored, {markersUnderTwoKeys} under two keys, {withoutKey} without a key)");
        }

        if (byStatus.Any(b => b.Key != "Succeeded"))
        {
            failures.Add("outbox rows not Succeeded: " + string.Join(", ", byStatus.Where(b => b.Key != "Succeeded").Select(b => $"{b.Value} {b.Key}")));
        }

        if (failures.Count > 0)
        {
            throw new BenchFailedException("Kill phase: " + string.Join("; ", failures) + ".");
        }
    }

    private static Dictionary<string, string> Settings() => SiteSettings.With(
        ("uSync:Settings:ImportOnFirstBoot", "false"),
        ("Umbraco:Forms:Options:EnableFormsApi", "true"),
        ("Umbraco:Forms:Security:FormsApiKey", ApiKey),
        ("Umbraco:Forms:Security:EnableAntiForgeryTokenForFormsApi", "false"),
        ("Mahse:Forms:RateLimit:PermitsPerMinute", "100000000"),
        // The kill phase: a restarted site looks at the outbox soon and takes over a dead process's claims after
        // 10 s instead of 5 minutes (the lease is at least twice RunTimeout, so that is shortened too).
        ("Mahse:Forms:Workflows:StartDelay", "00:00:01"),
        ("Mahse:Forms:Workflows:PollInterval", "00:00:01"),
        ("Mahse:Forms:Workflows:RunTimeout", "00:00:05"),
        ("Mahse:Forms:Workflows:HttpTimeout", "00:00:04"),
        ("Mahse:Forms:Workflows:LeaseTimeout", "00:00:10"));

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
