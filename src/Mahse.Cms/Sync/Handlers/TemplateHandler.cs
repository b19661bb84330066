using System.Xml.Linq;
using Mahse.Cms.Schema;

namespace Mahse.Cms.Sync.Handlers;

public sealed class TemplateHandler(TemplateService templates, UsyncNames names) : ISyncHandler
{
    public string Name => "TemplateHandler";

    public string Folder => "Templates";

    public string ItemType => "Template";

    public int Priority => 1020;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => true;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        var all = await templates.GetAllAsync(ct);
        var template = all.FirstOrDefault(t => t.Key == file.Key);
        return template is null ? null : Serialize(template, all);
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var error = await templates.SaveAsync(new TemplateDefinition(
            file.Key!.Value, file.Alias, file.Root.Element("Name")?.Value ?? file.Alias, file.Root.Element("Parent")?.Value), ct);
        return error is null ? new SyncItemOutcome(change) : SyncItemOutcome.Fail(error);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct) =>
        marker.Key is { } key && await templates.DeleteAsync(key, ct) ? new SyncItemOutcome(SyncChange.Delete) : new SyncItemOutcome(SyncChange.NoChange, "Already gone.");

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        var all = await templates.GetAllAsync(ct);
        return all.Select(t => (names.SafeFileName(t.Alias) + ".config", t.Key, Serialize(t, all))).ToList();
    }

    private static XElement Serialize(TemplateDefinition template, IReadOnlyList<TemplateDefinition> all) =>
        new("Template",
            new XAttribute("Key", template.Key.ToString()),
            new XAttribute("Alias", template.Alias),
            new XAttribute("Level", TemplateService.Level(template, all)),
            new XElement("Name", template.Name),
            template.MasterAlias is { Length: > 0 } master ? new XElement("Parent", master) : new XElement("Parent"));
}
