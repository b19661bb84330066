using Mahse.Cms.Content;
using Mahse.Cms.Health;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Sync.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>uSync v17 import and export: handlers in uSync's order, the service, the start-up import.</summary>
    public static IServiceCollection AddSync(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SyncSettings>(configuration.GetSection("uSync:Settings"));
        services.AddSingleton<UsyncNames>();
        services.AddSingleton<TemplateService>();
        services.AddSingleton<ISyncHandler, LanguageHandler>();
        services.AddSingleton<ISyncHandler, DictionaryHandler>();
        services.AddSingleton<ISyncHandler, DataTypeHandler>();
        services.AddSingleton<ISyncHandler, TemplateHandler>();
        foreach (var kind in new[] { ContentTypeKind.Document, ContentTypeKind.Media, ContentTypeKind.Member })
        {
            services.AddSingleton<ISyncHandler>(sp => ActivatorUtilities.CreateInstance<ContentTypeHandler>(sp, kind));
        }

        foreach (var kind in new[] { ContentNodeKind.Media, ContentNodeKind.Document })
        {
            services.AddSingleton<ISyncHandler>(sp => ActivatorUtilities.CreateInstance<ContentHandler>(sp, kind));
        }

        services.AddSingleton<ISyncHandler, MemberGroupHandler>();
        services.AddSingleton<ISyncHandler, FormsHandler>();
        services.AddSingleton<ISyncHandler, FormsPreValuesHandler>();
        services.AddSingleton<ISyncHandler, DomainHandler>();
        services.AddSingleton<SyncService>();
        services.AddSingleton<SyncStateStore>();
        services.AddSingleton<IStartupTask, SyncStartupImport>();
        services.AddSingleton<ExportOnSaveHandler>();
        services.AddNotificationHandler<DataTypeDefinitionSavedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<Content.PublicAccess.PublicAccessChangedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<Forms.FormSavedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<MemberGroupSavedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<MemberGroupDeletedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<DataTypeDefinitionDeletedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<ContentTypeDefinitionSavedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<ContentTypeDefinitionDeletedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<ContentSavedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<ContentPublishedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<ContentUnpublishedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<ContentMovedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<ContentSortedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<ContentMovedToRecycleBinNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<ContentDeletedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<MediaSavedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<MediaMovedNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<MediaMovedToRecycleBinNotification, ExportOnSaveHandler>();
        services.AddNotificationHandler<MediaDeletedNotification, ExportOnSaveHandler>();
        return services;
    }
}
