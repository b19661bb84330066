using Mahse.Cms.Content;
using Mahse.Cms.Health;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Sync.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddSingleton<ISyncHandler, DomainHandler>();
        services.AddSingleton<SyncService>();
        services.AddSingleton<IStartupTask, SyncStartupImport>();
        return services;
    }
}
