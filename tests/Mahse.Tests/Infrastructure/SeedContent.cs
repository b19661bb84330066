using System.Xml.Linq;

namespace Mahse.Tests.Infrastructure;

/// <summary>One document of a uSync folder as its file describes it, so tests derive what to expect from the seed itself.</summary>
public sealed record SeedDocument(Guid Key, string Name, string ContentType, Guid Parent, bool Published, bool Protected, IReadOnlyDictionary<string, string> Values)
{
    public string Value(string alias) => Values.TryGetValue(alias, out var value) ? value : "";

    /// <summary>The keys a picker value names (umb://document/… UDIs, comma-separated).</summary>
    public IReadOnlyList<Guid> Picked(string alias) =>
        Value(alias).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(udi => Guid.ParseExact(udi[(udi.LastIndexOf('/') + 1)..], "N"))
            .ToList();

    /// <summary>The values a dropdown or checkbox list stored (a JSON array of strings).</summary>
    public IReadOnlyList<string> Listed(string alias) =>
        Value(alias) is { Length: > 0 } json ? System.Text.Json.JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];
}

public static class SeedContent
{
    public static IReadOnlyList<SeedDocument> Load(string usyncFolder)
    {
        var documents = Directory.EnumerateFiles(Path.Combine(usyncFolder, "Content"), "*.config")
            .Select(path => XElement.Load(path))
            .Where(root => root.Name.LocalName == "Content")
            .Select(root =>
            {
                var info = root.Element("Info")!;
                return new SeedDocument(
                    Guid.Parse(root.Attribute("Key")!.Value),
                    info.Element("NodeName")!.Attribute("Default")!.Value,
                    info.Element("ContentType")!.Value,
                    Guid.Parse(info.Element("Parent")!.Attribute("Key")!.Value),
                    bool.Parse(info.Element("Published")!.Attribute("Default")!.Value),
                    root.Element("PublicAccess") is not null,
                    root.Element("Properties")!.Elements().ToDictionary(p => p.Name.LocalName, p => p.Element("Value")?.Value ?? ""));
            })
            .ToList();

        // Protection covers descendants too.
        var byKey = documents.ToDictionary(d => d.Key);
        bool UnderProtection(SeedDocument d) => d.Protected || (byKey.TryGetValue(d.Parent, out var parent) && UnderProtection(parent));
        return documents.Select(d => d with { Protected = UnderProtection(d) }).ToList();
    }
}
