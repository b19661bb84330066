using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Search;

/// <summary>Keeps the indexes current from Umbraco's content and media notifications (delivered after commit).</summary>
public sealed class IndexContentOnContentChanged(IndexingQueue queue) :
    INotificationAsyncHandler<ContentSavedNotification>,
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
    public Task HandleAsync(ContentSavedNotification n, CancellationToken ct) => Refresh(n.SavedEntities);

    public Task HandleAsync(ContentPublishedNotification n, CancellationToken ct) => Refresh(n.PublishedEntities);

    public Task HandleAsync(ContentUnpublishedNotification n, CancellationToken ct) => Refresh(n.UnpublishedEntities);

    public Task HandleAsync(ContentMovedNotification n, CancellationToken ct) => Refresh(n.MoveInfoCollection.Select(m => m.Entity));

    public Task HandleAsync(ContentMovedToRecycleBinNotification n, CancellationToken ct) => Refresh(n.MoveInfoCollection.Select(m => m.Entity));

    public Task HandleAsync(ContentSortedNotification n, CancellationToken ct) => Refresh(n.SortedEntities);

    public Task HandleAsync(ContentDeletedNotification n, CancellationToken ct) => Refresh(n.DeletedEntities);

    public Task HandleAsync(MediaSavedNotification n, CancellationToken ct) => Refresh(n.SavedEntities);

    public Task HandleAsync(MediaMovedNotification n, CancellationToken ct) => Refresh(n.MoveInfoCollection.Select(m => m.Entity));

    public Task HandleAsync(MediaMovedToRecycleBinNotification n, CancellationToken ct) => Refresh(n.MoveInfoCollection.Select(m => m.Entity));

    public Task HandleAsync(MediaDeletedNotification n, CancellationToken ct) => Refresh(n.DeletedEntities);

    private Task Refresh(IEnumerable<IContentBase> items)
    {
        queue.EnqueueRefresh(items.Select(i => i.Id).Distinct().ToList());
        return Task.CompletedTask;
    }
}
