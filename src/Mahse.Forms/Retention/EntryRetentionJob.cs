using Mahse.Forms.Model;
using Mahse.Forms.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Configuration;
using Umbraco.Cms.Infrastructure.BackgroundJobs;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Forms.Retention;

/// <summary>
/// Umbraco Forms' scheduled record deletion settings (<c>Umbraco:Forms:Options:ScheduledRecordDeletion</c>).
/// Unlike Umbraco Forms, <c>Enabled</c> defaults to true: a form keeps its entries for ever unless an editor sets its
/// days to retain, so the job deletes nothing nobody asked to delete.
/// </summary>
public sealed class ScheduledRecordDeletionOptions
{
    public const string Section = "Umbraco:Forms:Options:ScheduledRecordDeletion";

    public bool Enabled { get; set; } = true;

    /// <summary>A crontab expression for the first run (as Umbraco Forms); empty: <see cref="FirstRunDelay"/> after start-up.</summary>
    public string FirstRunTime { get; set; } = "";

    public TimeSpan Period { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Extension: the wait after start-up when no <see cref="FirstRunTime"/> is given.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Deletes each form's entries older than its days to retain for their state (Submitted, Approved, Rejected; 0 keeps
/// them), with their uploaded files, through <see cref="EntryStore.DeleteAsync"/> (entry, audit and outbox rows in one
/// scope). An Umbraco recurring job, so one server of a load-balanced site runs it. Age is counted from the entry's
/// last change (its state change), as a rejected entry's clock starts when it was rejected.
/// </summary>
public sealed class EntryRetentionJob : RecurringBackgroundJobBase
{
    private readonly FormStore _forms;
    private readonly EntryStore _entries;
    private readonly EntryFiles _files;
    private readonly IScopeProvider _scopes;
    private readonly TimeProvider _clock;
    private readonly ILogger<EntryRetentionJob> _logger;
    private readonly TimeSpan _delay;

    public EntryRetentionJob(
        FormStore forms, EntryStore entries, EntryFiles files, IScopeProvider scopes, IOptions<ScheduledRecordDeletionOptions> options,
        ICronTabParser cron, TimeProvider clock, ILogger<EntryRetentionJob> logger)
        : base(options.Value.Enabled ? options.Value.Period : Timeout.InfiniteTimeSpan)
    {
        _forms = forms;
        _entries = entries;
        _files = files;
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        _delay = !options.Value.Enabled ? Timeout.InfiniteTimeSpan
            : options.Value.FirstRunTime is { Length: > 0 } first ? DelayCalculator.GetDelay(first, cron, logger, clock, options.Value.FirstRunDelay)
            : options.Value.FirstRunDelay;
    }

    public override TimeSpan Delay => _delay;

    public override async Task RunJobAsync(CancellationToken cancellationToken)
    {
        var deleted = await PurgeAsync(cancellationToken);
        if (deleted > 0)
        {
            _logger.LogInformation("Deleted {Count} form entries past their forms' retention", deleted);
        }
    }

    /// <summary>Deletes what is past retention now; returns how many entries went.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var deleted = 0;
        foreach (var form in await _forms.AllAsync(ct))
        {
            foreach (var (state, days) in new[]
                     {
                         (EntryStates.Submitted, form.DaysToRetainSubmittedRecordsFor),
                         (EntryStates.Approved, form.DaysToRetainApprovedRecordsFor),
                         (EntryStates.Rejected, form.DaysToRetainRejectedRecordsFor),
                     })
            {
                if (days <= 0)
                {
                    continue;
                }

                var before = now.AddDays(-days);
                while (!ct.IsCancellationRequested)
                {
                    var keys = await ExpiredAsync(form.Id, state, before, 500);
                    if (keys.Count == 0)
                    {
                        break;
                    }

                    var rows = await _entries.DeleteAsync(keys, ct);
                    _files.Delete(form, rows);
                    deleted += rows.Count;
                    if (rows.Count == 0)
                    {
                        break;
                    }
                }
            }
        }

        return deleted;
    }

    private async Task<List<Guid>> ExpiredAsync(Guid formKey, string state, DateTime before, int take)
    {
        using var scope = _scopes.CreateScope(autoComplete: true);
        var sql = scope.SqlContext.Sql().Select<EntryRow>(e => e.Key).From<EntryRow>()
            .Where<EntryRow>(e => e.FormKey == formKey && e.State == state && e.UpdateDate < before)
            .SelectTop(take);
        return await scope.Database.FetchAsync<Guid>(sql);
    }
}

/// <summary>
/// An entry's uploaded files on disk: the files its upload fields' values name, when they lie under the forms data
/// folder (<c>umbraco/Data/forms</c>), and the entry's own folder there, with folders left empty.
/// </summary>
public sealed class EntryFiles(IHostEnvironment environment, ILogger<EntryFiles> logger)
{
    public const string DataFolder = "umbraco/Data/forms";

    private string Root => Path.GetFullPath(Path.Combine(environment.ContentRootPath, DataFolder));

    public void Delete(FormDefinition form, IEnumerable<EntryRow> rows)
    {
        var uploadFields = form.AllFields.Where(f => f.FieldTypeId == FormFieldTypes.FileUpload.Id).Select(f => f.Id).ToHashSet();
        foreach (var row in rows)
        {
            try
            {
                foreach (var (fieldId, values) in EntryStore.ValuesOf(row))
                {
                    if (!uploadFields.Contains(fieldId))
                    {
                        continue;
                    }

                    foreach (var value in values)
                    {
                        if (Inside(value) is { } file && File.Exists(file))
                        {
                            File.Delete(file);
                            PruneEmpty(Path.GetDirectoryName(file));
                        }
                    }
                }

                foreach (var folder in new[] { Path.Combine(Root, "uploads", form.Id.ToString("N"), row.Key.ToString("N")), Path.Combine(Root, "uploads", row.Key.ToString("N")) })
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                        PruneEmpty(Path.GetDirectoryName(folder));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "The files of deleted entry {Entry} could not all be removed", row.Key);
            }
        }
    }

    /// <summary>The full path of a stored upload value, or null when it does not lie under the forms data folder.</summary>
    private string? Inside(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Contains('\0'))
        {
            return null;
        }

        var relative = value.Replace('\\', '/').TrimStart('/', '~');
        var full = Path.GetFullPath(Path.Combine(environment.ContentRootPath, relative));
        return full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private void PruneEmpty(string? folder)
    {
        while (folder is not null && folder.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
               && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder);
        }
    }
}
