using Mahse.Survey.Configuration;
using Mahse.Survey.Import;
using Mahse.Survey.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;

namespace Mahse.Survey.Generation;

/// <summary>
/// A new site's first boot loads <c>Mahse:Survey:SeedOnFirstBoot</c> synthetic responses (1,000 in appsettings.json),
/// marked synthetic, so the demo has a survey to search and rank. It runs while Umbraco starts, after its install and
/// package migrations (the tables exist; runtime level Run), like the uSync first-boot import. "First boot" is: no
/// seed recorded in Umbraco's key-value table and an empty response table — so a site whose survey was imported
/// before is never given demo data, and a restart never adds it twice. A site installed before the survey existed
/// starts once at Umbraco's Upgrade level while the survey's package migration runs, so it is seeded at its next
/// start (seen by hand: 0 responses, then 1,000); a command never seeds, so `survey import` into a new database is not
/// mixed with demo rows.
/// </summary>
public sealed class SurveyFirstBootSeed(
    SurveyStore store,
    IEventAggregator events,
    IRuntimeState runtime,
    IKeyValueService keyValues,
    IOptions<SurveyOptions> options,
    ILogger<SurveyFirstBootSeed> logger) : INotificationAsyncHandler<UmbracoApplicationStartingNotification>
{
    public const string SeededKey = "Mahse.Survey.FirstBootSeeded";

    /// <summary>The generator's seed for the demo data (ids SYN-2026-000001 …).</summary>
    public const int Seed = 2026;

    public async Task HandleAsync(UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        var count = options.Value.SeedOnFirstBoot;
        if (runtime.Level != RuntimeLevel.Run || count <= 0 || keyValues.GetValue(SeededKey) is not null || await store.CountAsync() > 0)
        {
            return;
        }

        var saved = await store.SaveAllAsync(SurveyGenerator.Generate(count, Seed).Chunk(SurveyImporter.BatchSize), cancellationToken);
        keyValues.SetValue(SeededKey, $"{count}:{Seed}:{DateTime.UtcNow:O}");
        logger.LogInformation("Loaded {Count} synthetic survey responses on first boot (seed {Seed})", saved.Inserted, Seed);
        await events.PublishAsync(new SurveyImportedNotification([], All: true), cancellationToken);
    }
}
