using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace Mahse.Cms.Survey;

/// <summary>Which column of a real survey export holds each of our fields (canonical name → heading), and how lists are split.</summary>
public sealed class SurveyColumnMapping
{
    public Dictionary<string, string> Columns { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public string ListSeparator { get; set; } = ";";

    public static readonly IReadOnlyList<string> Fields =
    [
        "respondentId", "organisation", "organisationKind", "site", "subRegion", "division", "specialism", "careerStage", "band",
        "audit", "serviceImprovement", "research", "innovation", "publication", "grantHolding",
        "barriers", "trainingNeeds", "championWilling", "comments", "contactConsent", "contactName", "contactEmail",
    ];

    public static readonly IReadOnlyList<string> Required = ["organisation", "subRegion", "division", "specialism", "careerStage"];

    public static SurveyColumnMapping Load(string? path) =>
        path is null ? new SurveyColumnMapping() : JsonSerializer.Deserialize<SurveyColumnMapping>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? new();

    public string HeadingFor(string field) => Columns.TryGetValue(field, out var heading) ? heading : field;
}

public sealed record SurveyRejectedRow(int Row, string Reason);

public sealed record SurveyImportReport(int RowsRead, int Imported, int Updated, int Unchanged, IReadOnlyList<SurveyRejectedRow> Rejected, string? FileProblem = null)
{
    public bool Failed => FileProblem is not null;
}

/// <summary>
/// Imports survey responses from CSV (CsvHelper) or XLSX (MiniExcel), row by row from a stream (a huge file is
/// never loaded whole), through a column mapping. Each bad row is reported with its number and reason and the
/// rest go in; a file whose headings lack a required column is refused before any row is read. Re-importing the
/// same file changes nothing: rows without a respondent id are identified by a hash of their values.
/// </summary>
public sealed class SurveyImporter(SurveyStore store)
{
    private const int BatchSize = 1000;

    public async Task<SurveyImportReport> ImportAsync(Stream stream, string fileName, SurveyColumnMapping mapping, CancellationToken ct)
    {
        // The readers and a spooled copy are released however the import ends, so no temporary file outlives it.
        var owned = new List<IDisposable>();
        try
        {
            return await ImportAsync(stream, fileName, mapping, owned, ct);
        }
        finally
        {
            foreach (var item in Enumerable.Reverse(owned))
            {
                item.Dispose();
            }
        }
    }

    private async Task<SurveyImportReport> ImportAsync(Stream stream, string fileName, SurveyColumnMapping mapping, List<IDisposable> owned, CancellationToken ct)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        IEnumerable<IReadOnlyDictionary<string, string?>> rows;
        IReadOnlyList<string> headings;
        switch (extension)
        {
            case ".csv":
                var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, DetectDelimiter = true }, leaveOpen: true);
                owned.Add(csv);
                if (!await csv.ReadAsync() || !csv.ReadHeader())
                {
                    return new SurveyImportReport(0, 0, 0, 0, [], "The file is empty.");
                }

                headings = csv.HeaderRecord ?? [];
                rows = CsvRows(csv, headings);
                break;
            case ".xlsx":
                // MiniExcel reads rows lazily but needs a seekable stream; an upload is spooled to a temporary file, not memory.
                var seekable = stream.CanSeek ? stream : await SpoolAsync(stream, ct);
                if (seekable != stream)
                {
                    owned.Add(seekable);
                }

                // Merged cells give their value to every cell they cover; formula cells give their last computed value.
                var sheet = MiniExcelLibs.MiniExcel.Query(seekable, useHeaderRow: true, configuration: new MiniExcelLibs.OpenXml.OpenXmlConfiguration { FillMergedCells = true })
                    .Cast<IDictionary<string, object?>>();
                var enumerator = sheet.GetEnumerator();
                owned.Add(enumerator);
                if (!enumerator.MoveNext())
                {
                    return new SurveyImportReport(0, 0, 0, 0, [], "The workbook's first sheet has no rows.");
                }

                headings = enumerator.Current.Keys.ToList();
                rows = XlsxRows(enumerator);
                break;
            default:
                return new SurveyImportReport(0, 0, 0, 0, [], $"Files of type '{extension}' cannot be imported; use .csv or .xlsx.");
        }

        var missing = SurveyColumnMapping.Required.Where(f => !headings.Contains(mapping.HeadingFor(f), StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            return new SurveyImportReport(0, 0, 0, 0, [],
                $"The file's headings do not match the mapping: no column for {string.Join(", ", missing.Select(f => $"{f} ('{mapping.HeadingFor(f)}')"))}. Headings found: {string.Join(", ", headings)}.");
        }

        var rejected = new List<SurveyRejectedRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<SurveyRecord>(BatchSize);
        int read = 0, imported = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            read++;
            var rowNumber = read + 1; // the heading is row 1
            var record = Parse(row, mapping, out var reason);
            if (record is null)
            {
                rejected.Add(new SurveyRejectedRow(rowNumber, reason!));
                continue;
            }

            if (!seen.Add(record.RespondentId))
            {
                rejected.Add(new SurveyRejectedRow(rowNumber, $"Duplicate respondent '{record.RespondentId}' (already in this file)."));
                continue;
            }

            batch.Add(record);
            if (batch.Count == BatchSize)
            {
                (imported, updated, unchanged) = Add(await store.SaveAsync(batch, ct), imported, updated, unchanged);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            (imported, updated, unchanged) = Add(await store.SaveAsync(batch, ct), imported, updated, unchanged);
        }

        return new SurveyImportReport(read, imported, updated, unchanged, rejected);
    }

    private static async Task<Stream> SpoolAsync(Stream stream, CancellationToken ct)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await stream.CopyToAsync(spool, ct);
        spool.Position = 0;
        return spool;
    }

    private static (int, int, int) Add(SurveySaveResult result, int imported, int updated, int unchanged) =>
        (imported + result.Inserted, updated + result.Updated, unchanged + result.Unchanged);

    private static IEnumerable<IReadOnlyDictionary<string, string?>> CsvRows(CsvReader csv, IReadOnlyList<string> headings)
    {
        while (csv.Read())
        {
            yield return headings.Select((h, i) => (h, csv.GetField(i))).ToDictionary(x => x.h, x => x.Item2, StringComparer.OrdinalIgnoreCase);
        }
    }

    private static IEnumerable<IReadOnlyDictionary<string, string?>> XlsxRows(IEnumerator<IDictionary<string, object?>> rows)
    {
        do
        {
            yield return rows.Current.ToDictionary(kv => kv.Key, kv => kv.Value switch
            {
                null => null,
                DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            }, StringComparer.OrdinalIgnoreCase);
        }
        while (rows.MoveNext());
    }

    public static SurveyRecord? Parse(IReadOnlyDictionary<string, string?> row, SurveyColumnMapping mapping, out string? reason)
    {
        reason = null;
        string? Get(string field) => row.TryGetValue(mapping.HeadingFor(field), out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        List<string> List(string field, IEnumerable<string> known) => (Get(field) ?? "").Split([mapping.ListSeparator, ","], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => SurveyVocabulary.Normalise(v, known) ?? v.ToLowerInvariant()).Distinct().ToList();

        var organisation = Get("organisation");
        if (organisation is null)
        {
            reason = "No organisation.";
            return null;
        }

        var subRegion = SurveyVocabulary.Normalise(Get("subRegion"), SurveyVocabulary.SubRegions);
        if (subRegion is null)
        {
            reason = $"Unknown sub-region '{Get("subRegion")}' (expected one of: {string.Join(", ", SurveyVocabulary.SubRegions)}).";
            return null;
        }

        var division = SurveyVocabulary.Normalise(Get("division"), SurveyVocabulary.Divisions);
        if (division is null)
        {
            reason = $"Unknown division '{Get("division")}' (expected one of: {string.Join(", ", SurveyVocabulary.Divisions)}).";
            return null;
        }

        var specialism = Get("specialism");
        var stage = Get("careerStage");
        if (specialism is null || stage is null)
        {
            reason = specialism is null ? "No specialism." : "No career stage.";
            return null;
        }

        var activities = new Dictionary<string, int>();
        foreach (var activity in SurveyVocabulary.Activities)
        {
            var text = Get(activity);
            if (text is null)
            {
                activities[activity] = 0;
            }
            else if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count is >= 0 and <= 10_000)
            {
                activities[activity] = count;
            }
            else
            {
                reason = $"'{text}' is not a count for {activity}.";
                return null;
            }
        }

        bool? Flag(string field) => Get(field)?.ToLowerInvariant() switch
        {
            null or "" => false,
            "yes" or "y" or "true" or "1" => true,
            "no" or "n" or "false" or "0" => false,
            _ => null,
        };

        var champion = Flag("championWilling");
        var consent = Flag("contactConsent");
        if (champion is null || consent is null)
        {
            reason = champion is null ? $"'{Get("championWilling")}' is not yes or no (championWilling)." : $"'{Get("contactConsent")}' is not yes or no (contactConsent).";
            return null;
        }

        var email = Get("contactEmail");
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            reason = $"'{email}' is not an email address.";
            return null;
        }

        var normalisedSpecialism = SurveyVocabulary.Normalise(specialism, SurveyVocabulary.Specialisms.Values.SelectMany(s => s)) ?? specialism;
        var respondent = Get("respondentId") ?? "ROW-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f",
            SurveyColumnMapping.Fields.Where(f => f != "respondentId").Select(f => Get(f) ?? "")))).AsSpan(0, 12));
        return new SurveyRecord(
            respondent, organisation, Get("organisationKind") ?? (organisation.Contains("NHS", StringComparison.OrdinalIgnoreCase) ? "NHS trust" : "Other employer"),
            Get("site"), subRegion, division, normalisedSpecialism, SurveyVocabulary.Normalise(stage, SurveyVocabulary.CareerStages) ?? stage, Get("band"),
            activities, List("barriers", SurveyVocabulary.Barriers), List("trainingNeeds", SurveyVocabulary.TrainingNeeds), champion.Value, Get("comments"),
            consent.Value, Get("contactName"), email, IsSynthetic: respondent.StartsWith("SYN-", StringComparison.Ordinal));
    }
}
