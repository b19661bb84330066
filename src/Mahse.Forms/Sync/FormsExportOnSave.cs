using Mahse.Forms.Storage;
using Mahse.Sync;
using Mahse.Sync.Handlers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Events;

namespace Mahse.Forms.Sync;

/// <summary>
/// uSync's <c>ExportOnSave</c> for forms and prevalue sources, as the sync module's own handler does for Umbraco's
/// items: a saved item's file is written, a deleted one's replaced by a Delete marker. Paused while an import runs
/// (an import never rewrites its own files); a failure to write is logged, the save has already succeeded.
/// </summary>
public sealed class FormsExportOnSave(
    SyncService sync,
    FormsHandler forms,
    FormPreValuesHandler preValues,
    IOptions<SyncSettings> settings,
    ILogger<FormsExportOnSave> logger) :
    INotificationAsyncHandler<FormSavedNotification>,
    INotificationAsyncHandler<FormDeletedNotification>,
    INotificationAsyncHandler<PreValueSourceSavedNotification>,
    INotificationAsyncHandler<PreValueSourceDeletedNotification>
{
    public Task HandleAsync(FormSavedNotification n, CancellationToken ct) => WriteAsync(forms, n.FormId, n.Name, deleted: false, ct);

    public Task HandleAsync(FormDeletedNotification n, CancellationToken ct) => WriteAsync(forms, n.FormId, n.Name, deleted: true, ct);

    public Task HandleAsync(PreValueSourceSavedNotification n, CancellationToken ct) => WriteAsync(preValues, n.Key, n.Name, deleted: false, ct);

    public Task HandleAsync(PreValueSourceDeletedNotification n, CancellationToken ct) => WriteAsync(preValues, n.Key, n.Name, deleted: true, ct);

    private async Task WriteAsync(ISyncHandler handler, Guid key, string name, bool deleted, CancellationToken ct)
    {
        if (sync.IsImporting || (handler.Group & SyncSettings.ParseGroups(settings.Value.ExportOnSave)) == 0)
        {
            return;
        }

        try
        {
            if (deleted)
            {
                await sync.WriteDeleteMarkerAsync(handler, key, name, null, ct);
            }
            else
            {
                await sync.ExportItemAsync(handler, key, name, ct);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "uSync export on save failed for {ItemType} {Key}", handler.ItemType, key);
        }
    }
}
