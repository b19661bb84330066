using System.Globalization;
using System.Xml.Linq;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Sync.Handlers;

/// <summary>Languages, matched by ISO code (uSync's keys are hashes of it, and can collide).</summary>
public sealed class LanguageHandler(ICmsDbContextFactory contexts) : ISyncHandler
{
    public string Name => "LanguageHandler";

    public string Folder => "Languages";

    public string ItemType => "Language";

    public int Priority => 1005;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var iso = IsoCode(file);
        var row = await db.Languages.AsNoTracking().SingleOrDefaultAsync(l => l.IsoCode == iso, ct);
        return row is null ? null : Serialize(row);
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var iso = IsoCode(file);
        try
        {
            _ = CultureInfo.GetCultureInfo(iso, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return SyncItemOutcome.Fail($"'{iso}' is not a known culture.");
        }

        await using var db = contexts.CreateDbContext();
        var row = await db.Languages.SingleOrDefaultAsync(l => l.IsoCode == iso, ct);
        if (row is null)
        {
            row = new LanguageRow { IsoCode = iso };
            db.Languages.Add(row);
        }

        row.Name = file.Root.Element("Name")?.Value ?? iso;
        row.IsMandatory = UsyncXml.ReadBool(file.Root.Element("IsMandatory"));
        row.IsDefault = UsyncXml.ReadBool(file.Root.Element("IsDefault"));
        row.FallbackIsoCode = file.Root.Element("Fallback")?.Value is { Length: > 0 } fallback ? fallback : null;
        if (row.IsDefault)
        {
            await db.Languages.Where(l => l.IsoCode != iso && l.IsDefault).ExecuteUpdateAsync(s => s.SetProperty(l => l.IsDefault, false), ct);
        }

        await db.SaveChangesAsync(ct);
        return new SyncItemOutcome(change);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var deleted = await db.Languages.Where(l => l.IsoCode == marker.Alias).ExecuteDeleteAsync(ct);
        return new SyncItemOutcome(deleted > 0 ? SyncChange.Delete : SyncChange.NoChange);
    }

    public string FileNameFor(XElement item) => item.Attribute("Alias")!.Value.ToLowerInvariant() + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.Languages.AsNoTracking().ToListAsync(ct);
        return rows.Select(r => (r.IsoCode.ToLowerInvariant() + ".config", UsyncKeys.For(r.IsoCode), Serialize(r))).ToList();
    }

    private static string IsoCode(SyncFile file) => file.Root.Element("IsoCode")?.Value is { Length: > 0 } iso ? iso : file.Alias;

    private static XElement Serialize(LanguageRow row)
    {
        var element = new XElement("Language",
            new XAttribute("Key", UsyncKeys.For(row.IsoCode).ToString()),
            new XAttribute("Alias", row.IsoCode),
            new XAttribute("Level", 0),
            new XElement("Name", row.Name),
            new XElement("IsoCode", row.IsoCode),
            new XElement("IsMandatory", UsyncXml.CamelBool(row.IsMandatory)),
            new XElement("IsDefault", UsyncXml.CamelBool(row.IsDefault)));
        if (row.FallbackIsoCode is { Length: > 0 } fallback)
        {
            element.Add(new XElement("Fallback", fallback));
        }

        return element;
    }
}
