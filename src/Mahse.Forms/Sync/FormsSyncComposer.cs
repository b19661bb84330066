using Mahse.Forms.Storage;
using Mahse.Sync.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Forms.Sync;

/// <summary>
/// Plugs the forms' uSync.Forms-compatible handlers into the sync module, as uSync.Forms adds its handlers to uSync:
/// they run in every import (first boot, start-up, <c>usync import</c>, the Settings dashboard) and export, and write
/// on save when <c>uSync:Settings:ExportOnSave</c> covers Settings.
/// </summary>
public sealed class FormsSyncComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.AddSingleton<PreValueSourceRows>();
        builder.Services.AddSingleton<FormPreValuesHandler>();
        builder.Services.AddSingleton<FormsHandler>();
        builder.Services.AddSingleton<ISyncHandler>(s => s.GetRequiredService<FormPreValuesHandler>());
        builder.Services.AddSingleton<ISyncHandler>(s => s.GetRequiredService<FormsHandler>());
        builder
            .AddNotificationAsyncHandler<FormSavedNotification, FormsExportOnSave>()
            .AddNotificationAsyncHandler<FormDeletedNotification, FormsExportOnSave>()
            .AddNotificationAsyncHandler<PreValueSourceSavedNotification, FormsExportOnSave>()
            .AddNotificationAsyncHandler<PreValueSourceDeletedNotification, FormsExportOnSave>();
    }
}
