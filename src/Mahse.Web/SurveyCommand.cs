using System.Globalization;
using CsvHelper;
using Mahse.Cms.Health;
using Mahse.Cms.Survey;

namespace Mahse.Web;

/// <summary>
/// <c>survey import FILE [--mapping MAPPING.json]</c>: imports a CSV or XLSX export and prints the report (exit 1 when
/// the file is refused or rows were rejected). <c>survey generate --count N --seed S [--csv FILE]</c>: makes synthetic
/// responses, deterministic for a seed, into the database or into a CSV file.
/// </summary>
public static class SurveyCommand
{
    public static async Task<int> RunAsync(string[] args, string? contentRoot, TextWriter? output = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        output ??= Console.Out;
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var rest = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToList();
        switch (rest.FirstOrDefault())
        {
            case "import" when rest.Count > 1:
                await using (var app = await StartAsync(contentRoot, settings))
                {
                    var path = Path.GetFullPath(rest[1]);
                    if (!File.Exists(path))
                    {
                        output.WriteLine($"No such file: {path}");
                        return 2;
                    }

                    await using var stream = File.OpenRead(path);
                    var report = await app.Services.GetRequiredService<SurveyImporter>().ImportAsync(stream, path, SurveyColumnMapping.Load(Option("--mapping")), CancellationToken.None);
                    Print(report, output);
                    return report.Failed || report.Rejected.Count > 0 ? 1 : 0;
                }

            case "generate":
                var count = int.TryParse(Option("--count"), out var n) && n > 0 ? n : 1000;
                var seed = int.TryParse(Option("--seed"), out var s) ? s : SurveyDemoSeed.Seed;
                var records = SurveyGenerator.Generate(count, seed);
                if (Option("--csv") is { } csvPath)
                {
                    await WriteCsvAsync(records, csvPath);
                    output.WriteLine($"Wrote {count} synthetic responses (seed {seed}) to {Path.GetFullPath(csvPath)}");
                    return 0;
                }

                await using (var app = await StartAsync(contentRoot, settings))
                {
                    var store = app.Services.GetRequiredService<SurveyStore>();
                    int inserted = 0, updated = 0, unchanged = 0;
                    foreach (var batch in records.Chunk(1000))
                    {
                        var result = await store.SaveAsync(batch, CancellationToken.None);
                        (inserted, updated, unchanged) = (inserted + result.Inserted, updated + result.Updated, unchanged + result.Unchanged);
                    }

                    output.WriteLine($"Generated {count} synthetic responses (seed {seed}): {inserted} new, {updated} updated, {unchanged} unchanged");
                    return 0;
                }

            default:
                output.WriteLine("usage: survey import FILE [--mapping MAPPING.json] | survey generate --count N --seed S [--csv FILE]");
                return 2;
        }
    }

    /// <summary>The generator's output as a CSV with the canonical headings (the importer's default mapping).</summary>
    public static async Task WriteCsvAsync(IEnumerable<SurveyRecord> records, string path)
    {
        await using var writer = new StreamWriter(path);
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var field in SurveyColumnMapping.Fields)
        {
            csv.WriteField(field);
        }

        await csv.NextRecordAsync();
        foreach (var r in records)
        {
            string?[] values =
            [
                r.RespondentId, r.Organisation, r.OrganisationKind, r.Site, r.SubRegion, r.Division, r.Specialism, r.CareerStage, r.Band,
                .. SurveyVocabulary.Activities.Select(a => r.Activities.GetValueOrDefault(a).ToString(CultureInfo.InvariantCulture)),
                string.Join(";", r.Barriers), string.Join(";", r.TrainingNeeds), r.ChampionWilling ? "yes" : "no", r.Comments,
                r.ContactConsent ? "yes" : "no", r.ContactName, r.ContactEmail,
            ];
            foreach (var value in values)
            {
                csv.WriteField(value);
            }

            await csv.NextRecordAsync();
        }
    }

    private static async Task<WebApplication> StartAsync(string? contentRoot, IReadOnlyDictionary<string, string?>? settings)
    {
        var app = MahseApp.Create([], contentRoot, settings);
        await app.Services.GetServices<IHostedService>().OfType<CmsStartup>().Single().StartAsync(CancellationToken.None);
        return app;
    }

    private static void Print(SurveyImportReport report, TextWriter output)
    {
        if (report.FileProblem is not null)
        {
            output.WriteLine($"Refused: {report.FileProblem}");
            return;
        }

        output.WriteLine($"Rows read {report.RowsRead}, imported {report.Imported}, updated {report.Updated}, unchanged {report.Unchanged}, rejected {report.Rejected.Count}");
        foreach (var rejected in report.Rejected.Take(200))
        {
            output.WriteLine($"  row {rejected.Row}: {rejected.Reason}");
        }
    }
}
