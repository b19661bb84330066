namespace Mahse.Sync.Api.Models;

/// <summary>An export of the database to the uSync folder.</summary>
public sealed class SyncExportRequestModel
{
    /// <summary>All, Settings or Content; All when left out.</summary>
    public string? Group { get; init; }
}
