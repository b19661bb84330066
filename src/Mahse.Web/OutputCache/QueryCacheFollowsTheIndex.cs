using Examine;
using Examine.Lucene.Providers;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Web.OutputCache;

/// <summary>
/// Empties Umbraco's Delivery API output cache for content each time changes to DeliveryApiContentIndex become
/// searchable (Examine commits about a second after the last write). Umbraco evicts only the changed item's tags when
/// content is published, and does so before the index has caught up (indexing runs in the background): a query page
/// that did not list the item, or one answered while the index is still filling after start-up, would otherwise be
/// served from the cache, stale, for the whole <c>ContentDuration</c>.
/// </summary>
public sealed class QueryCacheFollowsTheIndex(
    IExamineManager examine,
    IDeliveryApiOutputCacheManager outputCache,
    ILogger<QueryCacheFollowsTheIndex> logger) : INotificationHandler<UmbracoApplicationStartingNotification>
{
    public void Handle(UmbracoApplicationStartingNotification notification)
    {
        // IndexCommitted, not IndexOperationComplete: Examine raises it once the changes are visible to searches.
        if (examine.TryGetIndex(Constants.UmbracoIndexes.DeliveryApiContentIndexName, out var index) && index is LuceneIndex lucene)
        {
            lucene.IndexCommitted += (_, _) => Evict();
        }
    }

    private void Evict()
    {
        // The event comes on Examine's commit timer; the in-memory store evicts without real waiting.
        try
        {
            outputCache.EvictAllContentAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The Delivery API output cache could not be emptied after indexing");
        }
    }
}
