namespace Mahse.Sync.Api.Models;

/// <summary>Where the running (or last) import, report or export is.</summary>
public sealed class SyncProgressResponseModel
{
    /// <summary>Import, Report, Export, or None when nothing has run since the site started.</summary>
    public required string Action { get; init; }

    public required bool Running { get; init; }

    /// <summary>The handler at work (DataTypeHandler, ContentHandler, …).</summary>
    public string? Handler { get; init; }

    public required int Done { get; init; }

    /// <summary>Items (files) for an import, handlers for an export; 0 until known.</summary>
    public required int Total { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public static SyncProgressResponseModel From(SyncProgress progress) => new()
    {
        Action = progress.Action,
        Running = progress.Running,
        Handler = progress.Handler,
        Done = progress.Done,
        Total = progress.Total,
        StartedAt = progress.StartedAt == DateTimeOffset.MinValue ? null : progress.StartedAt,
    };
}
