namespace Mahse.Bench.Reporting;

/// <summary>A plain text table with aligned columns; numbers right-aligned, text left-aligned.</summary>
public sealed class ResultTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => i < r.Length ? r[i].Length : 0).DefaultIfEmpty(0).Max())).ToArray();
        string Format(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 || !LooksNumeric(c) ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        writer.WriteLine();
        writer.WriteLine(Format(headers));
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            writer.WriteLine(Format(row));
        }
    }

    private static bool LooksNumeric(string cell) => cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] is '×' or '-' or '+' || cell == "n/a");
}
