using System.Xml.Linq;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Sync.Handlers;

/// <summary>Domains, matched by name (uSync's keys are hashes of it).</summary>
public sealed class DomainHandler(ICmsDbContextFactory contexts, UsyncNames names) : ISyncHandler
{
    public string Name => "DomainHandler";

    public string Folder => "Domains";

    public string ItemType => "Domain";

    public int Priority => 1219;

    public SyncGroups Group => SyncGroups.Content;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.Domains.AsNoTracking().SingleOrDefaultAsync(d => d.Name == file.Alias, ct);
        return row is null ? null : await SerializeAsync(db, row, ct);
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var info = file.Root.Element("Info") ?? new XElement("Info");
        var rootKey = UsyncXml.ReadGuid(info.Element("Root")?.Attribute("Key")?.Value);
        await using var db = contexts.CreateDbContext();
        if (rootKey is null || !await db.ContentNodes.AnyAsync(n => n.Key == rootKey && n.Kind == ContentNodeKind.Document, ct))
        {
            return new SyncItemOutcome(SyncChange.ParentMissing, $"Root document {rootKey} of domain '{file.Alias}' does not exist.");
        }

        var row = await db.Domains.SingleOrDefaultAsync(d => d.Name == file.Alias, ct);
        if (row is null)
        {
            row = new DomainRow { Name = file.Alias };
            db.Domains.Add(row);
        }

        row.RootKey = rootKey.Value;
        row.IsWildcard = UsyncXml.ReadBool(info.Element("IsWildcard"));
        row.LanguageIsoCode = info.Element("Language")?.Value is { Length: > 0 } iso ? iso : null;
        row.SortOrder = int.TryParse(info.Element("SortOrder")?.Value, out var sort) ? sort : 0;
        await db.SaveChangesAsync(ct);
        return new SyncItemOutcome(change);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var deleted = await db.Domains.Where(d => d.Name == marker.Alias).ExecuteDeleteAsync(ct);
        return new SyncItemOutcome(deleted > 0 ? SyncChange.Delete : SyncChange.NoChange);
    }

    public string FileNameFor(XElement item) => names.SafeFileName($"{item.Attribute("Alias")!.Value}_{item.Element("Info")?.Element("Language")?.Value}") + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.Domains.AsNoTracking().ToListAsync(ct);
        var result = new List<(string, Guid, XElement)>();
        foreach (var row in rows)
        {
            result.Add((names.SafeFileName($"{row.Name}_{row.LanguageIsoCode}") + ".config", UsyncKeys.For(row.Name), await SerializeAsync(db, row, ct)));
        }

        return result;
    }

    private static async Task<XElement> SerializeAsync(CmsDbContext db, DomainRow row, CancellationToken ct)
    {
        var root = await db.ContentNodes.AsNoTracking().Where(n => n.Key == row.RootKey).Select(n => n.Name).SingleOrDefaultAsync(ct);
        var info = new XElement("Info",
            new XElement("IsWildcard", UsyncXml.CamelBool(row.IsWildcard)),
            new XElement("Language", row.LanguageIsoCode ?? ""),
            new XElement("Root", new XAttribute("Key", row.RootKey.ToString()), "/" + root));
        if (row.SortOrder != 0)
        {
            info.Add(new XElement("SortOrder", row.SortOrder));
        }

        return new XElement("Domain", new XAttribute("Key", UsyncKeys.For(row.Name).ToString()), new XAttribute("Alias", row.Name), info);
    }
}
