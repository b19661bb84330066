using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mahse.Bench.Hosting;

/// <summary>
/// The site's sync command line, <c>Mahse.Web.dll usync import|export [--folder DIR] --contentRoot ROOT</c>: boots
/// Umbraco (installing it on a new database), runs, prints its report and exits.
/// </summary>
public sealed partial class SyncCli(RepositoryPaths repository)
{
    public async Task<SyncRun> RunAsync(SiteRoot root, string verb, string? folder, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [repository.SiteAssembly, "usync", verb, .. folder is null ? Array.Empty<string>() : ["--folder", folder], "--contentRoot", root.Path];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in SiteSettings.Defaults())
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = ProcessRegistry.Start(start);
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var wall = clock.Elapsed;
        ProcessRegistry.Forget(process);
        var text = await output + await errors;
        return SyncRun.Parse(verb, process.ExitCode, wall, text);
    }
}

/// <summary>One command-line run: its exit code, wall time, and what its report says (items, duration, changes).</summary>
public sealed partial record SyncRun(string Verb, int ExitCode, TimeSpan Wall, int Items, TimeSpan ReportDuration, IReadOnlyDictionary<string, int> Changes, string Output)
{
    public int Count(string change) => Changes.TryGetValue(change, out var n) ? n : 0;

    /// <summary>Process start, Umbraco boot and shut-down: the wall time the report's own duration does not cover.</summary>
    public TimeSpan Overhead => Wall - ReportDuration;

    public static SyncRun Parse(string verb, int exitCode, TimeSpan wall, string output)
    {
        var header = Header().Match(output);
        if (!header.Success)
        {
            throw new BenchFailedException($"usync {verb} printed no report (exit code {exitCode}):\n{Tail(output)}");
        }

        var changes = new Dictionary<string, int>();
        foreach (Match count in ChangeCount().Matches(output.Split('\n').Last(l => l.Trim().Length > 0)))
        {
            changes[count.Groups[2].Value] = int.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return new SyncRun(
            verb, exitCode, wall,
            int.Parse(header.Groups[1].Value, CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(double.Parse(header.Groups[2].Value, CultureInfo.InvariantCulture)),
            changes, output);
    }

    public static string Tail(string text, int length = 3000) => text.Length <= length ? text : text[^length..];

    // "uSync Import of /path: 153 items in 19020 ms"
    [GeneratedRegex(@"^uSync \w+ of .*: (\d+) items in (\d+) ms", RegexOptions.Multiline)]
    private static partial Regex Header();

    // "16 NoChange, 127 Create, 9 Update, 1 Delete, 0 Fail, 0 ParentMissing"
    [GeneratedRegex(@"(\d+) (\w+)")]
    private static partial Regex ChangeCount();
}
