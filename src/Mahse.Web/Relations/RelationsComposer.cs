using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Core.Events;

namespace Mahse.Web.Relations;

/// <summary>Wraps each registration of Umbraco's relations update in <see cref="RelationsUpdateUnderWriteLock{TNotification}"/>.</summary>
public sealed class RelationsComposer : IComposer
{
    private const string UmbracoHandler = "ContentRelationsUpdate";

    public void Compose(IUmbracoBuilder builder)
    {
        var registrations = builder.Services
            .Where(s => s.ImplementationType?.Name == UmbracoHandler
                && s.ServiceType.IsGenericType && s.ServiceType.GetGenericTypeDefinition() == typeof(INotificationHandler<>))
            .ToList();
        foreach (var registration in registrations)
        {
            var notification = registration.ServiceType.GetGenericArguments()[0];
            var implementation = registration.ImplementationType!;
            var wrapper = typeof(RelationsUpdateUnderWriteLock<>).MakeGenericType(notification);
            builder.Services.Remove(registration);
            builder.Services.Add(new ServiceDescriptor(registration.ServiceType, services => ActivatorUtilities.CreateInstance(
                services, wrapper, ActivatorUtilities.CreateInstance(services, implementation)), registration.Lifetime));
        }
    }
}
