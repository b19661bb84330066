using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Infrastructure.Examine;

namespace Mahse.Web.Indexing;

/// <summary>Wraps Umbraco's own index rebuilder in <see cref="StartupRebuildOffTheQueue"/>.</summary>
public sealed class IndexingComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        // The last registration is the one Umbraco resolves (its Examine set-up replaces a no-op rebuilder).
        var umbraco = builder.Services.LastOrDefault(s => s.ServiceType == typeof(IIndexRebuilder));
        if (umbraco?.ImplementationType is not { } implementation)
        {
            return;
        }

        builder.Services.Remove(umbraco);
        builder.Services.AddSingleton<IIndexRebuilder>(services => new StartupRebuildOffTheQueue(
            (IIndexRebuilder)ActivatorUtilities.CreateInstance(services, implementation),
            services.GetRequiredService<IHostApplicationLifetime>(),
            services.GetRequiredService<ILogger<StartupRebuildOffTheQueue>>()));
    }
}
