using Umbraco.Cms.Core;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Templates (<c>Templates/</c>): key, alias, name and layout (master) template. The portal is headless and renders no
/// views; templates travel so that document types and content that name them import whole. A new template gets a
/// view that only declares its layout, as uSync leaves view contents to the site's files.
/// </summary>
public sealed partial class TemplateHandler(ITemplateService templates, UsyncNames names) : ISyncHandler
{
    public string Name => "TemplateHandler";

    public string Folder => "Templates";

    public string ItemType => "Template";

    public int WriteLock => Constants.Locks.ContentTypes;

    public int Priority => 1020;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => true;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        file.Key is { } key && await templates.GetAsync(key) is { } template ? await SerializeAsync(template) : null;

    public async Task<string?> ParentProblemAsync(SyncFile file, SyncImportContext context, CancellationToken ct)
    {
        var layout = file.Root.Element("Parent")?.Value.Trim();
        return string.IsNullOrEmpty(layout) || await templates.GetAsync(layout) is not null || context.DryRun
            ? null
            : $"The layout template '{layout}' does not exist.";
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var name = file.Root.Element("Name")?.Value is { Length: > 0 } n ? n : file.Alias;
        var layout = file.Root.Element("Parent")?.Value.Trim() is { Length: > 0 } l ? l : null;
        var existing = await templates.GetAsync(file.Key!.Value);
        if (existing is null)
        {
            if (await templates.GetAsync(file.Alias) is { } clash)
            {
                return SyncItemOutcome.Fail($"The alias '{file.Alias}' is already used by another template ({clash.Key}).");
            }

            var created = await templates.CreateAsync(name, file.Alias, ViewFor(layout), SyncUser.Key, file.Key);
            return created.Success ? new SyncItemOutcome(change) : SyncItemOutcome.Fail($"{created.Status}");
        }

        existing.Name = name;
        existing.Alias = file.Alias;
        if (!string.Equals(existing.LayoutTemplateAlias, layout, StringComparison.OrdinalIgnoreCase))
        {
            existing.Content = WithLayout(existing.Content, layout);
        }

        var updated = await templates.UpdateAsync(existing, SyncUser.Key);
        return updated.Success ? new SyncItemOutcome(change) : SyncItemOutcome.Fail($"{updated.Status}");
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        var template = (marker.Key is { } key ? await templates.GetAsync(key) : null) ?? await templates.GetAsync(marker.Alias);
        if (template is null)
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        var deleted = await templates.DeleteAsync(template.Key, SyncUser.Key);
        return deleted.Success ? new SyncItemOutcome(SyncChange.Delete) : SyncItemOutcome.Fail($"{deleted.Status}");
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        var result = new List<(string, Guid, XElement)>();
        foreach (var template in await templates.GetAllAsync())
        {
            var xml = await SerializeAsync(template);
            result.Add((FileNameFor(xml), template.Key, xml));
        }

        return result;
    }

    private async Task<XElement> SerializeAsync(ITemplate template)
    {
        // Level: 1 at the root, one more per layout above it.
        var level = 1;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { template.Alias };
        for (var layout = template.LayoutTemplateAlias; !string.IsNullOrEmpty(layout) && seen.Add(layout); level++)
        {
            layout = (await templates.GetAsync(layout))?.LayoutTemplateAlias;
        }

        var parent = string.IsNullOrEmpty(template.LayoutTemplateAlias) ? new XElement("Parent") : new XElement("Parent", template.LayoutTemplateAlias);
        return new XElement("Template",
            new XAttribute("Key", template.Key.ToString()),
            new XAttribute("Alias", template.Alias),
            new XAttribute("Level", level),
            new XElement("Name", template.Name ?? template.Alias),
            parent);
    }

    private static string ViewFor(string? layout) => "@{\n    Layout = " + (layout is null ? "null" : $"\"{layout}.cshtml\"") + ";\n}\n";

    private static string WithLayout(string? content, string? layout)
    {
        var statement = "Layout = " + (layout is null ? "null" : $"\"{layout}.cshtml\"") + ";";
        return string.IsNullOrEmpty(content) ? ViewFor(layout)
            : LayoutStatement().IsMatch(content) ? LayoutStatement().Replace(content, statement, 1)
            : ViewFor(layout) + content;
    }

    [GeneratedRegex(@"Layout\s*=\s*(null|""[^""]*"")\s*;")]
    private static partial Regex LayoutStatement();
}
