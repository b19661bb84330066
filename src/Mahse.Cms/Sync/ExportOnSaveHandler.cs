using Mahse.Cms.Content.PublicAccess;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Sync.Handlers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Sync;

/// <summary>
/// uSync's <c>ExportOnSave</c>: after a committed save, publish, move or delete, the item's file is written (or
/// replaced by a Delete marker). Off during imports. A failure is logged; the save itself has already succeeded.
/// </summary>
public sealed class ExportOnSaveHandler(
    SyncService sync,
    IEnumerable<ISyncHandler> handlers,
    IOptions<SyncSettings> settings,
    ILogger<ExportOnSaveHandler> logger) :
    INotificationAsyncHandler<DataTypeDefinitionSavedNotification>,
    INotificationAsyncHandler<DataTypeDefinitionDeletedNotification>,
    INotificationAsyncHandler<ContentTypeDefinitionSavedNotification>,
    INotificationAsyncHandler<ContentTypeDefinitionDeletedNotification>,
    INotificationAsyncHandler<ContentSavedNotification>,
    INotificationAsyncHandler<ContentPublishedNotification>,
    INotificationAsyncHandler<ContentUnpublishedNotification>,
    INotificationAsyncHandler<ContentMovedNotification>,
    INotificationAsyncHandler<ContentSortedNotification>,
    INotificationAsyncHandler<ContentMovedToRecycleBinNotification>,
    INotificationAsyncHandler<ContentDeletedNotification>,
    INotificationAsyncHandler<MediaSavedNotification>,
    INotificationAsyncHandler<MediaMovedNotification>,
    INotificationAsyncHandler<MediaMovedToRecycleBinNotification>,
    INotificationAsyncHandler<MediaDeletedNotification>,
    INotificationAsyncHandler<PublicAccessChangedNotification>,
    INotificationAsyncHandler<MemberGroupSavedNotification>,
    INotificationAsyncHandler<MemberGroupDeletedNotification>,
    INotificationAsyncHandler<Forms.FormSavedNotification>
{
    public Task HandleAsync(Forms.FormSavedNotification n, CancellationToken ct) => ExportAsync("FormsHandler", [(n.FormId, n.Name)], ct);

    public Task HandleAsync(MemberGroupSavedNotification n, CancellationToken ct) => ExportAsync("MemberGroupHandler", n.SavedEntities.Select(g => (g.Key, g.Name ?? "")).ToList(), ct);

    public Task HandleAsync(MemberGroupDeletedNotification n, CancellationToken ct) => DeleteAsync("MemberGroupHandler", n.DeletedEntities.Select(g => (g.Key, g.Name ?? "", (int?)null)).ToList(), ct);

    // Public access rides in the document's file, so a change of access rewrites it.
    public Task HandleAsync(PublicAccessChangedNotification n, CancellationToken ct) => ExportAsync("ContentHandler", [(n.DocumentKey, n.DocumentName)], ct);

    public Task HandleAsync(DataTypeDefinitionSavedNotification n, CancellationToken ct) => ExportAsync("DataTypeHandler", [(n.DataType.Key, n.DataType.Name)], ct);

    public Task HandleAsync(DataTypeDefinitionDeletedNotification n, CancellationToken ct) => DeleteAsync("DataTypeHandler", [(n.DataType.Key, n.DataType.Name, null)], ct);

    public Task HandleAsync(ContentTypeDefinitionSavedNotification n, CancellationToken ct) => ExportAsync(TypeHandler(n.ContentType.Kind), [(n.ContentType.Key, n.ContentType.Alias)], ct);

    public Task HandleAsync(ContentTypeDefinitionDeletedNotification n, CancellationToken ct) => DeleteAsync(TypeHandler(n.ContentType.Kind), [(n.ContentType.Key, n.ContentType.Alias, null)], ct);

    public Task HandleAsync(ContentSavedNotification n, CancellationToken ct) => ExportAsync("ContentHandler", Items(n.SavedEntities), ct);

    public Task HandleAsync(ContentPublishedNotification n, CancellationToken ct) => ExportAsync("ContentHandler", Items(n.PublishedEntities), ct);

    public Task HandleAsync(ContentUnpublishedNotification n, CancellationToken ct) => ExportAsync("ContentHandler", Items(n.UnpublishedEntities), ct);

    public Task HandleAsync(ContentMovedNotification n, CancellationToken ct) => ExportAsync("ContentHandler", Items(n.MoveInfoCollection.Select(m => m.Entity)), ct);

    public Task HandleAsync(ContentSortedNotification n, CancellationToken ct) => ExportAsync("ContentHandler", Items(n.SortedEntities), ct);

    public Task HandleAsync(ContentMovedToRecycleBinNotification n, CancellationToken ct) => DeleteAsync("ContentHandler", Trashed(n.MoveInfoCollection.Select(m => m.Entity)), ct);

    public Task HandleAsync(ContentDeletedNotification n, CancellationToken ct) => DeleteAsync("ContentHandler", Trashed(n.DeletedEntities), ct);

    public Task HandleAsync(MediaSavedNotification n, CancellationToken ct) => ExportAsync("MediaHandler", Items(n.SavedEntities), ct);

    public Task HandleAsync(MediaMovedNotification n, CancellationToken ct) => ExportAsync("MediaHandler", Items(n.MoveInfoCollection.Select(m => m.Entity)), ct);

    public Task HandleAsync(MediaMovedToRecycleBinNotification n, CancellationToken ct) => DeleteAsync("MediaHandler", Trashed(n.MoveInfoCollection.Select(m => m.Entity)), ct);

    public Task HandleAsync(MediaDeletedNotification n, CancellationToken ct) => DeleteAsync("MediaHandler", Trashed(n.DeletedEntities), ct);

    private static string TypeHandler(ContentTypeKind kind) => kind switch
    {
        ContentTypeKind.Media => "MediaTypeHandler",
        ContentTypeKind.Member => "MemberTypeHandler",
        _ => "ContentTypeHandler",
    };

    private static IReadOnlyList<(Guid, string)> Items(IEnumerable<IContentBase> items) => items.Select(i => (i.Key, i.Name ?? "")).ToList();

    // uSync marks trashed content with Level 100 + its level, so deletes sort after everything else.
    private static IReadOnlyList<(Guid, string, int?)> Trashed(IEnumerable<IContentBase> items) => items.Select(i => (i.Key, i.Name ?? "", (int?)(100 + i.Level))).ToList();

    private ISyncHandler? Enabled(string name)
    {
        var handler = handlers.FirstOrDefault(h => h.Name == name);
        return handler is not null && !sync.IsImporting && (handler.Group & SyncSettings.ParseGroups(settings.Value.ExportOnSave)) != 0 ? handler : null;
    }

    private async Task ExportAsync(string handlerName, IReadOnlyList<(Guid Key, string Alias)> items, CancellationToken ct)
    {
        if (Enabled(handlerName) is not { } handler)
        {
            return;
        }

        foreach (var (key, alias) in items)
        {
            try
            {
                await sync.ExportItemAsync(handler, key, alias, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogError(ex, "uSync export on save failed for {Handler} {Key}", handlerName, key);
            }
        }
    }

    private async Task DeleteAsync(string handlerName, IReadOnlyList<(Guid Key, string Alias, int? Level)> items, CancellationToken ct)
    {
        if (Enabled(handlerName) is not { } handler)
        {
            return;
        }

        foreach (var (key, alias, level) in items)
        {
            try
            {
                await sync.WriteDeleteMarkerAsync(handler, key, alias, level, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogError(ex, "uSync delete marker failed for {Handler} {Key}", handlerName, key);
            }
        }
    }
}
