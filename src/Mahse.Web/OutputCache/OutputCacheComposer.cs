using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Extensions;

namespace Mahse.Web.OutputCache;

/// <summary>Keeps cached Delivery API query pages in step with the index, when the output cache is switched on.</summary>
public sealed class OutputCacheComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        // Umbraco registers its cache manager only when the output cache is on (AddDeliveryApi runs before composers).
        if (builder.Services.Any(s => s.ServiceType == typeof(IDeliveryApiOutputCacheManager)))
        {
            builder.AddNotificationHandler<UmbracoApplicationStartingNotification, QueryCacheFollowsTheIndex>();
        }
    }
}
