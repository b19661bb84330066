namespace Mahse.Bench.Reporting;

/// <summary>What a bench prints: headings, progress notes (indented, prefixed) and result tables.</summary>
public sealed class BenchOutput(TextWriter writer)
{
    public void Line(string text = "") => writer.WriteLine(text);

    public void Heading(string text)
    {
        writer.WriteLine();
        writer.WriteLine(text);
        writer.WriteLine(new string('=', text.Length));
    }

    /// <summary>A note on what is happening now, so a long run shows where it is.</summary>
    public void Progress(string text) => writer.WriteLine($"  · {DateTime.Now:HH:mm:ss} {text}");

    public void Table(ResultTable table) => table.WriteTo(writer);
}
