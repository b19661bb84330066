namespace Mahse.Sync;

/// <summary>Where a running import or export is: the handler at work and how many of all items are done.</summary>
public sealed record SyncProgress(string Action, bool Running, string? Handler, int Done, int Total, DateTimeOffset StartedAt)
{
    public static SyncProgress Idle { get; } = new("None", false, null, 0, 0, DateTimeOffset.MinValue);
}
