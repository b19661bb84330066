using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Mahse.Survey.Generation;
using Mahse.Survey.Import;
using Mahse.Survey.Model;
using Mahse.Survey.Storage;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Infrastructure.Install;

namespace Mahse.Survey.Commands;

/// <summary>
/// <c>survey import FILE [--mapping M]</c> and <c>survey generate [--count N] [--seed S] [--csv FILE]</c> on a booted
/// Umbraco (decision 0009): print the report, exit 1 when the file was refused or rows were rejected, 2 for a usage
/// error. Options the verb does not know are left for the host.
/// </summary>
public sealed class SurveyCommand
{
    public const string Usage = "usage: survey import FILE [--mapping MAPPING.json] | survey generate [--count N] [--seed S] [--csv FILE]";

    private SurveyCommand(string? verb, string? file, string? mapping, int count, int seed, string? csv)
    {
        Verb = verb;
        File = file;
        Mapping = mapping;
        Count = count;
        Seed = seed;
        Csv = csv;
    }

    /// <summary>import or generate; null when the command line was not understood.</summary>
    public string? Verb { get; }

    public string? File { get; }

    public string? Mapping { get; }

    public int Count { get; }

    public int Seed { get; }

    public string? Csv { get; }

    public static SurveyCommand Parse(string[] args, out string[] rest)
    {
        var remaining = new List<string>();
        string? verb = args.Length > 0 && args[0] is "import" or "generate" ? args[0] : null;
        string? file = null, mapping = null, csv = null;
        int count = 1000, seed = SurveyFirstBootSeed.Seed;
        var valid = verb is not null;
        for (var i = verb is null ? 0 : 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--mapping" when i + 1 < args.Length:
                    mapping = Path.GetFullPath(args[++i]);
                    break;
                case "--csv" when i + 1 < args.Length:
                    csv = Path.GetFullPath(args[++i]);
                    break;
                case "--count" when i + 1 < args.Length:
                    valid &= int.TryParse(args[++i], CultureInfo.InvariantCulture, out count) && count > 0;
                    break;
                case "--seed" when i + 1 < args.Length:
                    valid &= int.TryParse(args[++i], CultureInfo.InvariantCulture, out seed);
                    break;
                case var arg when verb == "import" && file is null && !arg.StartsWith("--", StringComparison.Ordinal):
                    file = Path.GetFullPath(arg);
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal) && !option.Contains('=') && i + 1 < args.Length
                                     && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    // A host option with its value (--contentRoot DIR, --urls U): both are the host's, not the file.
                    remaining.Add(option);
                    remaining.Add(args[++i]);
                    break;
                default:
                    remaining.Add(args[i]);
                    break;
            }
        }

        // The command's own rows are the only ones: no first-boot demo data lands in the database first.
        remaining.Add("--Mahse:Survey:SeedOnFirstBoot=0");
        rest = [.. remaining];
        valid &= verb != "import" || file is not null;
        return new SurveyCommand(valid ? verb : null, file, mapping, count, seed, csv);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        switch (Verb)
        {
            case "import":
                return await ImportAsync(services, output, ct);
            case "generate" when Csv is not null:
                await WriteCsvAsync(SurveyGenerator.Generate(Count, Seed), Csv, ct);
                output.WriteLine($"Wrote {Count} synthetic responses (seed {Seed}) to {Csv}");
                return 0;
            case "generate":
                var saved = await services.GetRequiredService<SurveyStore>().SaveAllAsync(SurveyGenerator.Generate(Count, Seed).Chunk(SurveyImporter.BatchSize), ct);
                await SurveyImporter.PublishAsync(services.GetRequiredService<IEventAggregator>(), saved.Changed, ct);
                output.WriteLine($"Generated {Count} synthetic responses (seed {Seed}): {saved.Inserted} imported, {saved.Updated} updated, {saved.Unchanged} unchanged");
                return 0;
            default:
                output.WriteLine(Usage);
                return 2;
        }
    }

    private async Task<int> ImportAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        SurveyColumnMapping mapping;
        try
        {
            mapping = SurveyColumnMapping.Load(Mapping);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or ArgumentException)
        {
            output.WriteLine($"The mapping {Mapping} is not valid: {ex.Message}");
            return 2;
        }

        if (!System.IO.File.Exists(File))
        {
            output.WriteLine($"No file {File}");
            return 2;
        }

        await using var stream = System.IO.File.OpenRead(File!);
        var report = await services.GetRequiredService<SurveyImporter>().ImportAsync(stream, File!, mapping, ct);
        if (report.Failed)
        {
            output.WriteLine($"Refused {File}: {report.FileProblem}");
            return 1;
        }

        output.WriteLine($"Survey import of {File}: {report.RowsRead} read, {report.Imported} imported, {report.Updated} updated, {report.Unchanged} unchanged, {report.Rejected.Count} rejected");
        foreach (var rejected in report.Rejected)
        {
            output.WriteLine($"  row {rejected.Row}: {rejected.Reason}");
        }

        return report.Rejected.Count > 0 ? 1 : 0;
    }

    /// <summary>The generated rows as a CSV in the import's columns, so <c>survey import</c> reads it back as it is.</summary>
    public static async Task WriteCsvAsync(IEnumerable<SurveyRecord> records, string path, CancellationToken ct)
    {
        await using var writer = new StreamWriter(path);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var field in SurveyColumnMapping.Fields)
        {
            csv.WriteField(field);
        }

        await csv.NextRecordAsync();
        foreach (var r in records)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var cell in Cells(r))
            {
                csv.WriteField(cell);
            }

            await csv.NextRecordAsync();
        }
    }

    private static IEnumerable<string?> Cells(SurveyRecord r)
    {
        yield return r.RespondentId;
        yield return r.Organisation;
        yield return r.OrganisationKind;
        yield return r.Site;
        yield return r.SubRegion;
        yield return r.Division;
        yield return r.Specialism;
        yield return r.CareerStage;
        yield return r.Band;
        foreach (var activity in SurveyVocabulary.Activities)
        {
            yield return r.Activities.GetValueOrDefault(activity).ToString(CultureInfo.InvariantCulture);
        }

        yield return string.Join(';', r.Barriers);
        yield return string.Join(';', r.TrainingNeeds);
        yield return r.ChampionWilling ? "yes" : "no";
        yield return Export.SurveyExport.Neutralise(r.Comments ?? "");
        yield return r.ContactConsent ? "yes" : "no";
        yield return r.ContactName;
        yield return r.ContactEmail;
    }
}
