using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Sync.Handlers;

public static class SyncHandlerRegistration
{
    /// <summary>One handler per uSync folder; the service orders them by uSync's priorities.</summary>
    public static IUmbracoBuilder AddSyncHandlers(this IUmbracoBuilder builder)
    {
        builder.Services.AddSingleton<ISyncHandler, LanguageHandler>();
        builder.Services.AddSingleton<ISyncHandler, DictionaryHandler>();
        builder.Services.AddSingleton<ISyncHandler, DataTypeHandler>();
        builder.Services.AddSingleton<ISyncHandler, TemplateHandler>();
        builder.Services.AddSingleton<ISyncHandler, ContentTypeHandler>();
        builder.Services.AddSingleton<ISyncHandler, MediaTypeHandler>();
        builder.Services.AddSingleton<ISyncHandler, MemberTypeHandler>();
        builder.Services.AddSingleton<ISyncHandler, MemberGroupHandler>();
        builder.Services.AddSingleton<ISyncHandler, MediaHandler>();
        builder.Services.AddSingleton<ISyncHandler, ContentHandler>();
        builder.Services.AddSingleton<ISyncHandler, DomainHandler>();
        return builder;
    }
}
