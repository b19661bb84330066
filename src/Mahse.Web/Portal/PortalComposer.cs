using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Web.Portal;

/// <summary>The MAHSE portal's own Delivery API options: fellowship status, roadmap stage, resource type, discipline, stage order.</summary>
public sealed class PortalComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.ContentIndexHandlers()
            .Add<FellowshipStatusIndexer>()
            .Add<RoadmapStageIndexer>()
            .Add<ResourceTypeIndexer>()
            .Add<DisciplineIndexer>()
            .Add<StageOrderIndexer>();
        builder.FilterHandlers()
            .Add<FellowshipStatusFilter>()
            .Add<RoadmapStageFilter>()
            .Add<ResourceTypeFilter>()
            .Add<DisciplineFilter>();
        builder.SortHandlers().Add<StageOrderSort>();
        builder.Services.AddHostedService<FellowshipStatusRefresher>();
    }
}
