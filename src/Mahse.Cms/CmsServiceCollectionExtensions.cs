using Mahse.Cms.Content;
using Mahse.Cms.Content.Http;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Content.PublicAccess;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Content.Redirects;
using Mahse.Cms.Content.Scheduling;
using Mahse.Cms.Health;
using Mahse.Cms.Media;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Strings;

namespace Mahse.Cms;

/// <summary>Wires the engine, one capability per call, so the host's Program.cs reads as a table of contents.</summary>
public static class CmsServiceCollectionExtensions
{
    public static IServiceCollection AddCmsCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RuntimeState>();
        services.AddSingleton<IShortStringHelper>(new DefaultShortStringHelper(new DefaultShortStringHelperConfig().WithDefault(new RequestHandlerSettings())));

        // Umbraco's own event aggregator, resolving handlers from our container.
        services.AddSingleton<IEventAggregator>(sp => new EventAggregator(type => sp.GetService(type)!));
        services.AddCmsPersistence(DatabaseSettings.FromConfiguration(configuration, contentRoot));
        services.AddHostedService<CmsStartup>();
        return services;
    }

    public static IServiceCollection AddSchema(this IServiceCollection services)
    {
        // Umbraco's editors, plus any a module registers (Forms adds its form picker).
        services.AddSingleton(sp => new PropertyEditorCollection(PropertyEditorCollection.Defaults().Concat(sp.GetServices<IPropertyEditor>())));
        services.AddSingleton<UmbracoContentTypeFactory>();
        services.AddSingleton<SchemaCache>();
        services.AddSingleton<DataTypeService>();
        services.AddSingleton<ContentTypeService>();
        services.AddSingleton<DefaultSchemaInstaller>();
        return services;
    }

    public static IServiceCollection AddContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PropertyValueValidator>();
        services.AddSingleton<ContentStore>();
        services.AddSingleton<ContentNotifier>();
        services.AddSingleton<ContentEditingService>();
        services.AddSingleton<ContentPublishingService>();
        services.AddSingleton<ContentStructureService>();
        services.AddSingleton<RecycleBinService>();
        services.AddSingleton<ContentVersionService>();
        services.AddSingleton<ContentResponses>();
        services.AddSingleton<PublishedContentCache>();

        services.AddSingleton<RefreshPublishedCacheOnContentChanged>();
        services.AddNotificationHandler<ContentPublishedNotification, RefreshPublishedCacheOnContentChanged>();
        services.AddNotificationHandler<ContentUnpublishedNotification, RefreshPublishedCacheOnContentChanged>();
        services.AddNotificationHandler<ContentMovedNotification, RefreshPublishedCacheOnContentChanged>();
        services.AddNotificationHandler<ContentMovedToRecycleBinNotification, RefreshPublishedCacheOnContentChanged>();
        services.AddNotificationHandler<ContentSortedNotification, RefreshPublishedCacheOnContentChanged>();
        services.AddNotificationHandler<ContentDeletedNotification, RefreshPublishedCacheOnContentChanged>();

        services.AddSingleton<PublicAccessRules>();
        services.AddSingleton<RedirectUrlService>();
        services.AddSingleton<DraftContentCache>();
        services.AddSingleton<RefreshDraftCacheOnContentChanged>();
        services.AddNotificationHandler<ContentSavedNotification, RefreshDraftCacheOnContentChanged>();
        services.AddNotificationHandler<ContentPublishedNotification, RefreshDraftCacheOnContentChanged>();
        services.AddNotificationHandler<ContentUnpublishedNotification, RefreshDraftCacheOnContentChanged>();
        services.AddNotificationHandler<ContentMovedNotification, RefreshDraftCacheOnContentChanged>();
        services.AddNotificationHandler<ContentMovedToRecycleBinNotification, RefreshDraftCacheOnContentChanged>();
        services.AddNotificationHandler<ContentSortedNotification, RefreshDraftCacheOnContentChanged>();
        services.AddNotificationHandler<ContentDeletedNotification, RefreshDraftCacheOnContentChanged>();

        services.Configure<ScheduledPublishingOptions>(configuration.GetSection("Mahse:ScheduledPublishing"));
        services.AddHostedService<ScheduledPublishingService>();
        return services;
    }

    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.Configure<MediaOptions>(options =>
        {
            configuration.GetSection("Mahse:Media").Bind(options);
            if (configuration.GetValue<long?>("Umbraco:CMS:Runtime:MaxRequestLength") is { } maxKb)
            {
                options.MaxRequestLengthKb = maxKb;
            }

            var allowed = configuration.GetSection("Umbraco:CMS:Content:AllowedUploadedFileExtensions").Get<string[]>();
            if (allowed is { Length: > 0 })
            {
                options.AllowedUploadedFileExtensions = allowed;
            }
        });
        var mediaPath = Path.Combine(contentRoot, configuration["Mahse:Media:Path"] ?? "media");
        services.AddSingleton<IMediaFileSystem>(new PhysicalMediaFileSystem(mediaPath));
        services.AddSingleton(new TemporaryFileFolder(Path.Combine(contentRoot, "umbraco", "Data", "TEMP", "TemporaryFiles")));
        services.AddSingleton<TemporaryFileService>();
        services.AddSingleton<MediaService>();
        services.AddHostedService<TemporaryFileCleanup>();
        return services;
    }

    /// <summary>Registers a handler for one of Umbraco's notifications, as Umbraco's builder does.</summary>
    public static IServiceCollection AddNotificationHandler<TNotification, THandler>(this IServiceCollection services)
        where TNotification : INotification
        where THandler : class, INotificationAsyncHandler<TNotification>
    {
        services.AddSingleton<INotificationAsyncHandler<TNotification>>(sp => sp.GetRequiredService<THandler>());
        return services;
    }
}
