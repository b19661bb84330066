using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Mahse.Forms.Management.Export;

/// <summary>
/// A table for download as CSV (CsvHelper) or XLSX (MiniExcel). Text a spreadsheet would run as a formula (starting
/// with = + - @, a tab or a carriage return) gets a leading <c>'</c> in both formats. Written to a temporary file
/// that is deleted once sent, so the response body never sits in memory; a CSV is written row by row, an XLSX's rows
/// are gathered first (MiniExcel takes a synchronous sequence).
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool TryFormat(string? format, out bool xlsx)
    {
        xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        return string.IsNullOrEmpty(format) || xlsx || string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
    }

    public static string Neutralise(string value) => value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;

    /// <summary>Writes the table to a temporary file and opens it to be sent (deleted when the stream closes).</summary>
    public static async Task<Stream> WriteAsync(bool xlsx, IReadOnlyList<string> header, IAsyncEnumerable<string[]> rows, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mahse-forms-export-{Guid.NewGuid():N}.{(xlsx ? "xlsx" : "csv")}");
        try
        {
            var captions = header.Select(Neutralise).ToList();
            if (xlsx)
            {
                // MiniExcel takes a synchronous sequence, so the rows of an XLSX export are gathered first; a CSV
                // export goes to the file row by row.
                var table = new List<string[]>();
                await foreach (var row in rows.WithCancellation(ct))
                {
                    table.Add(row.Select(Neutralise).ToArray());
                }

                WriteXlsx(path, captions, table);
            }
            else
            {
                await WriteCsvAsync(path, captions, rows, ct);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }

    private static async Task WriteCsvAsync(string path, IReadOnlyList<string> header, IAsyncEnumerable<string[]> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var caption in header)
        {
            csv.WriteField(caption);
        }

        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var cell in row)
            {
                csv.WriteField(Neutralise(cell));
            }

            await csv.NextRecordAsync();
        }
    }

    private static void WriteXlsx(string path, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        // MiniExcel takes one dictionary per row with the header from its keys, so repeated captions get their column number.
        var columns = header.Select((h, i) => header.Take(i).Contains(h) ? $"{h} ({i + 1})" : h).ToArray();
        var sheet = rows.Select(r => (IDictionary<string, object?>)columns.Select((c, i) => (c, (object?)(i < r.Length ? r[i] : null))).ToDictionary(x => x.c, x => x.Item2)).ToList();
        if (sheet.Count == 0)
        {
            // MiniExcel writes no header for an empty sequence; one row of empty cells keeps the columns visible.
            sheet.Add(columns.ToDictionary(c => c, _ => (object?)null));
        }

        using var stream = File.Create(path);
        MiniExcelLibs.MiniExcel.SaveAs(stream, sheet);
    }
}
