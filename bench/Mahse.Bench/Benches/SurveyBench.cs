using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Mahse.Bench.Hosting;
using Mahse.Bench.Reporting;
using Mahse.Bench.Survey;
using Mahse.Survey.Centres;
using Mahse.Survey.Commands;
using Mahse.Survey.Generation;
using Mahse.Survey.Import;
using Mahse.Survey.Storage;
using Microsoft.Data.Sqlite;

namespace Mahse.Bench.Benches;

/// <summary>
/// The R&amp;I survey at N generated responses (issue 14's speed goals), on a new site with an empty survey:
/// <list type="bullet">
/// <item>import: the CSV uploaded to the Management API's import (<c>POST …/survey/import</c>, an Administrator API user),
/// timed from the upload's start to the report, against the module's own parser reading the same file in this process
/// (no database);</item>
/// <item>faceted search: the site's staff search endpoint, and the module's search in this process on the index's files
/// after the site stopped, against raw Lucene.Net with the same clauses (with and without Lucene.Net.Facet's counts);</item>
/// <item>ranking: the site's centres endpoint against the bare SQL aggregate (Microsoft.Data.Sqlite on the site's database).</item>
/// </list>
/// </summary>
public sealed class SurveyBench(BenchOptions options, BenchOutput output) : IBench
{
    public const string ClientId = "umbraco-back-office-bench-admin";
    public const string ClientSecret = "bench-admin-secret-0123456789-abcdef";
    public const int Seed = 2026;
    private const string Api = "/umbraco/management/api/v1/survey/";

    public async Task RunAsync(CancellationToken ct)
    {
        var repository = RepositoryPaths.Find(options);
        var count = options.Items ?? 100_000;
        const int searches = 200, rankings = 50;
        output.Heading($"survey: {count:N0} generated responses — import, faceted search and ranking, each against its baseline");

        var run = Path.Combine(options.WorkFolder, "runs", $"survey-{DateTime.Now:yyyyMMdd-HHmmss}");
        var root = SiteRoot.Create(Path.Combine(run, "site"), repository, usyncSource: null);
        var csv = Path.Combine(run, "survey.csv");
        try
        {
            // The module's deterministic generator, written as `survey generate --csv` writes it.
            var generate = Stopwatch.StartNew();
            await SurveyCommand.WriteCsvAsync(SurveyGenerator.Generate(count, Seed), csv, ct);
            generate.Stop();
            output.Progress($"generated {count:N0} responses (seed {Seed}) to {Figures.Bytes(new FileInfo(csv).Length)} of CSV in {Figures.Ms(generate.Elapsed)}");

            // Baseline of the import: the module's reader and parser over the same file, in this process, no database.
            var parses = new List<TimeSpan>();
            (int Read, int Parsed, int Rejected) parsed = default;
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                parsed = await ParseAsync(csv, ct);
                parses.Add(clock.Elapsed);
            }

            output.Progress($"parsed alone: {parsed.Parsed:N0} records ({parsed.Rejected} rejected), {string.Join(", ", parses.Select(Figures.Ms))} {Load()}");

            var site = new MahseSite(repository);
            var settings = SiteSettings.With(
                ("uSync:Settings:ImportOnFirstBoot", "false"),
                ("Mahse:Survey:SeedOnFirstBoot", "0"),
                ("Mahse:ApiUsers:0:ClientId", ClientId),
                ("Mahse:ApiUsers:0:ClientSecret", ClientSecret),
                ("Mahse:ApiUsers:0:UserGroup", "admin"));

            output.Progress("installing Umbraco on a new database (set-up, not measured)");
            await using (var install = await site.StartAsync(root, settings, ct))
            {
                output.Progress($"installed, first 200 after {Figures.Ms(install.TimeToFirstOk)}");
            }

            TimeSpan upload, indexed, reimport;
            JsonElement report, reimportReport;
            var siteSearch = new Dictionary<string, (Percentiles Times, long Total)>();
            Percentiles siteCentres, siteDepartments, siteFloor;
            await using (var host = await site.StartAsync(root, settings, ct))
            {
                output.Progress($"site started, first 200 after {Figures.Ms(host.TimeToFirstOk)}");
                using var client = await ManagementClientAsync(host.BaseAddress, ct);

                output.Progress($"POST {Api}import ({count:N0} rows) {Load()}");
                (upload, report) = await UploadAsync(client, csv, ct);
                output.Progress($"  report after {Figures.Ms(upload)}: {report} {Load()}");
                if (Int(report, "imported") != parsed.Parsed)
                {
                    throw new BenchFailedException($"The import reported {Int(report, "imported")} imported, the parser read {parsed.Parsed} records.");
                }

                // The index is written in the background after the report: wait until a search sees every response.
                var clock = Stopwatch.StartNew();
                long total;
                while ((total = await SearchTotalAsync(client, "take=0", ct)) < count)
                {
                    if (clock.Elapsed > TimeSpan.FromMinutes(10))
                    {
                        throw new BenchFailedException($"SurveyIndex held {total} of {count} responses 10 minutes after the import's report.");
                    }

                    await Task.Delay(250, ct);
                }

                indexed = clock.Elapsed;
                output.Progress($"  SurveyIndex searchable with all {count:N0} responses {Figures.Ms(indexed)} after the report {Load()}");

                foreach (var query in SurveyQuery.All)
                {
                    var path = $"{Api}search?{query.QueryString()}";
                    output.Progress($"GET {path} × {searches}");
                    long hits = 0;
                    var times = await TimeAsync(searches, async () => hits = await SearchTotalAsync(client, query.QueryString(), ct));
                    siteSearch[query.Name] = (times, hits);
                    output.Progress($"  p50 {Figures.Ms(times.P50)}, {hits:N0} hits {Load()}");
                }

                output.Progress($"GET {Api}centres × {rankings}, and ?level=department");
                siteCentres = await TimeAsync(rankings, () => GetAsync(client, $"{Api}centres?take=10", ct));
                siteDepartments = await TimeAsync(rankings, () => GetAsync(client, $"{Api}centres?level=department&take=10", ct));
                output.Progress($"  p50 {Figures.Ms(siteCentres.P50)} (organisations), {Figures.Ms(siteDepartments.P50)} (departments) {Load()}");

                // The host's own cost of an authorised Management API request that does no survey work.
                siteFloor = await TimeAsync(searches, () => GetAsync(client, $"{Api}centres/method", ct));
                output.Progress($"GET {Api}centres/method × {searches} (no work: routing, token, JSON): p50 {Figures.Ms(siteFloor.P50)}");

                // The same file again: every row read, compared, and left unchanged.
                output.Progress("POST the same file again (re-import, nothing changes)");
                (reimport, reimportReport) = await UploadAsync(client, csv, ct);
                output.Progress($"  report after {Figures.Ms(reimport)}: {reimportReport}");
            }

            output.Progress($"site stopped; searching its SurveyIndex files in this process {Load()}");
            var indexFolder = Directory.EnumerateDirectories(root.Path, "SurveyIndex", SearchOption.AllDirectories).FirstOrDefault()
                ?? throw new BenchFailedException($"No SurveyIndex folder under {root.Path}.");
            var local = new Dictionary<string, (Percentiles Module, Percentiles CountsOnly, Percentiles Raw, Percentiles RawFacets, long ModuleTotal, long RawTotal)>();
            using (var search = new InProcessSearch(indexFolder))
            {
                output.Progress($"  {indexFolder}: {search.Documents:N0} documents");
                foreach (var query in SurveyQuery.All)
                {
                    long moduleTotal = 0, rawTotal = 0, facetTotal = 0;
                    var module = Time(searches, () => moduleTotal = search.ModuleSearch(query));
                    var countsOnly = Time(searches, () => search.ModuleCountsOnly(query));
                    var raw = Time(searches, () => rawTotal = search.RawSearch(query));
                    var rawFacets = Time(searches, () => facetTotal = search.RawFacetedSearch(query));
                    local[query.Name] = (module, countsOnly, raw, rawFacets, moduleTotal, rawTotal);
                    if (moduleTotal != rawTotal || rawTotal != facetTotal || rawTotal != siteSearch[query.Name].Total)
                    {
                        throw new BenchFailedException($"'{query.Name}': the site found {siteSearch[query.Name].Total}, the module in process {moduleTotal}, raw Lucene {rawTotal} / {facetTotal}.");
                    }
                }
            }

            // Baseline of the ranking: the module's aggregate as one statement on the site's database file, nothing else.
            output.Progress($"bare SQL aggregate on {root.Database} {Load()}");
            var (sqlOrganisations, sqlGroups) = BareAggregate(root.Database, rankings);

            var table = new ResultTable("measure", "site", "p99", "baseline, same run", "p99 ", "vs baseline", "goal", "");
            var importGoal = upload < TimeSpan.FromSeconds(60);
            table.Add($"import {count:N0} rows (upload → report)", Figures.Ms(upload), "", $"{Figures.Ms(parses.Min())} parse alone", "", Figures.Ratio(upload.TotalMilliseconds, parses.Min().TotalMilliseconds), "< 60 s", importGoal ? "met" : "MISSED");
            table.Add("  then index searchable (background)", Figures.Ms(indexed), "", "", "", "", "", "");
            table.Add("  re-import, same file (all unchanged)", Figures.Ms(reimport), "", "", "", Figures.Ratio(reimport.TotalMilliseconds, parses.Min().TotalMilliseconds), "", "");
            foreach (var query in SurveyQuery.All)
            {
                var (times, hits) = siteSearch[query.Name];
                var l = local[query.Name];
                table.Add($"search: {query.Name} ({hits:N0} hits)", "", "", "", "", "", "", "");
                table.Add("  site endpoint (HTTP, token, rows read back)", Figures.Ms(times.P50), Figures.Ms(times.P99), $"{Figures.Ms(l.Raw.P50)} raw Lucene", Figures.Ms(l.Raw.P99), Figures.Ratio(times.P50, l.Raw.P50), "< 10 ms", times.P50 < 10 ? "met" : "MISSED");
                table.Add("  module's search in process", Figures.Ms(l.Module.P50), Figures.Ms(l.Module.P99), $"{Figures.Ms(l.Raw.P50)} raw Lucene", Figures.Ms(l.Raw.P99), Figures.Ratio(l.Module.P50, l.Raw.P50), "< 10 ms", l.Module.P50 < 10 ? "met" : "MISSED");
                table.Add("  module's search in process, take 0", Figures.Ms(l.CountsOnly.P50), Figures.Ms(l.CountsOnly.P99), $"{Figures.Ms(l.Raw.P50)} raw Lucene", Figures.Ms(l.Raw.P99), Figures.Ratio(l.CountsOnly.P50, l.Raw.P50), "", "");
                table.Add("  raw Lucene + Lucene.Net.Facet counts", Figures.Ms(l.RawFacets.P50), Figures.Ms(l.RawFacets.P99), $"{Figures.Ms(l.Raw.P50)} raw Lucene", Figures.Ms(l.Raw.P99), Figures.Ratio(l.RawFacets.P50, l.Raw.P50), "", "");
            }

            table.Add("site: GET centres/method (no work; HTTP, token)", Figures.Ms(siteFloor.P50), Figures.Ms(siteFloor.P99), "", "", "", "", "");
            table.Add($"ranking: centres, organisations ({sqlGroups} groups)", Figures.Ms(siteCentres.P50), Figures.Ms(siteCentres.P99), $"{Figures.Ms(sqlOrganisations.P50)} bare SQL", Figures.Ms(sqlOrganisations.P99), Figures.Ratio(siteCentres.P50, sqlOrganisations.P50), "< 200 ms", siteCentres.P50 < 200 ? "met" : "MISSED");
            table.Add("ranking: centres, departments (same SQL)", Figures.Ms(siteDepartments.P50), Figures.Ms(siteDepartments.P99), $"{Figures.Ms(sqlOrganisations.P50)} bare SQL", Figures.Ms(sqlOrganisations.P99), Figures.Ratio(siteDepartments.P50, sqlOrganisations.P50), "< 200 ms", siteDepartments.P50 < 200 ? "met" : "MISSED");
            output.Table(table);
            output.Line();
            output.Line($"  load average at the end: {LoadAverage()} (2 cores shared with other builds and tests; compare each figure with its baseline).");
            output.Line($"  import: the {Figures.Bytes(new FileInfo(csv).Length)} CSV as multipart/form-data to POST {Api}import (Administrator API user, client credentials),");
            output.Line($"  timed from the upload's start to the report ({report}).");
            output.Line($"  parse alone: SurveyTable (CsvHelper) and SurveyRecordParser over the same file in this process, no database; best of 3 ({string.Join(", ", parses.Select(Figures.Ms))}).");
            output.Line($"  index searchable: from the report until the search endpoint's total was {count:N0} (the index is written in the background).");
            output.Line($"  search: p50/p99 over {searches} sequential requests (site: GET {Api}search with a bearer token, staff view: facets of 8 dimensions,");
            output.Line("  a page of 10 with highlights, its rows read back from the table). In process: the same index files opened read-only after the site");
            output.Line("  stopped: SurveySearch.Search (facets, highlights); raw Lucene: the same clauses as one BooleanQuery, top 10 and their ids, no facets;");
            output.Line("  take 0: the module's search for total and facets only (no page of stored fields, no highlighting).");
            output.Line("  raw Lucene + Lucene.Net.Facet: the same with FacetsCollector and SortedSetDocValuesFacetCounts over the 8 dimensions (state built once).");
            output.Line($"  ranking: p50/p99 over {rankings} requests of GET {Api}centres (take 10); bare SQL: CentresRanking.AggregateSql GROUP BY organisationId, site");
            output.Line("  on a Microsoft.Data.Sqlite read-only connection to the site's database after it stopped, every row read.");
            if (!importGoal || siteCentres.P50 >= 200 || siteSearch.Values.Any(s => s.Times.P50 >= 10))
            {
                output.Line("  A goal was missed on this run (see the goal column).");
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

    /// <summary>What the importer does before the database: read every row, parse it, drop duplicates.</summary>
    private static async Task<(int Read, int Parsed, int Rejected)> ParseAsync(string csv, CancellationToken ct)
    {
        await using var stream = File.OpenRead(csv);
        var (table, problem) = await SurveyTable.OpenAsync(stream, csv, ct);
        if (table is null)
        {
            throw new BenchFailedException($"The generated file could not be read: {problem}");
        }

        using (table)
        {
            var mapping = new SurveyColumnMapping();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int read = 0, parsed = 0, rejected = 0;
            foreach (var row in table.Rows())
            {
                if (row.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                read++;
                if (SurveyRecordParser.Parse(row, mapping, out _) is { } record && seen.Add(record.RespondentId))
                {
                    parsed++;
                }
                else
                {
                    rejected++;
                }
            }

            return (read, parsed, rejected);
        }
    }

    private static async Task<HttpClient> ManagementClientAsync(Uri site, CancellationToken ct)
    {
        using var anonymous = new HttpClient { BaseAddress = site };
        using var response = await anonymous.PostAsync("/umbraco/management/api/v1/security/back-office/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
        }), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"No Management API token for {ClientId}: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        var client = new HttpClient { BaseAddress = site, Timeout = TimeSpan.FromMinutes(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("access_token").GetString());
        return client;
    }

    private static async Task<(TimeSpan Elapsed, JsonElement Report)> UploadAsync(HttpClient client, string csv, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(csv);
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(file, 81920);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", "survey.csv");
        using var response = await client.PostAsync($"{Api}import", content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        clock.Stop();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"The import answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        // The report without its (empty, or long) list of rejected rows, for printing.
        var summary = JsonSerializer.SerializeToElement(new
        {
            rowsRead = Int(root, "rowsRead"), imported = Int(root, "imported"), updated = Int(root, "updated"), unchanged = Int(root, "unchanged"),
            rejected = root.TryGetProperty("rejected", out var r) ? r.GetArrayLength() : -1,
        });
        return (clock.Elapsed, summary);
    }

    private static int Int(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : -1;

    private static async Task<long> SearchTotalAsync(HttpClient client, string query, CancellationToken ct)
    {
        using var response = await client.GetAsync($"{Api}search?{query}", ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"GET search?{query} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("total").GetInt64();
    }

    private static async Task GetAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"GET {path} answered {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>The module's aggregate (<see cref="CentresRanking.AggregateSql"/>) on a plain read-only connection, every row read.</summary>
    private (Percentiles Times, int Groups) BareAggregate(string database, int runs)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = CentresRanking.AggregateSql + " GROUP BY organisationId, site";
        var groups = 0;
        var times = Time(runs, () =>
        {
            using var reader = command.ExecuteReader();
            var n = 0;
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    _ = reader.GetValue(i);
                }

                n++;
            }

            groups = n;
        });
        using var rows = connection.CreateCommand();
        rows.CommandText = $"SELECT COUNT(*) FROM {SurveyResponseRow.TableName}";
        output.Progress($"  {groups} organisation-and-site groups over {rows.ExecuteScalar()} rows, p50 {Figures.Ms(times.P50)}");
        return (times, groups);
    }

    private static Percentiles Time(int runs, Action run)
    {
        for (var i = 0; i < Math.Min(10, runs); i++)
        {
            run();
        }

        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new Percentiles(times);
    }

    private static async Task<Percentiles> TimeAsync(int runs, Func<Task> run)
    {
        for (var i = 0; i < Math.Min(10, runs); i++)
        {
            await run();
        }

        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new Percentiles(times);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Load() => $"(load {LoadAverage()})";

    /// <summary>Milliseconds, nearest-rank percentiles.</summary>
    public sealed class Percentiles(IReadOnlyList<double> times)
    {
        private readonly double[] _sorted = [.. times.Order()];

        public double P50 => At(0.50);

        public double P99 => At(0.99);

        private double At(double p) => _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];
    }
}
