using Umbraco.Cms.Core.DeliveryApi;

namespace Mahse.Web.Portal;

public static class PortalServiceCollectionExtensions
{
    /// <summary>The MAHSE portal's own Delivery API options: fellowship status, roadmap stage, resource type, discipline, stage order.</summary>
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddSingleton<IContentIndexHandler, FellowshipStatusIndexer>();
        services.AddSingleton<IContentIndexHandler, RoadmapStageIndexer>();
        services.AddSingleton<IContentIndexHandler, ResourceTypeIndexer>();
        services.AddSingleton<IContentIndexHandler, DisciplineIndexer>();
        services.AddSingleton<IContentIndexHandler, StageOrderIndexer>();
        services.AddSingleton<IFilterHandler, FellowshipStatusFilter>();
        services.AddSingleton<IFilterHandler, RoadmapStageFilter>();
        services.AddSingleton<IFilterHandler, ResourceTypeFilter>();
        services.AddSingleton<IFilterHandler, DisciplineFilter>();
        services.AddSingleton<ISortHandler, StageOrderSort>();
        services.AddHostedService<FellowshipStatusRefresher>();
        return services;
    }
}
