using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Sync.Commands;

/// <summary>
/// <c>usync import [--folder DIR] [--dry-run]</c> and <c>usync export [--folder DIR]</c> on a booted Umbraco: run,
/// print the report as a table, exit 1 if any item failed (2 for a usage error). The web server is not started.
/// </summary>
public sealed class SyncCommand
{
    public const string Usage = "usage: usync import [--folder DIR] [--dry-run] | usync export [--folder DIR]";

    private SyncCommand(string? verb, string? folder, bool dryRun)
    {
        Verb = verb;
        Folder = folder;
        DryRun = dryRun;
    }

    /// <summary>import or export; null when the command line was not understood.</summary>
    public string? Verb { get; }

    public string? Folder { get; }

    public bool DryRun { get; }

    /// <summary>Reads the verb and its options; everything else is left for the host (<c>--urls</c>, settings).</summary>
    public static SyncCommand Parse(string[] args, out string[] rest)
    {
        var remaining = new List<string>();
        string? verb = args.Length > 0 && args[0] is "import" or "export" ? args[0] : null;
        string? folder = null;
        var dryRun = false;
        for (var i = verb is null ? 0 : 1; i < args.Length; i++)
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
                    remaining.Add(args[i]);
                    break;
            }
        }

        // The command's own import is the only one: no start-up import runs first and turns it into a no-change report.
        remaining.Add("--uSync:Settings:ImportOnFirstBoot=false");
        remaining.Add("--uSync:Settings:ImportAtStartup=None");
        rest = [.. remaining];
        return new SyncCommand(verb, folder, dryRun && verb == "import");
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        if (Verb is null)
        {
            output.WriteLine(Usage);
            return 2;
        }

        var sync = services.GetRequiredService<SyncService>();
        var report = Verb == "import"
            ? await sync.ImportAsync(Folder, DryRun, SyncGroups.All, ct)
            : await sync.ExportAsync(Folder, SyncGroups.All, ct);
        SyncReportPrinter.Print(report, output);
        return report.HasFailures ? 1 : 0;
    }
}
