using System.Text.Json;
using System.Xml.Linq;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Sync.Handlers;

public sealed class DictionaryHandler(ICmsDbContextFactory contexts, UsyncNames names) : ISyncHandler
{
    public string Name => "DictionaryHandler";

    public string Folder => "Dictionary";

    public string ItemType => "Dictionary";

    public int Priority => 1006;

    public SyncGroups Group => SyncGroups.Content;

    public bool OrderByLevel => true;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var all = await db.DictionaryItems.AsNoTracking().ToListAsync(ct);
        var row = all.FirstOrDefault(d => d.Key == file.Key) ?? all.FirstOrDefault(d => d.ItemKey == file.Alias);
        return row is null ? null : Serialize(row, all);
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var parent = file.Root.Element("Info")?.Element("Parent")?.Value;
        if (!string.IsNullOrEmpty(parent) && !await db.DictionaryItems.AnyAsync(d => d.ItemKey == parent, ct))
        {
            return new SyncItemOutcome(SyncChange.ParentMissing, $"Parent dictionary item '{parent}' does not exist.");
        }

        var row = await db.DictionaryItems.SingleOrDefaultAsync(d => d.Key == file.Key || d.ItemKey == file.Alias, ct);
        if (row is null)
        {
            row = new DictionaryItemRow { Key = file.Key ?? Guid.NewGuid() };
            db.DictionaryItems.Add(row);
        }

        row.ItemKey = file.Alias;
        row.ParentItemKey = string.IsNullOrEmpty(parent) ? null : parent;
        row.TranslationsJson = JsonSerializer.Serialize(
            (file.Root.Element("Translations")?.Elements("Translation") ?? [])
                .Where(t => t.Attribute("Language") is not null)
                .ToDictionary(t => t.Attribute("Language")!.Value, t => t.Value));
        await db.SaveChangesAsync(ct);
        return new SyncItemOutcome(change);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var deleted = await db.DictionaryItems.Where(d => d.Key == marker.Key || d.ItemKey == marker.Alias).ExecuteDeleteAsync(ct);
        return new SyncItemOutcome(deleted > 0 ? SyncChange.Delete : SyncChange.NoChange);
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var all = await db.DictionaryItems.AsNoTracking().ToListAsync(ct);
        return all.Select(r => (names.SafeFileName(r.ItemKey) + ".config", r.Key, Serialize(r, all))).ToList();
    }

    private static XElement Serialize(DictionaryItemRow row, IReadOnlyList<DictionaryItemRow> all)
    {
        var level = 0;
        for (var parent = row.ParentItemKey; parent is not null && level < 32; parent = all.FirstOrDefault(d => d.ItemKey == parent)?.ParentItemKey)
        {
            level++;
        }

        var translations = JsonSerializer.Deserialize<Dictionary<string, string>>(row.TranslationsJson) ?? [];
        return new XElement("Dictionary",
            new XAttribute("Key", row.Key.ToString()),
            new XAttribute("Alias", row.ItemKey),
            new XAttribute("Level", level),
            row.ParentItemKey is null ? new XElement("Info") : new XElement("Info", new XElement("Parent", row.ParentItemKey)),
            new XElement("Translations", translations.OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase)
                .Select(t => new XElement("Translation", new XAttribute("Language", t.Key), t.Value))));
    }
}
