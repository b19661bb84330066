using Mahse.Cms.Delivery.Caching;
using Mahse.Cms.Delivery.Querying;
using Mahse.Cms.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>The Content Delivery API v2 with Umbraco's built-in selectors, filters and sorts as DI-registered handlers.</summary>
    public static IServiceCollection AddDeliveryApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeliveryApiSettings>(configuration.GetSection("Umbraco:CMS:DeliveryApi"));
        services.AddSingleton<ContentReferenceResolver>();
        services.AddSingleton<ISelectorHandler, ChildrenSelector>();
        services.AddSingleton<ISelectorHandler, DescendantsSelector>();
        services.AddSingleton<ISelectorHandler, AncestorsSelector>();
        services.AddSingleton<IFilterHandler, ContentTypeFilter>();
        services.AddSingleton<IFilterHandler, NameFilter>();
        services.AddSingleton<IFilterHandler, CreateDateFilter>();
        services.AddSingleton<IFilterHandler, UpdateDateFilter>();
        services.AddSingleton<ISortHandler, CreateDateSort>();
        services.AddSingleton<ISortHandler, UpdateDateSort>();
        services.AddSingleton<ISortHandler, LevelSort>();
        services.AddSingleton<ISortHandler, NameSort>();
        services.AddSingleton<ISortHandler, SortOrderSort>();
        services.AddSingleton<ApiContentQueryService>();
        services.AddSingleton<ApiContentBuilder>();
        services.AddSingleton<RenderedItemMemo>();

        services.AddSingleton<PublishedMediaCache>();
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<PublishedMediaCache>());
        services.AddNotificationHandler<MediaSavedNotification, PublishedMediaCache>();
        services.AddNotificationHandler<MediaMovedNotification, PublishedMediaCache>();
        services.AddNotificationHandler<MediaMovedToRecycleBinNotification, PublishedMediaCache>();
        services.AddNotificationHandler<MediaDeletedNotification, PublishedMediaCache>();

        services.AddOutputCache();
        services.AddHostedService<EvictDeliveryOutputCache>();
        return services;
    }
}
