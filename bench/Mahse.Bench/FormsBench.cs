using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mahse.Web;
using Microsoft.Data.Sqlite;

namespace Mahse.Bench;

/// <summary>
/// Forms: sustained fellowship applications through the Forms API (SQLite), counted afterwards in the database,
/// against SQLite's floor for the same writes; then a load run killed with SIGKILL midway: every entry that got a
/// 202 must be there after a restart, and every outbox workflow must have run once (emails counted on disk).
/// </summary>
internal static class FormsBench
{
    private const string ApiKey = "forms-bench-key";
    private static readonly Guid Fellowship = Guid.Parse("c5cd4af5-351c-5509-8ed3-e886584cf1e2");
    private static readonly string Pdf = "data:application/pdf;base64," + Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n% bench cv\n%%EOF"));

    public static Dictionary<string, string?> Settings(string root)
    {
        var settings = BenchHost.Settings(root);
        settings["uSync:Settings:ImportOnFirstBoot"] = "true";
        settings["Umbraco:Forms:Options:EnableFormsApi"] = "true";
        settings["Umbraco:Forms:Security:FormsApiKey"] = ApiKey;
        settings["Umbraco:Forms:Security:EnableAntiForgeryTokenForFormsApi"] = "false";
        settings["Mahse:Forms:RateLimit:PermitsPerMinute"] = "100000000";
        settings["Umbraco:CMS:Global:Smtp:DeliveryMethod"] = "SpecifiedPickupDirectory";
        settings["Umbraco:CMS:Global:Smtp:PickupDirectoryLocation"] = "umbraco/Data/mail";
        return settings;
    }

    /// <summary>The child side: the portal with the bench's forms settings.</summary>
    public static async Task RunHostAsync(string root, string url)
    {
        var app = MahseApp.Create(["--urls", url], root, Settings(root));
        await app.RunAsync();
    }

    public static async Task RunAsync(int seconds)
    {
        var root = BenchHost.NewContentRoot();
        try
        {
            DeliveryBench.CopyDirectory(Path.Combine(DeliveryBench.RepositoryRoot(), "uSync", "v17"), Path.Combine(root, "uSync", "v17"));

            // 1. Sustained load, graceful stop, then count.
            var (process, url) = await StartAsync(root);
            var load = await LoadAsync(url, "steady", connections: 16, seconds, killAfter: null, process);
            await StopAsync(process);
            var steadyFound = CountEntries(root, load.Accepted);
            var floor = SqliteFloor(root, connections: 16, seconds);

            // 2. A load run killed with SIGKILL midway, a restart, the worker drained.
            (process, url) = await StartAsync(root);
            var killed = await LoadAsync(url, "killed", connections: 16, seconds, killAfter: TimeSpan.FromSeconds(seconds / 2.0), process);
            (process, url) = await StartAsync(root);
            var killedFound = CountEntries(root, killed.Accepted);
            var drained = await DrainAsync(root);
            await StopAsync(process);
            var mail = CountMail(root);

            Console.WriteLine($"Forms benchmark: the MAHSE fellowship application (4 pages, a PDF upload, 2 workflows per entry), SQLite, {Environment.ProcessorCount} cores, 16 clients, {seconds} s");
            Console.WriteLine("| measure | figure | baseline, same run | target |");
            Console.WriteLine("| --- | --- | --- | --- |");
            Console.WriteLine($"| accepted entries per second | {load.Accepted.Count / (double)seconds:F0}/s (p50 {load.P50:F1} ms, p99 {load.P99:F1} ms, {load.Errors} errors) | SQLite floor for the same rows (entry, audit, 2 outbox), 16 writers: {floor:F0}/s | ≥ 300/s |");
            Console.WriteLine($"| 202s present afterwards | {steadyFound} of {load.Accepted.Count} | | all |");
            Console.WriteLine($"| SIGKILL after {seconds / 2.0:F1} s: 202s present after restart | {killedFound} of {killed.Accepted.Count} ({killed.Unanswered} requests refused or cut off once the process was gone) | | all |");
            Console.WriteLine($"| outbox after restart and drain | {drained.Succeeded} succeeded, {drained.Pending} pending, {drained.Failed} failed, {drained.Extra} runs with more than one attempt | | all succeeded once |");
            Console.WriteLine($"| emails written by the workflows | {mail.Total} for {mail.Entries} entries; {mail.Duplicates} duplicates | 2 per entry | no duplicates |");
        }
        finally
        {
            BenchHost.Delete(root);
        }
    }

    private sealed record Load(List<string> Accepted, double P50, double P99, int Errors, int Unanswered);

    private static async Task<(Process, string)> StartAsync(string root)
    {
        var url = $"http://127.0.0.1:{BenchHost.FreePort()}";
        var process = Process.Start(new ProcessStartInfo("dotnet", [typeof(FormsBench).Assembly.Location, "forms-host", root, url]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                if ((await http.GetAsync(url + "/health")).StatusCode == HttpStatusCode.OK)
                {
                    return (process, url);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The forms host did not start.");
    }

    private static async Task StopAsync(Process process)
    {
        // SIGTERM: a graceful stop, as a service manager would.
        Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
        await process.WaitForExitAsync();
    }

    private static async Task<Load> LoadAsync(string url, string run, int connections, int seconds, TimeSpan? killAfter, Process process)
    {
        var accepted = new ConcurrentBag<string>();
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var unanswered = 0;
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var killer = killAfter is { } after ? Task.Delay(after).ContinueWith(_ => process.Kill()) : Task.CompletedTask; // Process.Kill sends SIGKILL
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
            client.DefaultRequestHeaders.Add("Api-Key", ApiKey);
            for (var i = 0; DateTime.UtcNow < until; i++)
            {
                var email = $"{run}-{worker}-{i}@bench.test";
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var response = await client.PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{Fellowship}", Entry(email));
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        accepted.Add(email);
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref unanswered);
                    if (process.HasExited)
                    {
                        return;
                    }
                }
            }
        }));
        await killer;
        var sorted = latencies.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
        return new Load(accepted.ToList(), At(0.5), At(0.99), errors, unanswered);
    }

    private static JsonObject Entry(string email) => new()
    {
        ["values"] = new JsonObject
        {
            ["name"] = "Bench Applicant", ["email"] = email, ["jobTitle"] = "Healthcare Scientist", ["careerStage"] = "Clinical scientist",
            ["division"] = "Physiological sciences", ["employer"] = "A North West trust", ["employerInNorthWest"] = "Yes", ["region"] = "Greater Manchester",
            ["lineManagerSupport"] = "on", ["lineManagerName"] = "Lee Manager", ["lineManagerEmail"] = "lee@bench.test",
            ["projectTitle"] = "Bench project", ["summary"] = "Summary", ["serviceProblem"] = "Problem", ["aims"] = "Aims", ["riSkills"] = "Skills",
            ["expectedImpact"] = "Impact", ["timeline"] = "12 months", ["costs"] = "10000",
            ["cv"] = new JsonArray(new JsonObject { ["fileName"] = "cv.pdf", ["fileContents"] = Pdf }),
            ["declaration"] = "on", ["dataConsent"] = "on",
        },
    };

    private static SqliteConnection Open(string root) =>
        new($"Data Source={Path.Combine(root, "umbraco", "Data", "Umbraco.sqlite.db")};Pooling=False");

    /// <summary>How many of the accepted applicants' emails appear in stored entries.</summary>
    private static int CountEntries(string root, List<string> accepted)
    {
        using var db = Open(root);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT ValuesJson FROM mahseFormEntry";
        var stored = new HashSet<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var values = JsonNode.Parse(reader.GetString(0))!.AsObject();
            foreach (var (_, list) in values)
            {
                foreach (var value in list!.AsArray())
                {
                    if (value?.ToString() is { } text && text.EndsWith("@bench.test", StringComparison.Ordinal))
                    {
                        stored.Add(text);
                    }
                }
            }
        }

        return accepted.Count(stored.Contains);
    }

    private sealed record Drain(int Succeeded, int Pending, int Failed, int Extra);

    /// <summary>Waits until the restarted worker has no pending runs (up to two minutes), then reads the outbox.</summary>
    private static async Task<Drain> DrainAsync(string root)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            using var db = Open(root);
            db.Open();
            long Count(string sql)
            {
                using var command = db.CreateCommand();
                command.CommandText = sql;
                return (long)command.ExecuteScalar()!;
            }

            var pending = Count("SELECT COUNT(*) FROM mahseFormWorkflowRun WHERE Status IN ('Pending','Running')");
            if (pending == 0 || started.Elapsed > TimeSpan.FromMinutes(2))
            {
                return new Drain((int)Count("SELECT COUNT(*) FROM mahseFormWorkflowRun WHERE Status = 'Succeeded'"), (int)pending,
                    (int)Count("SELECT COUNT(*) FROM mahseFormWorkflowRun WHERE Status = 'Failed'"),
                    (int)Count("SELECT COUNT(*) FROM mahseFormWorkflowRun WHERE Attempts > 1"));
            }

            await Task.Delay(500);
        }
    }

    private sealed record Mail(int Total, int Entries, int Duplicates);

    /// <summary>Emails on disk by recipient and subject: an applicant's confirmation should exist once per entry.</summary>
    private static Mail CountMail(string root)
    {
        var folder = Path.Combine(root, "umbraco", "Data", "mail");
        var keys = new List<string>();
        foreach (var file in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.eml") : [])
        {
            try
            {
                var message = MimeKit.MimeMessage.Load(file);
                keys.Add(message.To.ToString() + "|" + message.Subject);
            }
            catch (FormatException)
            {
                keys.Add("broken|" + file);
            }
        }

        var applicants = keys.Where(k => k.Contains("@bench.test", StringComparison.Ordinal)).ToList();
        return new Mail(keys.Count(k => !k.StartsWith("broken|", StringComparison.Ordinal)), applicants.Distinct().Count(), applicants.Count - applicants.Distinct().Count());
    }

    /// <summary>SQLite's floor: the same four rows per entry in one transaction, from 16 writers, on a WAL database.</summary>
    private static double SqliteFloor(string root, int connections, int seconds)
    {
        var path = Path.Combine(root, "floor.db");
        using (var setup = new SqliteConnection($"Data Source={path}"))
        {
            setup.Open();
            using var command = setup.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE e(Id INTEGER PRIMARY KEY, Key TEXT, FormKey TEXT, State TEXT, Created TEXT, ValuesJson TEXT);" +
                                  "CREATE TABLE a(Id INTEGER PRIMARY KEY, EntryId INTEGER, State TEXT, At TEXT);" +
                                  "CREATE TABLE o(Id INTEGER PRIMARY KEY, EntryKey TEXT, Status TEXT, NextAttemptAt TEXT);";
            command.ExecuteNonQuery();
        }

        var values = Entry("floor@bench.test")["values"]!.ToJsonString();
        var count = 0L;
        var until = DateTime.UtcNow.AddSeconds(seconds);
        Parallel.For(0, connections, _ =>
        {
            using var db = new SqliteConnection($"Data Source={path};Default Timeout=30");
            db.Open();
            while (DateTime.UtcNow < until)
            {
                using var transaction = db.BeginTransaction();
                using var command = db.CreateCommand();
                command.Transaction = transaction;
                var key = Guid.NewGuid().ToString();
                command.CommandText = "INSERT INTO e(Key, FormKey, State, Created, ValuesJson) VALUES ($k, $f, 'Approved', $t, $v); " +
                                      "INSERT INTO a(EntryId, State, At) VALUES (last_insert_rowid(), 'Submitted', $t); " +
                                      "INSERT INTO o(EntryKey, Status, NextAttemptAt) VALUES ($k, 'Pending', $t); INSERT INTO o(EntryKey, Status, NextAttemptAt) VALUES ($k, 'Pending', $t);";
                command.Parameters.AddWithValue("$k", key);
                command.Parameters.AddWithValue("$f", Fellowship.ToString());
                command.Parameters.AddWithValue("$t", DateTime.UtcNow.ToString("o"));
                command.Parameters.AddWithValue("$v", values);
                command.ExecuteNonQuery();
                transaction.Commit();
                Interlocked.Increment(ref count);
            }
        });
        return count / (double)seconds;
    }
}
