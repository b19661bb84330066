using System.Runtime.InteropServices;
using Mahse.Bench.Reporting;

namespace Mahse.Bench;

/// <summary>The machine a run was made on, printed first so figures are never read without it.</summary>
public static class MachineInfo
{
    public static void Print(BenchOutput output, BenchOptions options)
    {
        output.Line($"Mahse.Bench {options.Bench} — {DateTime.Now:yyyy-MM-dd HH:mm:ss zzz}");
        output.Line($"  machine  {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryTotal()} memory, load average {LoadAverage()} at start");
        output.Line($"  OS       {OsName()} ({RuntimeInformation.OSArchitecture}, kernel {Environment.OSVersion.Version})");
        output.Line($"  .NET     {RuntimeInformation.FrameworkDescription}, bench built {BuildConfiguration}, server GC {System.Runtime.GCSettings.IsServerGC}");
    }

    /// <summary>The configuration this bench was built in (bin/{Configuration}/net10.0), which is also the site's.</summary>
    public static string BuildConfiguration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "unknown";

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static string MemoryTotal()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kib)
            ? $"{kib / 1024d / 1024d:N1} GiB"
            : $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024d / 1024d / 1024d:N1} GiB (as .NET sees it)";
    }

    private static string LoadAverage() => ReadLines("/proc/loadavg").FirstOrDefault() is { } l ? string.Join(' ', l.Split(' ').Take(3)) : "unknown";

    private static string OsName() =>
        ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
        ?? RuntimeInformation.OSDescription;

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
