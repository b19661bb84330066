using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Sync.Handlers;

public static class SyncHandlerRegistration
{
    /// <summary>One handler per uSync folder; the service orders them by uSync's priorities.</summary>
    public static IUmbracoBuilder AddSyncHandlers(this IUmbracoBuilder builder)
    {
        // Handlers are added here as they are written on Umbraco's services.
        return builder;
    }
}
