namespace Mahse.Sync;

/// <summary>Handler groups, as uSync names them.</summary>
[Flags]
public enum SyncGroups
{
    None = 0,
    Settings = 1,
    Content = 2,
    All = Settings | Content,
}

/// <summary>uSync's settings, from <c>uSync:Settings</c>.</summary>
public sealed class SyncSettings
{
    /// <summary>The uSync folder, relative to the content root.</summary>
    public string RootFolder { get; set; } = "uSync/v17/";

    /// <summary>None, Settings, Content or All: what to import every time the site starts.</summary>
    public string ImportAtStartup { get; set; } = "None";

    /// <summary>Import <see cref="FirstBootGroup"/> once, when the database is new.</summary>
    public bool ImportOnFirstBoot { get; set; }

    public string FirstBootGroup { get; set; } = "All";

    /// <summary>None, Settings, Content or All: what to write to files whenever it is saved.</summary>
    public string ExportOnSave { get; set; } = "None";

    public static SyncGroups ParseGroups(string? value)
    {
        var groups = SyncGroups.None;
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            groups |= part.ToLowerInvariant() switch
            {
                "all" => SyncGroups.All,
                "settings" => SyncGroups.Settings,
                "content" => SyncGroups.Content,
                _ => SyncGroups.None,
            };
        }

        return groups;
    }
}
