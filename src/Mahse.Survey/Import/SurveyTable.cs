using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Mahse.Survey.Import;

/// <summary>The file broke part-way (a row the reader cannot parse); the import stores nothing.</summary>
public sealed class SurveyFileException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// A file's headings and its rows (heading → text), read row by row from a stream, never whole: CSV with CsvHelper
/// (delimiter detected), XLSX with MiniExcel (merged cells filled, formula cells give their cached values). Errors of
/// the underlying reader surface as <see cref="SurveyFileException"/> with the row they happened at.
/// </summary>
public sealed class SurveyTable : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly IEnumerator<IReadOnlyDictionary<string, string?>> _rows;

    private SurveyTable(IReadOnlyList<string> headings, IEnumerator<IReadOnlyDictionary<string, string?>> rows, IEnumerable<IDisposable> owned)
    {
        Headings = headings;
        _rows = rows;
        _owned.AddRange(owned);
    }

    public IReadOnlyList<string> Headings { get; }

    /// <summary>The longest CSV field read (characters): far beyond any comment, far below a file swallowed by a stray quote.</summary>
    public const int MaxFieldLength = 100_000;

    /// <summary>Opens the file; null with <paramref name="problem"/> set when it cannot be read as a table at all.</summary>
    public static async Task<(SurveyTable? Table, string? Problem)> OpenAsync(Stream stream, string fileName, CancellationToken ct)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var owned = new List<IDisposable>();
        try
        {
            switch (extension)
            {
                case ".csv":
                {
                    var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
                    owned.Add(reader);
                    var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
                    {
                        BadDataFound = null,
                        MissingFieldFound = null,
                        DetectDelimiter = true,
                        // A field this long is a broken file (an unterminated quote swallowing the rows after it), not an answer.
                        MaxFieldSize = MaxFieldLength,
                    });
                    owned.Add(csv);
                    if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } headings)
                    {
                        Dispose(owned);
                        return (null, "The file is empty.");
                    }

                    return (new SurveyTable(headings, CsvRows(csv, headings).GetEnumerator(), owned), null);
                }

                case ".xlsx":
                {
                    // MiniExcel reads lazily but needs a seekable stream; an upload is spooled to a temporary file, not to memory.
                    var seekable = stream.CanSeek ? stream : await SpoolAsync(stream, ct);
                    if (!ReferenceEquals(seekable, stream))
                    {
                        owned.Add(seekable);
                    }

                    var sheet = MiniExcelLibs.MiniExcel.Query(seekable, useHeaderRow: true,
                        configuration: new MiniExcelLibs.OpenXml.OpenXmlConfiguration { FillMergedCells = true }).Cast<IDictionary<string, object?>>();
                    var enumerator = sheet.GetEnumerator();
                    owned.Add(enumerator);
                    if (!enumerator.MoveNext())
                    {
                        Dispose(owned);
                        return (null, "The workbook's first sheet has no rows under its headings.");
                    }

                    var headings = enumerator.Current.Keys.ToList();
                    return (new SurveyTable(headings, XlsxRows(enumerator).GetEnumerator(), owned), null);
                }

                default:
                    return (null, $"Files of type '{(extension.Length == 0 ? "(none)" : extension)}' cannot be imported; use .csv or .xlsx.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Dispose(owned);
            return (null, $"The file could not be read as {extension.TrimStart('.').ToUpperInvariant()}: {ex.Message}");
        }
    }

    /// <summary>The rows after the heading, once; a failure names the file's row (the heading is row 1).</summary>
    public IEnumerable<IReadOnlyDictionary<string, string?>> Rows()
    {
        var number = 1;
        while (true)
        {
            number++;
            IReadOnlyDictionary<string, string?> row;
            try
            {
                if (!_rows.MoveNext())
                {
                    yield break;
                }

                row = _rows.Current;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new SurveyFileException($"The file could not be read at row {number}: {ex.Message}", ex);
            }

            yield return row;
        }
    }

    public void Dispose()
    {
        _rows.Dispose();
        Dispose(_owned);
    }

    private static void Dispose(List<IDisposable> owned)
    {
        foreach (var item in Enumerable.Reverse(owned))
        {
            item.Dispose();
        }

        owned.Clear();
    }

    private static async Task<Stream> SpoolAsync(Stream stream, CancellationToken ct)
    {
        var spool = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await stream.CopyToAsync(spool, ct);
        spool.Position = 0;
        return spool;
    }

    private static IEnumerable<IReadOnlyDictionary<string, string?>> CsvRows(CsvReader csv, IReadOnlyList<string> headings)
    {
        while (csv.Read())
        {
            var row = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < headings.Count; i++)
            {
                row.TryAdd(headings[i], csv.TryGetField<string>(i, out var value) ? value : null);
            }

            yield return row;
        }
    }

    private static IEnumerable<IReadOnlyDictionary<string, string?>> XlsxRows(IEnumerator<IDictionary<string, object?>> rows)
    {
        // The first row was read by OpenAsync (for the headings); it is Current when this starts.
        do
        {
            var row = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in rows.Current)
            {
                row.TryAdd(key, value switch
                {
                    null => null,
                    DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString(),
                });
            }

            yield return row;
        }
        while (rows.MoveNext());
    }
}
