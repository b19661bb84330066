using Mahse.Cms.Health;
using Mahse.Cms.Sync;

namespace Mahse.Web;

/// <summary>
/// <c>dotnet run --project src/Mahse.Web -- usync import [--folder DIR] [--dry-run]</c> and <c>usync export [--folder DIR]</c>:
/// migrate, run, print the report as a table, exit non-zero if any item failed. The web server is not started.
/// </summary>
public static class SyncCommand
{
    public static async Task<int> RunAsync(string[] args, string? contentRoot, TextWriter? output = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        output ??= Console.Out;
        if (args.Length == 0 || args[0] is not ("import" or "export"))
        {
            output.WriteLine("usage: usync import [--folder DIR] [--dry-run] | usync export [--folder DIR]");
            return 2;
        }

        var command = args[0];
        string? folder = null;
        var dryRun = false;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--folder" when i + 1 < args.Length:
                    folder = Path.GetFullPath(args[++i]);
                    break;
                case "--dry-run":
                    dryRun = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        await using var app = MahseApp.Create([.. rest], contentRoot, settings);
        await app.Services.GetServices<IHostedService>().OfType<CmsStartup>().Single().StartAsync(CancellationToken.None);
        var sync = app.Services.GetRequiredService<SyncService>();
        var report = command == "import"
            ? await sync.ImportAsync(folder, dryRun, SyncGroups.All, CancellationToken.None)
            : await sync.ExportAsync(folder, SyncGroups.All, CancellationToken.None);
        Print(report, output);
        return report.HasFailures ? 1 : 0;
    }

    private static void Print(SyncReport report, TextWriter output)
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
