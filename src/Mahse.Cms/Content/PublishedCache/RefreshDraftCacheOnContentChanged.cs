using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Content.PublishedCache;

/// <summary>Keeps the preview cache current once it exists: saves as well as everything that moves or removes documents.</summary>
public sealed class RefreshDraftCacheOnContentChanged(DraftContentCache cache) :
    INotificationAsyncHandler<ContentSavedNotification>,
    INotificationAsyncHandler<ContentPublishedNotification>,
    INotificationAsyncHandler<ContentUnpublishedNotification>,
    INotificationAsyncHandler<ContentMovedNotification>,
    INotificationAsyncHandler<ContentMovedToRecycleBinNotification>,
    INotificationAsyncHandler<ContentSortedNotification>,
    INotificationAsyncHandler<ContentDeletedNotification>
{
    public Task HandleAsync(ContentSavedNotification notification, CancellationToken ct) => Refresh(notification.SavedEntities.Select(e => e.Id), ct);

    public Task HandleAsync(ContentPublishedNotification notification, CancellationToken ct) => Refresh(notification.PublishedEntities.Select(e => e.Id), ct);

    public Task HandleAsync(ContentUnpublishedNotification notification, CancellationToken ct) => Refresh(notification.UnpublishedEntities.Select(e => e.Id), ct);

    public Task HandleAsync(ContentMovedNotification notification, CancellationToken ct) => Refresh(notification.MoveInfoCollection.Select(m => m.Entity.Id), ct);

    public Task HandleAsync(ContentMovedToRecycleBinNotification notification, CancellationToken ct) => Refresh(notification.MoveInfoCollection.Select(m => m.Entity.Id), ct);

    public Task HandleAsync(ContentSortedNotification notification, CancellationToken ct) => Refresh(notification.SortedEntities.Select(e => e.Id), ct);

    public Task HandleAsync(ContentDeletedNotification notification, CancellationToken ct) => Refresh(notification.DeletedEntities.Select(e => e.Id), ct);

    private Task Refresh(IEnumerable<int> ids, CancellationToken ct) => cache.IsRequested ? cache.RefreshAsync(ids.ToList(), ct) : Task.CompletedTask;
}
