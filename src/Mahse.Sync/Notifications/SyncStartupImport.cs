using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Notifications;

/// <summary>
/// uSync's start-up behaviour: <c>ImportOnFirstBoot</c> once for a new site (no content yet, and no completed first
/// import recorded in Umbraco's key-value table), <c>ImportAtStartup</c> every time; <c>usync.stop</c> blocks both.
/// Runs while Umbraco boots, so the site answers its first request with the imported content in place.
/// </summary>
public sealed class SyncStartupImport(
    SyncService sync,
    IRuntimeState runtime,
    IKeyValueService keyValues,
    IContentService content,
    IOptions<SyncSettings> settings,
    ILogger<SyncStartupImport> logger) : INotificationAsyncHandler<UmbracoApplicationStartingNotification>
{
    public const string FirstBootKey = "Mahse.Sync.FirstBootImported";

    public async Task HandleAsync(UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        if (runtime.Level != RuntimeLevel.Run)
        {
            return;
        }

        var options = settings.Value;
        var groups = SyncSettings.ParseGroups(options.ImportAtStartup);
        var firstBoot = options.ImportOnFirstBoot && keyValues.GetValue(FirstBootKey) is null && !content.GetRootContent().Any();
        if (firstBoot)
        {
            groups |= SyncSettings.ParseGroups(options.FirstBootGroup);
        }

        if (groups == SyncGroups.None)
        {
            return;
        }

        if (File.Exists(Path.Combine(sync.DefaultFolder, "usync.stop")))
        {
            logger.LogInformation("uSync start-up import skipped: usync.stop is present in {Folder}", sync.DefaultFolder);
            return;
        }

        var report = await sync.ImportAsync(null, dryRun: false, groups, cancellationToken);
        foreach (var failure in report.Lines.Where(l => !l.Success))
        {
            logger.LogWarning("uSync {Change} {ItemType} {Alias} ({File}): {Message}", failure.Change, failure.ItemType, failure.Alias, failure.File, failure.Message);
        }

        if (firstBoot)
        {
            keyValues.SetValue(FirstBootKey, report.StartedAt.ToString("O"));
        }
    }
}
