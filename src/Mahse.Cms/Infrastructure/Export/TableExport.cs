using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http;

namespace Mahse.Cms.Infrastructure.Export;

/// <summary>
/// A table for download as CSV (CsvHelper) or XLSX (MiniExcel). Text that a spreadsheet would run as a formula
/// (starting with = + - @, a tab or a carriage return) is prefixed with <c>'</c> in both formats; numbers stay
/// numbers. The file is written to a temporary file that is deleted once sent, so a large export never sits in memory.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool IsKnownFormat(string? format) => format is null or "csv" or "xlsx";

    public static string Neutralise(string value) => value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;

    /// <summary>
    /// Writes <paramref name="rows"/> (read on a worker thread, so a lazy database query may feed it) and answers
    /// with the file. Cells are strings, numbers, booleans or null.
    /// </summary>
    public static async Task<IResult> FileAsync(string? format, string name, IReadOnlyList<string> header, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var xlsx = format == "xlsx";
        var path = Path.Combine(Path.GetTempPath(), $"mahse-export-{Guid.NewGuid():N}.{(xlsx ? "xlsx" : "csv")}");
        try
        {
            await Task.Run(() => Write(xlsx, path, header, rows, ct), ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        return TypedResults.File(file, xlsx ? XlsxContentType : CsvContentType, $"{name}.{(xlsx ? "xlsx" : "csv")}");
    }

    private static void Write(bool xlsx, string path, IReadOnlyList<string> header, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var cells = rows.Select(row =>
        {
            ct.ThrowIfCancellationRequested();
            return row.Select(Cell).ToArray();
        });
        if (xlsx)
        {
            // MiniExcel writes one dictionary per row, header from the keys, so duplicate captions get their column number.
            var columns = header.Select((h, i) => header.Take(i).Contains(h) ? $"{h} ({i + 1})" : h).Select(Neutralise).ToArray();
            var sheet = cells.Select(r => (IDictionary<string, object?>)columns.Select((c, i) => (c, i < r.Length ? r[i] : null)).ToDictionary(x => x.c, x => x.Item2));
            using var stream = File.Create(path);
            MiniExcelLibs.MiniExcel.SaveAs(stream, sheet);
            return;
        }

        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
        foreach (var caption in header)
        {
            csv.WriteField(Neutralise(caption));
        }

        csv.NextRecord();
        foreach (var row in cells)
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell switch
                {
                    null => "",
                    bool b => b ? "yes" : "no",
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => cell.ToString(),
                });
            }

            csv.NextRecord();
        }
    }

    private static object? Cell(object? value) => value is string text ? Neutralise(text) : value;
}
