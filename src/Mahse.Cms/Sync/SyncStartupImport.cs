using Mahse.Cms.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Sync;

/// <summary>uSync's start-up behaviour: <c>ImportOnFirstBoot</c> once for a new database, <c>ImportAtStartup</c> every time.</summary>
public sealed class SyncStartupImport(SyncService sync, IOptions<SyncSettings> settings, ILogger<SyncStartupImport> logger) : IStartupTask
{
    public async Task RunAsync(bool firstBoot, CancellationToken cancellationToken)
    {
        var options = settings.Value;
        var groups = SyncSettings.ParseGroups(options.ImportAtStartup);
        if (firstBoot && options.ImportOnFirstBoot)
        {
            groups |= SyncSettings.ParseGroups(options.FirstBootGroup);
        }

        if (groups == SyncGroups.None)
        {
            return;
        }

        if (File.Exists(Path.Combine(sync.DefaultFolder, "usync.stop")))
        {
            logger.LogInformation("uSync start-up import skipped: usync.stop is present");
            return;
        }

        var report = await sync.ImportAsync(null, dryRun: false, groups, cancellationToken);
        foreach (var failure in report.Lines.Where(l => !l.Success))
        {
            logger.LogWarning("uSync {Change} {ItemType} {Alias} ({File}): {Message}", failure.Change, failure.ItemType, failure.Alias, failure.File, failure.Message);
        }
    }
}
