namespace Mahse.Sync.Api.Models;

/// <summary>An import, or with <see cref="DryRun"/> a report of what an import would change.</summary>
public sealed class SyncImportRequestModel
{
    /// <summary>Report what would change without changing anything (uSync's "Report").</summary>
    public bool DryRun { get; init; }

    /// <summary>All, Settings or Content; All when left out.</summary>
    public string? Group { get; init; }
}
