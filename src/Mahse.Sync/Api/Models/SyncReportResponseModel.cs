namespace Mahse.Sync.Api.Models;

/// <summary>A change report: one line per item, with totals per kind of change.</summary>
public sealed class SyncReportResponseModel
{
    /// <summary>Import, Report (a dry run) or Export.</summary>
    public required string Action { get; init; }

    public required bool DryRun { get; init; }

    /// <summary>The uSync folder, relative to the site's content root when it is inside it.</summary>
    public required string Folder { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required long DurationMilliseconds { get; init; }

    public required bool HasFailures { get; init; }

    public required SyncTotalsResponseModel Totals { get; init; }

    public required IReadOnlyList<SyncReportLineResponseModel> Lines { get; init; }

    public static SyncReportResponseModel From(SyncReport report, string contentRoot)
    {
        var relative = Path.GetRelativePath(contentRoot, report.Folder).TrimEnd('/', '\\');
        return new SyncReportResponseModel
        {
            Action = report.Action,
            DryRun = report.DryRun,
            Folder = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? report.Folder : relative.Replace('\\', '/'),
            StartedAt = report.StartedAt,
            DurationMilliseconds = (long)report.Duration.TotalMilliseconds,
            HasFailures = report.HasFailures,
            Totals = new SyncTotalsResponseModel
            {
                Items = report.Lines.Count,
                NoChange = report.Count(SyncChange.NoChange),
                Create = report.Count(SyncChange.Create),
                Update = report.Count(SyncChange.Update),
                Delete = report.Count(SyncChange.Delete),
                Fail = report.Count(SyncChange.Fail),
                ParentMissing = report.Count(SyncChange.ParentMissing),
            },
            Lines = report.Lines.Select(SyncReportLineResponseModel.From).ToList(),
        };
    }
}

public sealed class SyncTotalsResponseModel
{
    public required int Items { get; init; }

    public required int NoChange { get; init; }

    public required int Create { get; init; }

    public required int Update { get; init; }

    public required int Delete { get; init; }

    public required int Fail { get; init; }

    public required int ParentMissing { get; init; }
}

/// <summary>One item of a report (uSync's <c>uSyncAction</c>).</summary>
public sealed class SyncReportLineResponseModel
{
    public required string Handler { get; init; }

    public required string ItemType { get; init; }

    public required string Alias { get; init; }

    public Guid? Key { get; init; }

    public required SyncChange Change { get; init; }

    public required bool Success { get; init; }

    /// <summary>The item's file, relative to the uSync folder.</summary>
    public string? File { get; init; }

    public string? Message { get; init; }

    /// <summary>The fields that differ between the database and the file.</summary>
    public required IReadOnlyList<SyncFieldChangeResponseModel> Details { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public static SyncReportLineResponseModel From(SyncReportLine line) => new()
    {
        Handler = line.Handler,
        ItemType = line.ItemType,
        Alias = line.Alias,
        Key = line.Key,
        Change = line.Change,
        Success = line.Success,
        File = line.File,
        Message = line.Message,
        Details = (line.Details ?? []).Select(d => new SyncFieldChangeResponseModel { Name = d.Name, OldValue = d.OldValue, NewValue = d.NewValue }).ToList(),
        Warnings = line.Warnings ?? [],
    };
}

public sealed class SyncFieldChangeResponseModel
{
    public required string Name { get; init; }

    public string? OldValue { get; init; }

    public string? NewValue { get; init; }
}
