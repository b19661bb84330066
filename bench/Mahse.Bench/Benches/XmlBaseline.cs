using System.Diagnostics;
using System.Xml.Linq;

namespace Mahse.Bench.Benches;

/// <summary>
/// The floor for the sync's file work, measured in this process: parsing the same files with XElement.Load (what any
/// import must do before Umbraco is asked anything), and writing them back with XElement.Save (what any export must do).
/// A warm-up pass runs first, so both the sync and the baseline read files from the page cache.
/// </summary>
public static class XmlBaseline
{
    public static TimeSpan Parse(IReadOnlyList<string> files)
    {
        _ = Load(files);
        var clock = Stopwatch.StartNew();
        _ = Load(files);
        return clock.Elapsed;
    }

    public static TimeSpan ParseAndWrite(IReadOnlyList<string> files, string target)
    {
        Directory.CreateDirectory(target);
        var loaded = Load(files);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < files.Count; i++)
        {
            XElement.Load(files[i]).Save(Path.Combine(target, $"{i:D6}.config"));
        }

        GC.KeepAlive(loaded);
        return clock.Elapsed;
    }

    private static List<XElement> Load(IReadOnlyList<string> files) => files.Select(f => XElement.Load(f)).ToList();
}
