using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Content.PublishedCache;

/// <summary>Keeps the published cache current from Umbraco's content notifications (delivered after commit).</summary>
public sealed class RefreshPublishedCacheOnContentChanged(PublishedContentCache cache) :
    INotificationAsyncHandler<ContentPublishedNotification>,
    INotificationAsyncHandler<ContentUnpublishedNotification>,
    INotificationAsyncHandler<ContentMovedNotification>,
    INotificationAsyncHandler<ContentMovedToRecycleBinNotification>,
    INotificationAsyncHandler<ContentSortedNotification>,
    INotificationAsyncHandler<ContentDeletedNotification>
{
    public Task HandleAsync(ContentPublishedNotification notification, CancellationToken cancellationToken) =>
        cache.RefreshAsync(notification.PublishedEntities.Select(e => e.Id).ToList(), cancellationToken);

    public Task HandleAsync(ContentUnpublishedNotification notification, CancellationToken cancellationToken) =>
        cache.RefreshAsync(notification.UnpublishedEntities.Select(e => e.Id).ToList(), cancellationToken);

    public Task HandleAsync(ContentMovedNotification notification, CancellationToken cancellationToken) =>
        cache.RefreshAsync(notification.MoveInfoCollection.Select(m => m.Entity.Id).ToList(), cancellationToken);

    public Task HandleAsync(ContentMovedToRecycleBinNotification notification, CancellationToken cancellationToken) =>
        cache.RefreshAsync(notification.MoveInfoCollection.Select(m => m.Entity.Id).ToList(), cancellationToken);

    public Task HandleAsync(ContentSortedNotification notification, CancellationToken cancellationToken) =>
        cache.RefreshAsync(notification.SortedEntities.Select(e => e.Id).ToList(), cancellationToken);

    public Task HandleAsync(ContentDeletedNotification notification, CancellationToken cancellationToken) =>
        cache.RefreshAsync(notification.DeletedEntities.Select(e => e.Id).ToList(), cancellationToken);
}
