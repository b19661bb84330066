using Mahse.Sync.Handlers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.Entities;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Notifications;

/// <summary>
/// uSync's <c>ExportOnSave</c> on Umbraco's "-ed" notifications, which arrive once the change has committed: the
/// item's file is written, or replaced by a Delete marker. Paused while an import runs, so an import never rewrites
/// its own files. A failure to write is logged; the save itself has already succeeded.
/// </summary>
public sealed class ExportOnSaveHandler(
    SyncService sync,
    IEnumerable<ISyncHandler> handlers,
    IContentService contentService,
    IOptions<SyncSettings> settings,
    ILogger<ExportOnSaveHandler> logger) :
    INotificationAsyncHandler<DataTypeSavedNotification>,
    INotificationAsyncHandler<DataTypeDeletedNotification>,
    INotificationAsyncHandler<ContentTypeSavedNotification>,
    INotificationAsyncHandler<ContentTypeDeletedNotification>,
    INotificationAsyncHandler<MediaTypeSavedNotification>,
    INotificationAsyncHandler<MediaTypeDeletedNotification>,
    INotificationAsyncHandler<MemberTypeSavedNotification>,
    INotificationAsyncHandler<MemberTypeDeletedNotification>,
    INotificationAsyncHandler<TemplateSavedNotification>,
    INotificationAsyncHandler<TemplateDeletedNotification>,
    INotificationAsyncHandler<LanguageSavedNotification>,
    INotificationAsyncHandler<LanguageDeletedNotification>,
    INotificationAsyncHandler<DictionaryItemSavedNotification>,
    INotificationAsyncHandler<DictionaryItemDeletedNotification>,
    INotificationAsyncHandler<MemberGroupSavedNotification>,
    INotificationAsyncHandler<MemberGroupDeletedNotification>,
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
    INotificationAsyncHandler<PublicAccessEntrySavedNotification>,
    INotificationAsyncHandler<PublicAccessEntryDeletedNotification>,
    INotificationAsyncHandler<DomainSavedNotification>,
    INotificationAsyncHandler<DomainDeletedNotification>
{
    public Task HandleAsync(DataTypeSavedNotification n, CancellationToken ct) => ExportAsync("DataType", n.SavedEntities.Select(d => (d.Key, d.Name ?? "")), ct);

    public Task HandleAsync(DataTypeDeletedNotification n, CancellationToken ct) => DeleteAsync("DataType", n.DeletedEntities.Select(d => (d.Key, d.Name ?? "", (int?)null)), ct);

    public Task HandleAsync(ContentTypeSavedNotification n, CancellationToken ct) => ExportAsync("ContentType", n.SavedEntities.Select(t => (t.Key, t.Alias)), ct);

    public Task HandleAsync(ContentTypeDeletedNotification n, CancellationToken ct) => DeleteAsync("ContentType", n.DeletedEntities.Select(t => (t.Key, t.Alias, (int?)null)), ct);

    public Task HandleAsync(MediaTypeSavedNotification n, CancellationToken ct) => ExportAsync("MediaType", n.SavedEntities.Select(t => (t.Key, t.Alias)), ct);

    public Task HandleAsync(MediaTypeDeletedNotification n, CancellationToken ct) => DeleteAsync("MediaType", n.DeletedEntities.Select(t => (t.Key, t.Alias, (int?)null)), ct);

    public Task HandleAsync(MemberTypeSavedNotification n, CancellationToken ct) => ExportAsync("MemberType", n.SavedEntities.Select(t => (t.Key, t.Alias)), ct);

    public Task HandleAsync(MemberTypeDeletedNotification n, CancellationToken ct) => DeleteAsync("MemberType", n.DeletedEntities.Select(t => (t.Key, t.Alias, (int?)null)), ct);

    public Task HandleAsync(TemplateSavedNotification n, CancellationToken ct) => ExportAsync("Template", n.SavedEntities.Select(t => (t.Key, t.Alias)), ct);

    public Task HandleAsync(TemplateDeletedNotification n, CancellationToken ct) => DeleteAsync("Template", n.DeletedEntities.Select(t => (t.Key, t.Alias, (int?)null)), ct);

    public Task HandleAsync(LanguageSavedNotification n, CancellationToken ct) => ExportAsync("Language", n.SavedEntities.Select(l => (l.Key, l.IsoCode)), ct);

    public Task HandleAsync(LanguageDeletedNotification n, CancellationToken ct) => DeleteAsync("Language", n.DeletedEntities.Select(l => (l.Key, l.IsoCode, (int?)null)), ct);

    public Task HandleAsync(DictionaryItemSavedNotification n, CancellationToken ct) => ExportAsync("Dictionary", n.SavedEntities.Select(d => (d.Key, d.ItemKey)), ct);

    public Task HandleAsync(DictionaryItemDeletedNotification n, CancellationToken ct) => DeleteAsync("Dictionary", n.DeletedEntities.Select(d => (d.Key, d.ItemKey, (int?)null)), ct);

    public Task HandleAsync(MemberGroupSavedNotification n, CancellationToken ct) => ExportAsync("MemberGroup", n.SavedEntities.Select(g => (g.Key, g.Name ?? "")), ct);

    public Task HandleAsync(MemberGroupDeletedNotification n, CancellationToken ct) => DeleteAsync("MemberGroup", n.DeletedEntities.Select(g => (g.Key, g.Name ?? "", (int?)null)), ct);

    public Task HandleAsync(ContentSavedNotification n, CancellationToken ct) => ExportAsync("Content", Items(n.SavedEntities), ct);

    public Task HandleAsync(ContentPublishedNotification n, CancellationToken ct) => ExportAsync("Content", Items(n.PublishedEntities), ct);

    public Task HandleAsync(ContentUnpublishedNotification n, CancellationToken ct) => ExportAsync("Content", Items(n.UnpublishedEntities), ct);

    public Task HandleAsync(ContentMovedNotification n, CancellationToken ct) => ExportAsync("Content", Items(n.MoveInfoCollection.Select(m => m.Entity)), ct);

    public Task HandleAsync(ContentSortedNotification n, CancellationToken ct) => ExportAsync("Content", Items(n.SortedEntities), ct);

    public Task HandleAsync(ContentMovedToRecycleBinNotification n, CancellationToken ct) => DeleteAsync("Content", Trashed(n.MoveInfoCollection.Select(m => m.Entity)), ct);

    public Task HandleAsync(ContentDeletedNotification n, CancellationToken ct) => DeleteAsync("Content", Trashed(n.DeletedEntities), ct);

    public Task HandleAsync(MediaSavedNotification n, CancellationToken ct) => ExportAsync("Media", Items(n.SavedEntities), ct);

    public Task HandleAsync(MediaMovedNotification n, CancellationToken ct) => ExportAsync("Media", Items(n.MoveInfoCollection.Select(m => m.Entity)), ct);

    public Task HandleAsync(MediaMovedToRecycleBinNotification n, CancellationToken ct) => DeleteAsync("Media", Trashed(n.MoveInfoCollection.Select(m => m.Entity)), ct);

    public Task HandleAsync(MediaDeletedNotification n, CancellationToken ct) => DeleteAsync("Media", Trashed(n.DeletedEntities), ct);

    // Public access rides in the protected document's file, so a change of access rewrites that file.
    public Task HandleAsync(PublicAccessEntrySavedNotification n, CancellationToken ct) => ExportAsync("Content", ProtectedDocuments(n.SavedEntities), ct);

    public Task HandleAsync(PublicAccessEntryDeletedNotification n, CancellationToken ct) => ExportAsync("Content", ProtectedDocuments(n.DeletedEntities), ct);

    public Task HandleAsync(DomainSavedNotification n, CancellationToken ct) => ExportAsync("Domain", n.SavedEntities.Select(d => (d.Key, d.DomainName)), ct);

    public Task HandleAsync(DomainDeletedNotification n, CancellationToken ct) => DeleteAsync("Domain", n.DeletedEntities.Select(d => (d.Key, d.DomainName, (int?)null)), ct);

    private IEnumerable<(Guid, string)> ProtectedDocuments(IEnumerable<PublicAccessEntry> entries) =>
        entries.Select(e => contentService.GetById(e.ProtectedNodeId)).OfType<IContent>().Select(c => (c.Key, c.Name ?? ""));

    private static IEnumerable<(Guid, string)> Items(IEnumerable<IContentBase> items) => items.Select(i => (i.Key, i.Name ?? ""));

    // uSync marks trashed content with Level 100 + its level, so deletes sort after everything else.
    private static IEnumerable<(Guid, string, int?)> Trashed(IEnumerable<IContentBase> items) => items.Select(i => (i.Key, i.Name ?? "", (int?)(100 + i.Level)));

    private ISyncHandler? Enabled(string itemType)
    {
        var handler = handlers.FirstOrDefault(h => h.ItemType == itemType);
        return handler is not null && !sync.IsImporting && (handler.Group & SyncSettings.ParseGroups(settings.Value.ExportOnSave)) != 0 ? handler : null;
    }

    private async Task ExportAsync(string itemType, IEnumerable<(Guid Key, string Alias)> items, CancellationToken ct)
    {
        if (Enabled(itemType) is not { } handler)
        {
            return;
        }

        foreach (var (key, alias) in items.DistinctBy(i => i.Key))
        {
            try
            {
                await sync.ExportItemAsync(handler, key, alias, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogError(ex, "uSync export on save failed for {ItemType} {Key}", itemType, key);
            }
        }
    }

    private async Task DeleteAsync(string itemType, IEnumerable<(Guid Key, string Alias, int? Level)> items, CancellationToken ct)
    {
        if (Enabled(itemType) is not { } handler)
        {
            return;
        }

        foreach (var (key, alias, level) in items.DistinctBy(i => i.Key))
        {
            try
            {
                await sync.WriteDeleteMarkerAsync(handler, key, alias, level, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogError(ex, "uSync delete marker failed for {ItemType} {Key}", itemType, key);
            }
        }
    }
}
