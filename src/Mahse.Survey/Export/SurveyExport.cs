using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Mahse.Survey.Import;
using Mahse.Survey.Storage;

namespace Mahse.Survey.Export;

/// <summary>
/// Every response as CSV or XLSX in the import's columns (<see cref="SurveyColumnMapping.Fields"/>), so an export
/// imports again unchanged. Text a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
/// return) gets a leading <c>'</c> in both formats — the importer takes it off again; numbers stay numbers. Written
/// to a temporary file deleted once sent, so a large export never sits in memory as a response body.
/// (The same rules as the Forms module's TableExport; that one writes text only, so it is not reused.)
/// </summary>
public sealed class SurveyExport(SurveyStore store)
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool TryFormat(string? format, out bool xlsx)
    {
        xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        return string.IsNullOrEmpty(format) || xlsx || string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Formula-looking text prefixed with <c>'</c>.</summary>
    public static string Neutralise(string value) => value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;

    /// <summary>Takes off the <c>'</c> <see cref="Neutralise"/> added (the importer's side of the round trip).</summary>
    public static string Restore(string value) => value.Length > 1 && value[0] == '\'' && "=+-@\t\r".Contains(value[1]) ? value[1..] : value;

    public async Task<Stream> WriteAsync(bool xlsx, CancellationToken ct)
    {
        var kinds = (await store.OrganisationsAsync(ct)).ToDictionary(o => o.Name, o => o.Kind, StringComparer.OrdinalIgnoreCase);
        var path = Path.Combine(Path.GetTempPath(), $"mahse-survey-export-{Guid.NewGuid():N}.{(xlsx ? "xlsx" : "csv")}");
        try
        {
            if (xlsx)
            {
                await using var file = File.Create(path);
                // MiniExcel writes a synchronous sequence; the rows are still read from the table in batches as it goes.
                var rows = store.AllAsync(ct).ToBlockingEnumerable(ct).Select(r => Cells(r, kinds))
                    .Select(cells => (IDictionary<string, object?>)SurveyColumnMapping.Fields.Zip(cells).ToDictionary(x => x.First, x => x.Second));
                var sheet = rows.DefaultIfEmpty(SurveyColumnMapping.Fields.ToDictionary(f => f, _ => (object?)null));
                await MiniExcelLibs.MiniExcel.SaveAsAsync(file, sheet, cancellationToken: ct);
            }
            else
            {
                await using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
                foreach (var field in SurveyColumnMapping.Fields)
                {
                    csv.WriteField(field);
                }

                await csv.NextRecordAsync();
                await foreach (var row in store.AllAsync(ct))
                {
                    foreach (var cell in Cells(row, kinds))
                    {
                        csv.WriteField(cell is IFormattable number ? number.ToString(null, CultureInfo.InvariantCulture) : cell as string);
                    }

                    await csv.NextRecordAsync();
                }
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    /// <summary>One response's cells in the order of <see cref="SurveyColumnMapping.Fields"/>: text neutralised, counts as numbers, flags as yes/no.</summary>
    public static object?[] Cells(SurveyResponseRow r, IReadOnlyDictionary<string, string> kinds)
    {
        string? Text(string? value) => value is null ? null : Neutralise(value);
        return
        [
            Text(r.RespondentId), Text(r.OrganisationName), Text(kinds.GetValueOrDefault(r.OrganisationName ?? "")), Text(r.Site), r.SubRegion, r.Division,
            Text(r.Specialism), Text(r.CareerStage), Text(r.Band),
            r.AuditCount, r.ServiceImprovementCount, r.ResearchCount, r.InnovationCount, r.PublicationCount, r.GrantCount,
            Text(r.Barriers.Replace(',', ';')), Text(r.TrainingNeeds.Replace(',', ';')), r.ChampionWilling ? "yes" : "no", Text(r.Comments),
            r.ContactConsent ? "yes" : "no", Text(r.ContactName), Text(r.ContactEmail),
        ];
    }
}
