using System.Xml.Linq;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Sync.Handlers;

/// <summary>
/// Member groups, in <c>MemberGroups/</c>. uSync 17's core has no handler for them (uSync 7 had one); the file
/// shape follows uSync's conventions and is documented in docs/usync-extensions.md. A full Umbraco ignores the folder.
/// </summary>
public sealed class MemberGroupHandler(ICmsDbContextFactory contexts, UsyncNames names, TimeProvider clock) : ISyncHandler
{
    public string Name => "MemberGroupHandler";

    public string Folder => "MemberGroups";

    public string ItemType => "MemberGroup";

    public int Priority => 1046;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.MemberGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Key == file.Key, ct);
        return row is null ? null : Serialize(row);
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var name = file.Root.Element("Name")?.Value is { Length: > 0 } n ? n : file.Alias;
        await using var db = contexts.CreateDbContext();
        if (await db.MemberGroups.AnyAsync(g => g.Name == name && g.Key != file.Key, ct))
        {
            return SyncItemOutcome.Fail($"Another member group is already called '{name}'.");
        }

        var row = await db.MemberGroups.SingleOrDefaultAsync(g => g.Key == file.Key, ct);
        if (row is null)
        {
            row = new MemberGroupRow { Key = file.Key!.Value, CreateDate = clock.GetUtcNow().UtcDateTime };
            db.MemberGroups.Add(row);
        }

        row.Name = name;
        await db.SaveChangesAsync(ct);
        return new SyncItemOutcome(change);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var deleted = await db.MemberGroups.Where(g => g.Key == marker.Key).ExecuteDeleteAsync(ct);
        return new SyncItemOutcome(deleted > 0 ? SyncChange.Delete : SyncChange.NoChange);
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.MemberGroups.AsNoTracking().ToListAsync(ct);
        return rows.Select(r => (names.SafeFileName(r.Name) + ".config", r.Key, Serialize(r))).ToList();
    }

    private static XElement Serialize(MemberGroupRow row) =>
        new("MemberGroup", new XAttribute("Key", row.Key.ToString()), new XAttribute("Alias", row.Name), new XAttribute("Level", 1), new XElement("Name", row.Name));
}
