using Mahse.Sync.Api;
using Mahse.Sync.Handlers;
using Mahse.Sync.Notifications;
using Mahse.Sync.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Api.Common.OpenApi;
using Umbraco.Cms.Api.Management.OpenApi;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Sync;

/// <summary>
/// Plugs the sync module into Umbraco: settings, one handler per uSync folder, start-up import, export on save, and
/// the Management API (with its own OpenAPI document) behind the Settings dashboard.
/// </summary>
public sealed class SyncComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.Configure<SyncSettings>(builder.Config.GetSection("uSync:Settings"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UsyncNames>();
        builder.Services.AddSingleton<SyncStateStore>();
        builder.Services.AddSingleton<SyncService>();
        builder.AddSyncHandlers();
        builder.AddBackOfficeOpenApiDocument(SyncApi.DocumentName, document => document
            .WithTitle(SyncApi.DocumentTitle)
            .WithBackOfficeAuthentication()
            .WithJsonOptions(Umbraco.Cms.Core.Constants.JsonOptionsNames.BackOffice)
            .ConfigureOpenApiOptions(options => options.AddDocumentTransformer((openApi, _, _) =>
            {
                openApi.Info.Description = SyncApi.DocumentDescription;
                openApi.Info.Version = "1.0";
                return Task.CompletedTask;
            })));

        builder.AddNotificationAsyncHandler<UmbracoApplicationStartingNotification, SyncStartupImport>();
        builder
            .AddNotificationAsyncHandler<DataTypeSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<DataTypeDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<ContentTypeSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<ContentTypeDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MediaTypeSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MediaTypeDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MemberTypeSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MemberTypeDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<TemplateSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<TemplateDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<LanguageSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<LanguageDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<DictionaryItemSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<DictionaryItemDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MemberGroupSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MemberGroupDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<ContentSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<ContentPublishedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<ContentUnpublishedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<ContentMovedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<ContentSortedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<ContentMovedToRecycleBinNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<ContentDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MediaSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MediaMovedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MediaMovedToRecycleBinNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<MediaDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<PublicAccessEntrySavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<PublicAccessEntryDeletedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<DomainSavedNotification, ExportOnSaveHandler>()
            .AddNotificationAsyncHandler<DomainDeletedNotification, ExportOnSaveHandler>();
    }
}
