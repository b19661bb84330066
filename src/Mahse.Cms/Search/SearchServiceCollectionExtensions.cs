using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Health;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Umbraco's four indexes on Lucene.Net, kept current from content notifications, rebuilt when needed.</summary>
    public static IServiceCollection AddSearch(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton<ContentValueSetBuilder>();
        services.AddSingleton(sp => new IndexManager(dataDirectory, sp.GetRequiredService<ICmsDbContextFactory>(), sp.GetRequiredService<SchemaCache>(),
            sp.GetRequiredService<PublishedContentCache>(), sp.GetRequiredService<ContentValueSetBuilder>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IndexingQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexingQueue>());
        services.AddSingleton<IStartupTask, SearchStartup>();
        services.AddSingleton<SiteSearchService>();

        services.AddSingleton<IndexContentOnContentChanged>();
        services.AddNotificationHandler<ContentSavedNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<ContentPublishedNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<ContentUnpublishedNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<ContentMovedNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<ContentMovedToRecycleBinNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<ContentSortedNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<ContentDeletedNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<MediaSavedNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<MediaMovedNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<MediaMovedToRecycleBinNotification, IndexContentOnContentChanged>();
        services.AddNotificationHandler<MediaDeletedNotification, IndexContentOnContentChanged>();
        return services;
    }
}
