using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Health;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Search;

/// <summary>
/// Umbraco's rebuild-on-startup, made stricter: an index is rebuilt in the background when it is missing, empty,
/// damaged, was left with uncommitted writes, or holds a different number of items than the database — the last
/// catches a process that died between a commit in the database and the index write.
/// </summary>
public sealed class SearchStartup(IndexManager indexes, IndexingQueue queue, PublishedContentCache cache, ICmsDbContextFactory contexts, ILogger<SearchStartup> logger) : IStartupTask
{
    public Task RunAsync(bool firstBoot, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task AfterCachesLoadedAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var stored = await db.ContentNodes.CountAsync(n => !n.Trashed, cancellationToken);
        var members = await db.Members.CountAsync(cancellationToken);
        var responses = await db.SurveyResponses.CountAsync(cancellationToken);
        var expected = new Dictionary<LuceneIndex, long>
        {
            [indexes.External] = cache.Count,
            [indexes.DeliveryApi] = cache.Count,
            [indexes.Internal] = stored,
            [indexes.Members] = members,
            [indexes.Survey] = responses,
        };
        foreach (var (index, count) in expected)
        {
            var reason = index.NeedsRebuild ? "it is empty, damaged or was not shut down cleanly"
                : index.DocumentCount() != count ? $"it holds {index.DocumentCount()} items and the database {count}"
                : null;
            if (reason is not null)
            {
                logger.LogInformation("Rebuilding {Index} in the background: {Reason}", index.Name, reason);
                queue.EnqueueRebuild(index);
            }
        }
    }
}
