using Examine;
using Mahse.Survey.Storage;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Microsoft.Extensions.Hosting;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Infrastructure.Examine;
using Umbraco.Cms.Infrastructure.Scoping;
using Examine.Lucene.Providers;
using Lucene.Net.Search;

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

        if (!writer.Live)
        {
            // A command, or the first-boot seed before the site has started: the start-up check writes what is missing.
            logger.LogInformation("{Index} is updated when the site starts (it is not running in this process yet)", SurveyIndex.IndexName);
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
/// or writes that never reached it: the first-boot seed, a <c>survey import</c> command) or an older newest write than
/// the table's (rows a command changed) and the responses are written again; more than the table holds means stale
/// documents, so the index is rebuilt through Umbraco's rebuilder.
/// </summary>
public sealed class SurveyIndexStartupCheck(
    SurveyIndexWriter writer, SurveyStore store, IScopeProvider scopes, IIndexRebuilder rebuilder, IHostApplicationLifetime lifetime, IRuntimeState runtime,
    ILogger<SurveyIndexStartupCheck> logger)
    : INotificationAsyncHandler<UmbracoApplicationStartedNotification>
{
    public Task HandleAsync(UmbracoApplicationStartedNotification notification, CancellationToken cancellationToken)
    {
        if (runtime.Level != RuntimeLevel.Run)
        {
            return Task.CompletedTask;
        }

        writer.Started();

        var ct = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                var index = writer.Index;
                var indexed = index is IIndexStats stats ? stats.GetDocumentCount() : -1;
                var stored = await store.CountAsync();
                if (indexed == stored && (stored == 0 || NewestIndexed(index) >= await NewestStoredAsync() - TimeSpan.TicksPerMillisecond))
                {
                    return;
                }

                logger.LogInformation("{Index} holds {Indexed} responses, the table {Stored}, or older ones: bringing it up to date", index.Name, indexed, stored);
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

    /// <summary>The newest write the index holds (ticks), 0 when it holds none.</summary>
    private static long NewestIndexed(IIndex index)
    {
        if (index.Searcher is not BaseLuceneSearcher searcher)
        {
            return 0;
        }

        using var reference = searcher.GetSearchContext().GetSearcher();
        var top = reference.IndexSearcher.Search(new MatchAllDocsQuery(), 1, new Sort(new SortField(SurveyIndexFields.ImportedAt, SortFieldType.INT64, true)));
        return top.ScoreDocs.Length == 0
            ? 0
            : reference.IndexSearcher.Doc(top.ScoreDocs[0].Doc).GetField(SurveyIndexFields.ImportedAt)?.GetInt64Value() ?? 0;
    }

    private async Task<long> NewestStoredAsync()
    {
        // The newest row read as the index reads rows (NPoco's mapping), so the two times compare exactly.
        using var scope = scopes.CreateScope(autoComplete: true);
        var sql = scope.SqlContext.Sql().Append($"SELECT * FROM {SurveyResponseRow.TableName} ORDER BY importedAt DESC");
        var newest = await scope.Database.SkipTakeAsync<SurveyResponseRow>(0, 1, sql);
        return newest.Count == 0 ? 0 : newest[0].ImportedAt.Ticks;
    }
}
