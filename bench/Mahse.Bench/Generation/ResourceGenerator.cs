using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Mahse.Bench.Generation;

/// <summary>
/// Writes N published stakeholder resources (a MAHSE document type) as uSync Content files under the MAHSE resource
/// library, shaped like the seed's own resources: a link, a resource type, disciplines, a roadmap stage and a provider,
/// so that Delivery API output and portal filters behave as they do for real content. Keys and values are derived
/// from the item's number, so the same N always gives the same files.
/// </summary>
public sealed class ResourceGenerator(MahseSeed seed)
{
    /// <summary>Bumped whenever the files change shape, so cached sites built from older files are not reused.</summary>
    public const int Version = 1;

    public static readonly string[] ResourceTypes = ["Toolkit", "Guide", "Course", "Template", "Funding", "Community", "Report"];

    private static readonly string[] Disciplines = ["Life sciences", "Physiological sciences", "Physical sciences and biomedical engineering", "Clinical bioinformatics"];

    /// <summary>Writes the files into <paramref name="usyncFolder"/>/Content and returns their paths.</summary>
    public IReadOnlyList<string> Write(string usyncFolder, int count)
    {
        var folder = Path.Combine(usyncFolder, "Content");
        Directory.CreateDirectory(folder);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(true), Async = false };
        var paths = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var path = Path.Combine(folder, $"bench-resource-{i:D5}.config");
            using (var writer = XmlWriter.Create(path, settings))
            {
                Document(i).Save(writer);
            }

            paths.Add(path);
        }

        return paths;
    }

    public static string Name(int i) => $"Bench resource {i:D5}";

    public static string ResourceTypeOf(int i) => ResourceTypes[i % ResourceTypes.Length];

    private XDocument Document(int i)
    {
        var name = Name(i);
        var disciplines = Disciplines.Where((_, d) => (i >> d & 1) == 1).DefaultIfEmpty(Disciplines[i % Disciplines.Length]).ToArray();
        var link = new[] { new { name = "Visit " + name, target = (string?)null, unique = (string?)null, type = (string?)null, udi = (string?)null, url = $"https://example.org/resources/{i}", queryString = (string?)null, culture = (string?)null } };
        var stage = seed.RoadmapStages.Count > 0 ? Udi(seed.RoadmapStages[i % seed.RoadmapStages.Count]) : "";
        var provider = seed.Organisations.Count > 0 ? Udi(seed.Organisations[i % seed.Organisations.Count]) : "";
        return new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("Content",
                new XAttribute("Key", Key(i)),
                new XAttribute("Alias", name),
                new XAttribute("Level", 3),
                new XElement("Info",
                    new XElement("Parent", new XAttribute("Key", seed.ResourceLibrary), seed.ResourceLibraryName),
                    new XElement("Path", $"/MAHSEResearchAndInnovation/ResourceLibrary/BenchResource{i:D5}"),
                    new XElement("Trashed", "false"),
                    new XElement("ContentType", MahseSeed.ResourceType),
                    new XElement("CreateDate", "2026-11-26T09:00:00"),
                    new XElement("NodeName", new XAttribute("Default", name)),
                    new XElement("SortOrder", 1000 + i),
                    new XElement("Published", new XAttribute("Default", "true")),
                    new XElement("Schedule"),
                    new XElement("Template")),
                new XElement("Properties",
                    Value("body", ""),
                    Value("disciplines", JsonSerializer.Serialize(disciplines)),
                    Value("link", JsonSerializer.Serialize(link)),
                    Value("provider", provider),
                    Value("resourceType", JsonSerializer.Serialize(new[] { ResourceTypeOf(i) })),
                    Value("roadmapStages", stage),
                    Value("summary", $"Generated resource {i} for benchmarks: a {ResourceTypeOf(i).ToLowerInvariant()} for healthcare scientists."),
                    Value("title", name))));
    }

    private static XElement Value(string alias, string value) => new(alias, new XElement("Value", new XCData(value)));

    private static string Udi(Guid key) => "umb://document/" + key.ToString("N");

    /// <summary>A stable key per item number, so a re-import of regenerated files finds the same documents.</summary>
    public static Guid Key(int i) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"mahse-bench-resource-{i}"))[..16]);
}
