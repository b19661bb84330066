using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Forms.Entries;

/// <summary>
/// Umbraco Forms' scheduled record deletion: each form's entries older than its days for their state
/// (submitted, approved, rejected; 0 keeps them) are deleted with their uploaded files, once a day.
/// </summary>
public sealed class EntryRetentionService(
    ICmsDbContextFactory contexts, FormStore forms, FormDraftService drafts, IHostEnvironment environment, TimeProvider clock, ILogger<EntryRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1));
        do
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Deleting expired form entries failed; it runs again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes what is past retention now; returns how many entries went.</summary>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deleted = 0;
        foreach (var form in await forms.AllAsync(ct))
        {
            foreach (var (state, days) in new[] { (FormEntryStates.Submitted, form.DaysToRetainSubmittedRecordsFor), (FormEntryStates.Approved, form.DaysToRetainApprovedRecordsFor), (FormEntryStates.Rejected, form.DaysToRetainRejectedRecordsFor) })
            {
                if (days <= 0)
                {
                    continue;
                }

                var before = now.AddDays(-days);
                await using var db = contexts.CreateDbContext();
                var expired = await db.FormEntries.Where(e => e.FormKey == form.Id && e.State == state && e.UpdateDate < before).Select(e => new { e.Id, e.Key }).ToListAsync(ct);
                foreach (var entry in expired)
                {
                    var folder = Path.Combine(environment.ContentRootPath, EntrySubmissionService.UploadFolder, form.Id.ToString("N"), entry.Key.ToString("N"));
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }

                var ids = expired.Select(e => e.Id).ToList();
                var keys = expired.Select(e => e.Key).ToList();
                await db.FormWorkflowRuns.Where(r => keys.Contains(r.EntryKey)).ExecuteDeleteAsync(ct);
                deleted += await db.FormEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
            }
        }

        var expiredDrafts = await drafts.PurgeExpiredAsync(ct);
        if (deleted > 0 || expiredDrafts > 0)
        {
            logger.LogInformation("Deleted {Count} form entries past their retention and {Drafts} expired drafts", deleted, expiredDrafts);
        }

        return deleted;
    }
}
