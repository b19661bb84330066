namespace Mahse.Sync.Commands;

/// <summary>A report as a table: one line per item, its field changes and warnings below it, totals at the end.</summary>
public static class SyncReportPrinter
{
    public static void Print(SyncReport report, TextWriter output)
    {
        output.WriteLine($"uSync {report.Action} of {report.Folder}: {report.Lines.Count} items in {report.Duration.TotalMilliseconds:F0} ms");
        const string format = "{0,-14} {1,-12} {2,-40} {3}";
        output.WriteLine(format, "Change", "Type", "Alias", "File / message");
        foreach (var line in report.Lines)
        {
            var alias = line.Alias.Length > 40 ? line.Alias[..39] + "…" : line.Alias;
            output.WriteLine(format, line.Change, line.ItemType, alias, line.File + (line.Message is null ? "" : " — " + line.Message));
            foreach (var detail in line.Details ?? [])
            {
                output.WriteLine($"{"",-14}   {detail.Name}: {detail.OldValue} → {detail.NewValue}");
            }

            foreach (var warning in line.Warnings ?? [])
            {
                output.WriteLine($"{"",-14}   warning: {warning}");
            }
        }

        output.WriteLine(string.Join(", ", Enum.GetValues<SyncChange>().Select(c => $"{report.Count(c)} {c}")));
    }
}
