using Umbraco.Cms.Core;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Member groups (<c>MemberGroups/</c>): an extension of ours in uSync's shape (docs/usync-extensions.md); uSync 17's
/// core has no member group handler.
/// </summary>
public sealed class MemberGroupHandler(IMemberGroupService groups, UsyncNames names) : ISyncHandler
{
    public string Name => "MemberGroupHandler";

    public string Folder => "MemberGroups";

    public string ItemType => "MemberGroup";

    public int WriteLock => Constants.Locks.MemberTypes;

    public int Priority => 1046;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        file.Key is { } key && await groups.GetAsync(key) is { } group ? Serialize(group) : null;

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var name = file.Root.Element("Name")?.Value.Trim() is { Length: > 0 } n ? n : file.Alias;
        var existing = await groups.GetAsync(file.Key!.Value);
        if (await groups.GetByNameAsync(name) is { } clash && clash.Key != file.Key)
        {
            return SyncItemOutcome.Fail($"The name '{name}' is already used by another member group ({clash.Key}).");
        }

        var group = existing ?? new MemberGroup { Key = file.Key.Value };
        group.Name = name;
        var saved = existing is null ? await groups.CreateAsync(group) : await groups.UpdateAsync(group);
        return saved.Success ? new SyncItemOutcome(change) : SyncItemOutcome.Fail($"{saved.Status}");
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        var group = (marker.Key is { } key ? await groups.GetAsync(key) : null) ?? await groups.GetByNameAsync(marker.Alias);
        if (group is null)
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        var deleted = await groups.DeleteAsync(group.Key);
        return deleted.Success ? new SyncItemOutcome(SyncChange.Delete) : SyncItemOutcome.Fail($"{deleted.Status}");
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct) =>
        (await groups.GetAllAsync()).Select(g => (Group: g, Xml: Serialize(g))).Select(x => (FileNameFor(x.Xml), x.Group.Key, x.Xml)).ToList();

    private static XElement Serialize(IMemberGroup group) =>
        new("MemberGroup",
            new XAttribute("Key", group.Key.ToString()),
            new XAttribute("Alias", group.Name ?? ""),
            new XAttribute("Level", 1),
            new XElement("Name", group.Name ?? ""));
}
