using Mahse.Cms.Content.PublicAccess;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Search;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Hosting;

namespace Mahse.Cms.Delivery.Caching;

/// <summary>
/// Empties the Delivery API output cache when what it shows changes: after the published content or media cache
/// has applied a change (item endpoints read those), and again when the index has taken the change in (queries
/// read the index; a query cached in between would otherwise keep the old page until it expires).
/// </summary>
public sealed class EvictDeliveryOutputCache(
    IOutputCacheStore store, PublishedContentCache content, PublishedMediaCache media, PublicAccessRules publicAccess, IndexingQueue queue, IndexManager indexes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        content.Changed += OnContentChanged;
        media.Changed += OnMediaChanged;
        publicAccess.Changed += OnContentChanged;
        queue.Drained += OnIndexDrained;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        content.Changed -= OnContentChanged;
        media.Changed -= OnMediaChanged;
        publicAccess.Changed -= OnContentChanged;
        queue.Drained -= OnIndexDrained;
        return Task.CompletedTask;
    }

    private void OnContentChanged() => Evict(DeliveryOutputCachePolicy.ContentTag);

    // Content embeds media (pickers with crops), so a media change empties both.
    private void OnMediaChanged()
    {
        Evict(DeliveryOutputCachePolicy.MediaTag);
        Evict(DeliveryOutputCachePolicy.ContentTag);
    }

    private void OnIndexDrained() => _ = Task.Run(() =>
    {
        try
        {
            indexes.DeliveryApi.WaitForChanges();
        }
        catch (ObjectDisposedException)
        {
            // Shutting down, or the index was swapped by a rebuild: evict anyway, the next drain waits again.
        }

        Evict(DeliveryOutputCachePolicy.ContentTag);
    });

    // The in-memory store evicts synchronously; waiting keeps eviction inside the publish call that caused it,
    // so the caller's next read is fresh.
    private void Evict(string tag) => store.EvictByTagAsync(tag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
}
