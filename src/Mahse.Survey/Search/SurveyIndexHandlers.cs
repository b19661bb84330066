using Examine;
using Mahse.Survey.Storage;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Microsoft.Extensions.Hosting;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Infrastructure.Examine;

namespace Mahse.Survey.Search;

/// <summary>
/// Keeps SurveyIndex in step with the table: after an import or the seed (<see cref="SurveyImportedNotification"/>) the
/// changed responses, or all of them, are written in the background, so the import does not wait for the index.
/// </summary>
/// <remarks>
/// Not on Umbraco's background task queue: it runs one item at a time and carries Umbraco's own index updates, which
/// a write of 100,000 responses would hold up.
/// </remarks>
public sealed class SurveyImportedIndexHandler(SurveyIndexWriter writer, IHostApplicationLifetime lifetime, ILogger<SurveyImportedIndexHandler> logger)
    : INotificationAsyncHandler<SurveyImportedNotification>
{
    public Task HandleAsync(SurveyImportedNotification notification, CancellationToken cancellationToken)
    {
        if (!notification.All && notification.ChangedRespondentIds.Count == 0)
        {
            return Task.CompletedTask;
        }

        var ids = notification.ChangedRespondentIds.ToList();
        var ct = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                if (notification.All)
                {
                    await writer.IndexAllAsync(writer.Index, ct);
                }
                else
                {
                    await writer.IndexAsync(ids, ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Index} could not be updated after an import; rebuild it from Examine Management", SurveyIndex.IndexName);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }
}

/// <summary>
/// At start-up, counts SurveyIndex against the table (decision 0009): fewer documents than responses (an index lost,
/// or writes that never reached it) are written again; more than the table holds means stale documents, so the index
/// is rebuilt through Umbraco's rebuilder.
/// </summary>
public sealed class SurveyIndexStartupCheck(
    SurveyIndexWriter writer, SurveyStore store, IIndexRebuilder rebuilder, IHostApplicationLifetime lifetime, IRuntimeState runtime, ILogger<SurveyIndexStartupCheck> logger)
    : INotificationAsyncHandler<UmbracoApplicationStartedNotification>
{
    public Task HandleAsync(UmbracoApplicationStartedNotification notification, CancellationToken cancellationToken)
    {
        if (runtime.Level != RuntimeLevel.Run)
        {
            return Task.CompletedTask;
        }

        var ct = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                var index = writer.Index;
                var indexed = index is IIndexStats stats ? stats.GetDocumentCount() : -1;
                var stored = await store.CountAsync();
                if (indexed == stored)
                {
                    return;
                }

                logger.LogInformation("{Index} holds {Indexed} responses, the table {Stored}: bringing it up to date", index.Name, indexed, stored);
                if (indexed > stored)
                {
                    await rebuilder.RebuildIndexAsync(index.Name);
                }
                else
                {
                    await writer.IndexAllAsync(index, ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Index} could not be checked against the table at start-up", SurveyIndex.IndexName);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }
}
