using System.Text.Json.Serialization;

namespace Mahse.Sync;

/// <summary>uSync's change types (uSync.Core ChangeType), the ones this importer and exporter report.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SyncChange>))]
public enum SyncChange
{
    NoChange,
    Create,
    Update,
    Delete,
    Fail,
    ParentMissing,
}

/// <summary>One field that differs between the database and the file (uSync's <c>uSyncChange</c>).</summary>
public sealed record SyncFieldChange(string Name, string? OldValue, string? NewValue);

/// <summary>One line of a report: an item, what happened to it, and why (uSync's <c>uSyncAction</c>).</summary>
public sealed record SyncReportLine(
    string Handler,
    string ItemType,
    string Alias,
    Guid? Key,
    SyncChange Change,
    string? File,
    string? Message = null,
    IReadOnlyList<SyncFieldChange>? Details = null,
    IReadOnlyList<string>? Warnings = null)
{
    public bool Success => Change is not (SyncChange.Fail or SyncChange.ParentMissing);
}

public sealed record SyncReport(string Action, bool DryRun, string Folder, DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<SyncReportLine> Lines)
{
    public bool HasFailures => Lines.Any(l => !l.Success);

    public int Count(SyncChange change) => Lines.Count(l => l.Change == change);
}
