using System.Xml.Linq;
using Mahse.Sync.Serialization;

namespace Mahse.Sync.Handlers;

/// <summary>One uSync file as read: its path, its root element, and the attributes every item has.</summary>
public sealed record SyncFile(string Path, string RelativePath, XElement Root)
{
    public Guid? Key => UsyncXml.ReadGuid(Root.Attribute("Key")?.Value);

    public string Alias => Root.Attribute("Alias")?.Value ?? "";

    public bool IsEmpty => Root.Name.LocalName == "Empty";

    public string? EmptyChange => IsEmpty ? Root.Attribute("Change")?.Value : null;

    public int Level => int.TryParse(Root.Attribute("Level")?.Value, out var l) ? l : 0;

    public int SortOrder => int.TryParse(Root.Element("Info")?.Element("SortOrder")?.Value, out var s) ? s : 0;

    /// <summary>uSync's order within level-based handlers: parents before children, siblings by sort order.</summary>
    public int OrderValue => (Level * 1000) + SortOrder;
}

/// <summary>What one import run knows across handlers.</summary>
public sealed class SyncImportContext(bool dryRun)
{
    public bool DryRun { get; } = dryRun;

    /// <summary>Keys of the content and media items in this batch (a parent later in the batch is not missing).</summary>
    public HashSet<Guid> BatchKeys { get; } = [];

    /// <summary>Content items that failed in this batch: their children report ParentMissing rather than a second failure.</summary>
    public HashSet<Guid> FailedKeys { get; } = [];
}

public sealed record SyncItemOutcome(SyncChange Change, string? Message = null, IReadOnlyList<string>? Warnings = null)
{
    public static SyncItemOutcome Fail(string message) => new(SyncChange.Fail, message);
}

/// <summary>
/// Reads and writes one uSync folder (one item type), like uSync's handlers: serialise the database item to the
/// file's shape (for change detection and export), apply a file, delete on an <c>Empty</c> marker.
/// </summary>
public interface ISyncHandler
{
    string Name { get; }

    string Folder { get; }

    /// <summary>The root element of this handler's files.</summary>
    string ItemType { get; }

    /// <summary>
    /// The Umbraco lock its import takes before it reads (one of <c>Constants.Locks</c>): the one the Umbraco service it
    /// writes through takes. On SQLite any write lock is the database's one writer.
    /// </summary>
    int WriteLock { get; }

    int Priority { get; }

    SyncGroups Group { get; }

    /// <summary>Content, media, templates, dictionary: parents first by Level*1000+SortOrder. Others: file order.</summary>
    bool OrderByLevel { get; }

    /// <summary>The database's version of the item the file describes, in file form; null when it does not exist.</summary>
    Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct);

    /// <summary>
    /// A cheap stamp of the item's current state (read without loading the whole item) that changes whenever the item
    /// does; null when the handler has none. The same file over an item with the same stamp as at its last import is
    /// NoChange without serialising the item, which keeps a re-import of a large unchanged folder quick.
    /// </summary>
    Task<string?> StampAsync(SyncFile file, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>Why the item cannot go in (a missing parent), without changing anything; null when it can.</summary>
    Task<string?> ParentProblemAsync(SyncFile file, SyncImportContext context, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>
    /// Why the file cannot go in as it is (its content does not parse, or breaks a rule of the item type), found without
    /// changing anything, so that a dry run reports the Fail the import would; null when it can.
    /// </summary>
    Task<string?> FileProblemAsync(SyncFile file, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>Applies the file (pass one). The change (Create/Update) was decided by the caller; this says Fail or gives warnings.</summary>
    Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct);

    /// <summary>Pass two, for types: compositions and allowed children, once every type exists.</summary>
    Task<SyncItemOutcome?> SecondPassAsync(SyncFile file, SyncImportContext context, CancellationToken ct) => Task.FromResult<SyncItemOutcome?>(null);

    Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct);

    /// <summary>The file name uSync gives an item (without folder), from its serialised form.</summary>
    string FileNameFor(XElement item);

    /// <summary>Every item, as files (file name without folder).</summary>
    Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct);
}
