using System.Globalization;

namespace Mahse.Bench.Reporting;

/// <summary>Numbers as the tables print them: invariant culture, units that suit the size.</summary>
public static class Figures
{
    public static string Count(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    public static string Ms(double milliseconds) => milliseconds switch
    {
        < 1 => milliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms",
        < 10 => milliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        < 10_000 => milliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms",
        _ => (milliseconds / 1000).ToString("N1", CultureInfo.InvariantCulture) + " s",
    };

    public static string Ms(TimeSpan time) => Ms(time.TotalMilliseconds);

    /// <summary>How many times the baseline's figure this one is (×0.5 = half of it).</summary>
    public static string Ratio(double value, double baseline)
    {
        if (baseline <= 0)
        {
            return "n/a";
        }

        var ratio = value / baseline;
        return "×" + ratio.ToString(ratio switch { >= 10 => "N0", >= 0.1 => "0.00", _ => "0.000" }, CultureInfo.InvariantCulture);
    }

    /// <summary>This figure as a share of the baseline's (throughput as a percentage of the floor's).</summary>
    public static string Percent(double value, double baseline) =>
        baseline <= 0 ? "n/a" : (100 * value / baseline).ToString(100 * value / baseline >= 10 ? "N0" : "0.0", CultureInfo.InvariantCulture) + " %";

    public static string Bytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024d / 1024d).ToString("N1", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024d).ToString("N1", CultureInfo.InvariantCulture) + " KiB";

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
