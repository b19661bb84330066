using System.Xml.Linq;

namespace Mahse.Bench.Generation;

/// <summary>What the generator needs of the MAHSE uSync folder: where resources live and what they may link to.</summary>
public sealed record MahseSeed(
    Guid ResourceLibrary,
    string ResourceLibraryName,
    IReadOnlyList<Guid> RoadmapStages,
    IReadOnlyList<Guid> Organisations,
    int PublishedResources,
    int PublicDocuments)
{
    public const string ResourceType = "stakeholderResource";

    public static MahseSeed Load(string usyncFolder)
    {
        var documents = Directory.EnumerateFiles(Path.Combine(usyncFolder, "Content"), "*.config")
            .Select(path => XElement.Load(path))
            .Where(root => root.Name.LocalName == "Content")
            .Select(root => (
                Key: Guid.Parse(root.Attribute("Key")!.Value),
                Name: root.Element("Info")?.Element("NodeName")?.Attribute("Default")?.Value ?? "",
                Type: root.Element("Info")?.Element("ContentType")?.Value ?? "",
                Parent: Guid.TryParse(root.Element("Info")?.Element("Parent")?.Attribute("Key")?.Value, out var parent) ? parent : Guid.Empty,
                Published: root.Element("Info")?.Element("Published")?.Attribute("Default")?.Value == "true",
                Protected: root.Element("PublicAccess") is not null))
            .ToList();

        // Public access protects a document's descendants too; the Delivery API lists neither to anonymous callers.
        var byKey = documents.ToDictionary(d => d.Key);
        bool UnderProtection(Guid key) => byKey.TryGetValue(key, out var d) && (d.Protected || UnderProtection(d.Parent));

        var library = documents.FirstOrDefault(d => d.Type == "resourceLibrary");
        if (library.Key == Guid.Empty)
        {
            throw new BenchFailedException($"No resourceLibrary document in {usyncFolder}: the generated resources need a parent.");
        }

        return new MahseSeed(
            library.Key,
            library.Name,
            documents.Where(d => d.Type == "roadmapStage").Select(d => d.Key).Order().ToList(),
            documents.Where(d => d.Type == "stakeholderOrganisation").Select(d => d.Key).Order().ToList(),
            documents.Count(d => d.Type == ResourceType && d.Published && !UnderProtection(d.Key)),
            documents.Count(d => d.Published && !UnderProtection(d.Key)));
    }
}
