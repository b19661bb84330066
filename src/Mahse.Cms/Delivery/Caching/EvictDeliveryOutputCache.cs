using Mahse.Cms.Search;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Hosting;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Delivery.Caching;

/// <summary>
/// Empties the Delivery API output cache when what it shows changes. Twice for content: at once, for the item
/// endpoints that read the published cache; and again when the index has taken the change in, for queries (a
/// query cached in between would otherwise keep the old page until it expires).
/// </summary>
public sealed class EvictDeliveryOutputCache(IOutputCacheStore store, IndexingQueue queue, IndexManager indexes) :
    IHostedService,
    INotificationAsyncHandler<ContentPublishedNotification>,
    INotificationAsyncHandler<ContentUnpublishedNotification>,
    INotificationAsyncHandler<ContentMovedNotification>,
    INotificationAsyncHandler<ContentMovedToRecycleBinNotification>,
    INotificationAsyncHandler<ContentSortedNotification>,
    INotificationAsyncHandler<ContentDeletedNotification>,
    INotificationAsyncHandler<MediaSavedNotification>,
    INotificationAsyncHandler<MediaMovedNotification>,
    INotificationAsyncHandler<MediaMovedToRecycleBinNotification>,
    INotificationAsyncHandler<MediaDeletedNotification>
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        queue.Drained += OnIndexDrained;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Drained -= OnIndexDrained;
        return Task.CompletedTask;
    }

    private void OnIndexDrained() => _ = Task.Run(async () =>
    {
        try
        {
            indexes.DeliveryApi.WaitForChanges();
        }
        catch (ObjectDisposedException)
        {
            // Shutting down, or the index was swapped by a rebuild: evict anyway, the next drain waits again.
        }

        await store.EvictByTagAsync(DeliveryOutputCachePolicy.ContentTag, CancellationToken.None);
    });

    private async Task ContentChangedAsync(CancellationToken ct) =>
        await store.EvictByTagAsync(DeliveryOutputCachePolicy.ContentTag, ct);

    // Content embeds media (pickers with crops), so a media change empties both.
    private async Task MediaChangedAsync(CancellationToken ct)
    {
        await store.EvictByTagAsync(DeliveryOutputCachePolicy.MediaTag, ct);
        await store.EvictByTagAsync(DeliveryOutputCachePolicy.ContentTag, ct);
    }

    public Task HandleAsync(ContentPublishedNotification notification, CancellationToken ct) => ContentChangedAsync(ct);

    public Task HandleAsync(ContentUnpublishedNotification notification, CancellationToken ct) => ContentChangedAsync(ct);

    public Task HandleAsync(ContentMovedNotification notification, CancellationToken ct) => ContentChangedAsync(ct);

    public Task HandleAsync(ContentMovedToRecycleBinNotification notification, CancellationToken ct) => ContentChangedAsync(ct);

    public Task HandleAsync(ContentSortedNotification notification, CancellationToken ct) => ContentChangedAsync(ct);

    public Task HandleAsync(ContentDeletedNotification notification, CancellationToken ct) => ContentChangedAsync(ct);

    public Task HandleAsync(MediaSavedNotification notification, CancellationToken ct) => MediaChangedAsync(ct);

    public Task HandleAsync(MediaMovedNotification notification, CancellationToken ct) => MediaChangedAsync(ct);

    public Task HandleAsync(MediaMovedToRecycleBinNotification notification, CancellationToken ct) => MediaChangedAsync(ct);

    public Task HandleAsync(MediaDeletedNotification notification, CancellationToken ct) => MediaChangedAsync(ct);
}
