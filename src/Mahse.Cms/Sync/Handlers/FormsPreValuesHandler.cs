using System.Text.Json.Nodes;
using System.Xml.Linq;
using Mahse.Cms.Forms;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Sync.Handlers;

/// <summary>Umbraco Forms prevalue sources in uSync.Forms' format (<c>Forms-PreValues/</c>, root <c>PreValue</c>), before forms.</summary>
public sealed class FormsPreValuesHandler(ICmsDbContextFactory contexts, PreValueSources sources, UsyncNames names) : ISyncHandler
{
    public string Name => "FormsPreValuesHandler";

    public string Folder => "Forms-PreValues";

    public string ItemType => "PreValue";

    public int Priority => 1140;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.FormPreValueSources.AsNoTracking().SingleOrDefaultAsync(s => s.Key == file.Key, ct);
        return row is null ? null : Serialize(row);
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var info = file.Root.Element("Info");
        if (!Guid.TryParse(info?.Element("FieldPreValueSourceTypeId")?.Value, out var type))
        {
            return SyncItemOutcome.Fail("The prevalue source has no FieldPreValueSourceTypeId.");
        }

        string settings, items;
        try
        {
            settings = (JsonNode.Parse(file.Root.Element("Settings")?.Value is { Length: > 0 } s ? s : "{}") ?? new JsonObject()).ToJsonString();
            items = JsonNode.Parse(file.Root.Element("TextFile")?.Element("FileContent")?.Value is { Length: > 0 } c ? c : "[]")!.ToJsonString();
        }
        catch (System.Text.Json.JsonException ex)
        {
            return SyncItemOutcome.Fail($"The prevalue source's JSON is not valid: {ex.Message}");
        }

        await using var db = contexts.CreateDbContext();
        var row = await db.FormPreValueSources.SingleOrDefaultAsync(x => x.Key == file.Key, ct);
        row ??= db.FormPreValueSources.Add(new FormPreValueSourceRow { Key = file.Key!.Value }).Entity;
        row.Name = info?.Element("Name")?.Value ?? file.Alias;
        row.TypeId = type;
        row.SettingsJson = settings;
        row.ItemsJson = type == PreValueSources.TextFile ? items : null;
        await db.SaveChangesAsync(ct);
        sources.Invalidate();
        return new SyncItemOutcome(change);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var deleted = await db.FormPreValueSources.Where(s => s.Key == marker.Key).ExecuteDeleteAsync(ct);
        sources.Invalidate();
        return new SyncItemOutcome(deleted > 0 ? SyncChange.Delete : SyncChange.NoChange);
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.FormPreValueSources.AsNoTracking().ToListAsync(ct);
        return rows.Select(r => (names.SafeFileName(r.Name) + ".config", r.Key, Serialize(r))).ToList();
    }

    private static XElement Serialize(FormPreValueSourceRow row) => new("PreValue",
        new XAttribute("Key", row.Key.ToString()), new XAttribute("Alias", row.Name),
        new XElement("Info", new XElement("Name", row.Name), new XElement("FieldPreValueSourceTypeId", row.TypeId.ToString())),
        new XElement("Settings", JsonNode.Parse(row.SettingsJson)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })),
        row.ItemsJson is null ? null : new XElement("TextFile", new XElement("FileContent", row.ItemsJson)));
}
