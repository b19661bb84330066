namespace Mahse.Sync.Api;

/// <summary>
/// The handler groups a request may name. Stricter than <see cref="SyncSettings.ParseGroups"/> (which reads settings
/// and ignores what it does not know): over HTTP an unknown group is a mistake to report, not a no-op.
/// </summary>
public static class SyncGroupNames
{
    public static readonly IReadOnlyList<string> Allowed = [nameof(SyncGroups.All), nameof(SyncGroups.Settings), nameof(SyncGroups.Content)];

    /// <summary>Reads a group name, case-insensitively; a missing one means All.</summary>
    public static bool TryParse(string? name, out SyncGroups groups)
    {
        groups = (name?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "all" => SyncGroups.All,
            "settings" => SyncGroups.Settings,
            "content" => SyncGroups.Content,
            _ => SyncGroups.None,
        };
        return groups != SyncGroups.None;
    }
}
