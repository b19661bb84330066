using Mahse.Cms.Health;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Search;

/// <summary>Umbraco's rebuild-on-startup: indexes that are missing, empty or were damaged are rebuilt in the background.</summary>
public sealed class SearchStartup(IndexManager indexes, IndexingQueue queue, ILogger<SearchStartup> logger) : IStartupTask
{
    public Task RunAsync(bool firstBoot, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AfterCachesLoadedAsync(CancellationToken cancellationToken)
    {
        QueueRebuilds();
        return Task.CompletedTask;
    }

    private void QueueRebuilds()
    {
        foreach (var index in indexes.Indexes.Where(i => i.NeedsRebuild && i != indexes.Members))
        {
            logger.LogInformation("Index {Index} is empty or was damaged; rebuilding it in the background", index.Name);
            queue.EnqueueRebuild(index);
        }
    }
}
