using System.Globalization;

namespace Mahse.Bench;

/// <summary>The command line: <c>delivery|startup|usync [--option value]…</c>.</summary>
public sealed class BenchOptions
{
    public const string Usage = """
        usage: Mahse.Bench <delivery|startup|usync|forms|survey> [options]
          --items N          generated documents (delivery and startup: 10000; usync: 1000); survey: responses (100000)
          --duration S       measured seconds per target (delivery, forms: 10)
          --warmup S         warm-up seconds per target, discarded (delivery, forms: 3)
          --connections C    wrk connections (delivery: 16); concurrent POST loops (forms: 16)
                     (forms: --duration is also the kill phase's load, killed halfway)
          --threads T        wrk threads (delivery: 2)
          --repeat R         start-ups per case (startup: 3)
          --site PATH        Mahse.Web.dll to run (default: src/Mahse.Web/bin/<this bench's configuration>/net10.0)
          --work DIR         scratch folder (default: $TMPDIR/mahse-bench)
          --fresh            rebuild the cached site with generated items instead of reusing it
          --keep             keep this run's content roots (for looking at logs)
        """;

    public required string Bench { get; init; }

    public int? Items { get; init; }

    public int DurationSeconds { get; init; } = 10;

    public int WarmupSeconds { get; init; } = 3;

    public int Connections { get; init; } = 16;

    public int Threads { get; init; } = 2;

    public int Repeat { get; init; } = 3;

    public string? Site { get; init; }

    public string WorkFolder { get; init; } = Path.Combine(Path.GetTempPath(), "mahse-bench");

    public bool Fresh { get; init; }

    public bool Keep { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("delivery" or "startup" or "usync" or "forms" or "survey"))
        {
            throw new ArgumentException("Name a bench: delivery, startup, usync, forms or survey.");
        }

        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--fresh" or "--keep":
                    flags.Add(args[i]);
                    break;
                case var name when name.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length:
                    values[name] = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        int Int(string name, int fallback) => values.Remove(name, out var v)
            ? int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} needs a positive whole number.")
            : fallback;

        var options = new BenchOptions
        {
            Bench = args[0],
            Items = values.ContainsKey("--items") ? Int("--items", 0) : null,
            DurationSeconds = Int("--duration", 10),
            WarmupSeconds = Int("--warmup", 3),
            Connections = Int("--connections", 16),
            Threads = Int("--threads", 2),
            Repeat = Int("--repeat", 3),
            Site = values.Remove("--site", out var site) ? Path.GetFullPath(site) : null,
            WorkFolder = values.Remove("--work", out var work) ? Path.GetFullPath(work) : Path.Combine(Path.GetTempPath(), "mahse-bench"),
            Fresh = flags.Contains("--fresh"),
            Keep = flags.Contains("--keep"),
        };
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option {string.Join(", ", values.Keys)}.");
        }

        return options;
    }
}
