using System.Diagnostics;
using System.Xml.Linq;
using Mahse.Cms.Sync;
using Mahse.Web;

namespace Mahse.Bench;

/// <summary>
/// uSync at scale: a generated folder of one content type and N content items is imported into an empty SQLite
/// database, imported again (nothing changed), and exported; the baseline is reading and parsing the same files.
/// </summary>
internal static class UsyncBench
{
    private static readonly Guid TypeKey = Guid.Parse("5f3b2a1c-0d4e-4f6a-8b7c-9d0e1f2a3b4c");

    public static async Task RunAsync(int count)
    {
        var root = BenchHost.NewContentRoot();
        var folder = Path.Combine(root, "generated", "uSync", "v17");
        try
        {
            Generate(folder, count);
            var parse = Stopwatch.StartNew();
            var parsed = Directory.EnumerateFiles(folder, "*.config", SearchOption.AllDirectories).Select(XElement.Load).Count();
            var parseTime = parse.Elapsed;

            var app = MahseApp.Create(["--urls", "http://127.0.0.1:0"], root, BenchHost.Settings(root));
            await app.StartAsync();
            try
            {
                var sync = app.Services.GetRequiredService<SyncService>();
                var first = await sync.ImportAsync(folder, dryRun: false, SyncGroups.All, CancellationToken.None);
                var second = await sync.ImportAsync(folder, dryRun: false, SyncGroups.All, CancellationToken.None);
                var export = await sync.ExportAsync(Path.Combine(root, "exported"), SyncGroups.All, CancellationToken.None);

                Console.WriteLine($"uSync benchmark: {count} content items + schema, SQLite, {Environment.ProcessorCount} cores");
                Console.WriteLine("| measure | figure | baseline (same run) | target |");
                Console.WriteLine("| --- | --- | --- | --- |");
                Console.WriteLine($"| first import ({first.Lines.Count} items: {first.Count(SyncChange.Create)} created, {first.Lines.Count(l => !l.Success)} failed) | {first.Duration.TotalSeconds:F1} s | {parseTime.TotalSeconds:F2} s to read and parse the {parsed} files | < 60 s |");
                Console.WriteLine($"| no-change re-import ({second.Count(SyncChange.NoChange)} NoChange) | {second.Duration.TotalSeconds:F1} s | | < 15 s |");
                Console.WriteLine($"| export ({export.Lines.Count} files) | {export.Duration.TotalSeconds:F1} s | | < 30 s |");
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            BenchHost.Delete(root);
        }
    }

    internal static void Generate(string folder, int count)
    {
        var container = Guid.Parse("8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d");
        XElement Property(string alias, string name, string dataType, string editor, int sort) => new("GenericProperty",
            new XElement("Key", Guid.NewGuid()), new XElement("Name", name), new XElement("Alias", alias), new XElement("Definition", dataType),
            new XElement("Type", editor), new XElement("Mandatory", "false"), new XElement("Validation", ""), UsyncXml.CData("Description", ""),
            new XElement("SortOrder", sort), new XElement("Tab", new XAttribute("Alias", "content"), "Content"), new XElement("Variations", "Nothing"),
            new XElement("MandatoryMessage", ""), new XElement("ValidationRegExpMessage", ""), new XElement("LabelOnTop", "false"));
        var type = new XElement("ContentType", new XAttribute("Key", TypeKey), new XAttribute("Alias", "benchStage"), new XAttribute("Level", 1),
            new XElement("Info", new XElement("Name", "Bench stage"), new XElement("Icon", "icon-document"), new XElement("AllowAtRoot", "True"), new XElement("IsElement", "false"), new XElement("Compositions")),
            new XElement("Structure", new XElement("ContentType", new XAttribute("Key", TypeKey), new XAttribute("SortOrder", 0), "benchStage")),
            new XElement("GenericProperties",
                Property("title", "Title", "0cc0eba1-9960-42c9-bf9b-60e150b429ae", "Umbraco.TextBox", 0),
                Property("summary", "Summary", "c6bac0dd-4ab9-45b1-8e30-e4b619ee5da3", "Umbraco.TextArea", 1),
                Property("stageOrder", "Stage order", "2e6d3631-066e-44b8-aec4-96f09099b2b5", "Umbraco.Integer", 2)),
            new XElement("Tabs", new XElement("Tab", new XElement("Key", container), new XElement("Caption", "Content"), new XElement("Alias", "content"), new XElement("Type", "Group"), new XElement("SortOrder", 0))));
        Directory.CreateDirectory(Path.Combine(folder, "ContentTypes"));
        Directory.CreateDirectory(Path.Combine(folder, "Content"));
        File.WriteAllBytes(Path.Combine(folder, "ContentTypes", "benchstage.config"), UsyncXml.ToBytes(type));

        Guid section = Guid.Empty;
        for (var i = 0; i < count; i++)
        {
            var isSection = i % 100 == 0;
            var key = Guid.NewGuid();
            var parent = isSection ? Guid.Empty : section;
            var name = isSection ? $"Section {i / 100}" : $"Stage {i}";
            var content = new XElement("Content", new XAttribute("Key", key), new XAttribute("Alias", name), new XAttribute("Level", isSection ? 1 : 2),
                new XElement("Info",
                    new XElement("Parent", new XAttribute("Key", parent), ""), new XElement("Path", "/x"), new XElement("Trashed", "false"),
                    new XElement("ContentType", "benchStage"), new XElement("CreateDate", "2026-11-26T09:00:00"), new XElement("NodeName", new XAttribute("Default", name)),
                    new XElement("SortOrder", i % 100), new XElement("Published", new XAttribute("Default", "true")), new XElement("Schedule"), new XElement("Template")),
                new XElement("Properties",
                    new XElement("stageOrder", UsyncXml.CData("Value", (i % 100).ToString())),
                    new XElement("summary", UsyncXml.CData("Value", "Healthcare scientists identify a service problem, gather baseline data and agree the scope.")),
                    new XElement("title", UsyncXml.CData("Value", $"{name}: scoping the improvement"))));
            File.WriteAllBytes(Path.Combine(folder, "Content", $"item-{i:D5}.config"), UsyncXml.ToBytes(content));
            if (isSection)
            {
                section = key;
            }
        }
    }
}
