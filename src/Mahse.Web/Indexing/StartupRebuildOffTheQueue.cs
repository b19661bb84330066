using Umbraco.Cms.Core;
using Umbraco.Cms.Infrastructure.Examine;
using Umbraco.Cms.Infrastructure.Models;

namespace Mahse.Web.Indexing;

/// <summary>
/// Umbraco's index rebuilder, but a delayed rebuild waits beside the background task queue rather than in it.
/// </summary>
/// <remarks>
/// On every start Umbraco 18.3 asks for a rebuild of empty indexes (all of them after a cold boot) "in one minute",
/// and <c>RebuildIndexesAsync</c> puts the one-minute wait inside a work item of the background task queue. That
/// queue runs one item at a time, and it is the same queue that carries every deferred index update, so for the
/// first minute after each start nothing published reaches DeliveryApiContentIndex (nor the other indexes): the
/// Delivery API's queries and filters go on answering as if nothing had changed. The obsolete synchronous methods
/// avoided this with <c>Task.Run</c>; here the wait runs on its own, and the rebuild is queued when it is due.
/// </remarks>
public sealed class StartupRebuildOffTheQueue(IIndexRebuilder umbraco, IHostApplicationLifetime lifetime, ILogger<StartupRebuildOffTheQueue> logger)
    : IIndexRebuilder
{
    public bool CanRebuild(string indexName) => umbraco.CanRebuild(indexName);

    [Obsolete("Use RebuildIndexAsync() instead.")]
    public void RebuildIndex(string indexName, TimeSpan? delay = null, bool useBackgroundThread = true) =>
        umbraco.RebuildIndex(indexName, delay, useBackgroundThread);

    [Obsolete("Use RebuildIndexesAsync() instead.")]
    public void RebuildIndexes(bool onlyEmptyIndexes, TimeSpan? delay = null, bool useBackgroundThread = true) =>
        umbraco.RebuildIndexes(onlyEmptyIndexes, delay, useBackgroundThread);

    public Task<Attempt<IndexRebuildResult>> RebuildIndexAsync(string indexName, TimeSpan? delay = null, bool useBackgroundThread = true) =>
        Waits(delay, useBackgroundThread)
            ? Later(delay!.Value, () => umbraco.RebuildIndexAsync(indexName, TimeSpan.Zero, useBackgroundThread: true))
            : umbraco.RebuildIndexAsync(indexName, delay, useBackgroundThread);

    public Task<Attempt<IndexRebuildResult>> RebuildIndexesAsync(bool onlyEmptyIndexes, TimeSpan? delay = null, bool useBackgroundThread = true) =>
        Waits(delay, useBackgroundThread)
            ? Later(delay!.Value, () => umbraco.RebuildIndexesAsync(onlyEmptyIndexes, TimeSpan.Zero, useBackgroundThread: true))
            : umbraco.RebuildIndexesAsync(onlyEmptyIndexes, delay, useBackgroundThread);

    public Task<bool> IsRebuildingAsync(string indexName) => umbraco.IsRebuildingAsync(indexName);

    private static bool Waits(TimeSpan? delay, bool useBackgroundThread) => useBackgroundThread && delay > TimeSpan.Zero;

    private Task<Attempt<IndexRebuildResult>> Later(TimeSpan delay, Func<Task<Attempt<IndexRebuildResult>>> rebuild)
    {
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delay, stopping);
                var result = await rebuild();
                if (!result.Success)
                {
                    logger.LogWarning("The delayed index rebuild did not run: {Result}", result.Result);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The delayed index rebuild failed");
            }
        });
        return Task.FromResult(Attempt.Succeed(IndexRebuildResult.Success));
    }
}
