using System.Diagnostics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Mahse.Cms.Persistence;
using Mahse.Cms.Search;
using Mahse.Cms.Survey;
using Mahse.Web;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Bench;

/// <summary>
/// The R&amp;I survey at 100,000 generated responses (SQLite): import from CSV against reading the same file,
/// SurveyIndex rebuild, a faceted search (full text + three facets + a range) against the same query in raw
/// Lucene.Net without facets, and the centres-of-excellence ranking against the same aggregate in raw SQL.
/// </summary>
internal static class SurveyBench
{
    public static async Task RunAsync(int count)
    {
        var root = BenchHost.NewContentRoot();
        try
        {
            var csv = Path.Combine(root, "survey.csv");
            var generated = Stopwatch.StartNew();
            await SurveyCommand.WriteCsvAsync(SurveyGenerator.Generate(count, 2026), csv);
            generated.Stop();

            var app = MahseApp.Create(["--urls", $"http://127.0.0.1:{BenchHost.FreePort()}"], root, BenchHost.Settings(root));
            await app.StartAsync();
            try
            {
                // Baseline: just reading and parsing the file, the importer's floor.
                var read = Stopwatch.StartNew();
                var rows = 0;
                using (var reader = new StreamReader(csv))
                using (var parser = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture))
                {
                    while (await parser.ReadAsync())
                    {
                        rows++;
                    }
                }

                read.Stop();
                var import = Stopwatch.StartNew();
                SurveyImportReport report;
                await using (var stream = File.OpenRead(csv))
                {
                    report = await app.Services.GetRequiredService<SurveyImporter>().ImportAsync(stream, csv, new SurveyColumnMapping(), CancellationToken.None);
                }

                import.Stop();
                var reimport = Stopwatch.StartNew();
                await using (var stream = File.OpenRead(csv))
                {
                    await app.Services.GetRequiredService<SurveyImporter>().ImportAsync(stream, csv, new SurveyColumnMapping(), CancellationToken.None);
                }

                reimport.Stop();
                var indexes = app.Services.GetRequiredService<IndexManager>();
                var queue = app.Services.GetRequiredService<IndexingQueue>();
                var rebuild = Stopwatch.StartNew();
                queue.EnqueueRebuild(indexes.Survey);
                await Task.Delay(100);
                await queue.WhenIdleAsync();
                indexes.Survey.WaitForChanges();
                rebuild.Stop();

                var queries = app.Services.GetRequiredService<SurveyQueries>();
                var request = new SurveySearchRequest("research", "Life sciences", null, "Greater Manchester", "Manchester University NHS Foundation Trust", null, null, null, null, "research", 1, null, 0, 10);
                var faceted = Median(200, () => queries.Search(request, SurveyView.Staff));
                var facetedTotal = queries.Search(request, SurveyView.Staff).Total;

                var raw = new BooleanQuery
                {
                    { new TermQuery(new Term("comments", "research")), Occur.MUST },
                    { new TermQuery(new Term("division", "Life sciences")), Occur.MUST },
                    { new TermQuery(new Term("subRegion", "Greater Manchester")), Occur.MUST },
                    { new TermQuery(new Term("organisation", "Manchester University NHS Foundation Trust")), Occur.MUST },
                    { NumericRangeQuery.NewInt32Range("research", 1, null, true, true), Occur.MUST },
                };
                var rawMedian = Median(200, () => indexes.Survey.Search(s => s.Search(raw, 10).TotalHits));
                var centres = Median(50, () => queries.CentresAsync(null, CentreLevel.Organisation, 10, CancellationToken.None).GetAwaiter().GetResult());
                var centresByDivision = Median(50, () => queries.CentresAsync("Physiological sciences", CentreLevel.Organisation, 10, CancellationToken.None).GetAwaiter().GetResult());
                var centresByDepartment = Median(50, () => queries.CentresAsync(null, CentreLevel.Department, 10, CancellationToken.None).GetAwaiter().GetResult());
                // Baseline: the same aggregate as one hand-written SQL statement on a raw connection, no EF, no scoring.
                await using var db = app.Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
                var connection = db.Database.GetDbConnection();
                await connection.OpenAsync();
                await using var aggregate = connection.CreateCommand();
                aggregate.CommandText = "SELECT OrganisationId, COUNT(*), SUM(AuditCount), SUM(ServiceImprovementCount), SUM(ResearchCount), SUM(InnovationCount), " +
                                        "SUM(PublicationCount), SUM(GrantCount) FROM mahseSurveyResponse GROUP BY OrganisationId HAVING COUNT(*) >= 5";
                var rawCentres = Median(50, () =>
                {
                    using var reader = aggregate.ExecuteReader();
                    var groups = 0;
                    while (reader.Read())
                    {
                        groups++;
                    }

                    return groups;
                });

                Console.WriteLine($"Survey benchmark: {count:N0} generated responses, SQLite, {Environment.ProcessorCount} cores");
                Console.WriteLine("| measure | figure | baseline, same run | target |");
                Console.WriteLine("| --- | --- | --- | --- |");
                Console.WriteLine($"| import {count:N0} rows from CSV | {import.Elapsed.TotalSeconds:F1} s ({report.Imported:N0} imported, {report.Rejected.Count} rejected) | reading and parsing the file: {read.Elapsed.TotalSeconds:F1} s ({rows:N0} lines with the heading); generating it: {generated.Elapsed.TotalSeconds:F1} s | < 60 s |");
                Console.WriteLine($"| re-import of the same file (no change) | {reimport.Elapsed.TotalSeconds:F1} s | | |");
                Console.WriteLine($"| SurveyIndex rebuild | {rebuild.Elapsed.TotalSeconds:F1} s | | |");
                Console.WriteLine($"| faceted search: text + 3 facets + a range, 8 facet fields counted, page of 10 | median {faceted:F2} ms ({facetedTotal:N0} hits) | raw Lucene, same clauses, no facets: {rawMedian:F2} ms | < 10 ms |");
                Console.WriteLine($"| centres of excellence: organisations, all / one division; departments | median {centres:F1} ms / {centresByDivision:F1} ms; {centresByDepartment:F1} ms | raw SQL GROUP BY, organisations: {rawCentres:F1} ms | < 200 ms |");
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

    private static double Median(int runs, Func<object> run)
    {
        for (var i = 0; i < 10; i++)
        {
            run();
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
