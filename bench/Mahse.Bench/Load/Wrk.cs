using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Mahse.Bench.Hosting;

namespace Mahse.Bench.Load;

/// <summary>
/// wrk (Debian's package) with fixed settings, so that every target in a run, the site's and nginx's alike, is loaded
/// the same way: a discarded warm-up run, then the measured run with latency percentiles.
/// </summary>
public sealed partial class Wrk(int threads, int connections, int warmupSeconds, int durationSeconds)
{
    public const string Executable = "wrk";

    public string Settings => $"{threads} threads, {connections} connections, {warmupSeconds} s warm-up then {durationSeconds} s measured";

    public static bool IsInstalled() => Which(Executable) is not null;

    public async Task<WrkResult> MeasureAsync(Uri url, CancellationToken ct)
    {
        await RunAsync(url, warmupSeconds, ct);
        return await RunAsync(url, durationSeconds, ct);
    }

    private async Task<WrkResult> RunAsync(Uri url, int seconds, CancellationToken ct)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--timeout", "10s", "--latency", url.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = ProcessRegistry.Start(start);
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        var errors = await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        ProcessRegistry.Forget(process);
        if (process.ExitCode != 0)
        {
            throw new BenchFailedException($"wrk exited with {process.ExitCode}: {errors}{output}");
        }

        return WrkResult.Parse(output);
    }

    public static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}

/// <summary>What one wrk run reports: throughput, latency percentiles and anything that went wrong.</summary>
public sealed partial record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors, string Output)
{
    public static WrkResult Parse(string output)
    {
        var rps = RequestsPerSec().Match(output);
        var requests = RequestCount().Match(output);
        if (!rps.Success || !requests.Success)
        {
            throw new BenchFailedException($"Could not read wrk's output:\n{output}");
        }

        var non2xx = Non2xxLine().Match(output);
        var errors = SocketErrorsLine().Match(output);
        var socketErrors = errors.Success ? errors.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0;
        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"),
            Percentile(output, "99%"),
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors,
            output);
    }

    // wrk --latency prints "     50%  512.00us" … "     99%    3.21ms".
    private static double Percentile(string output, string label)
    {
        var match = Regex.Match(output, @"^\s*" + Regex.Escape(label) + @"\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new BenchFailedException($"wrk printed no {label} latency:\n{output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => value * 60_000,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSec();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
