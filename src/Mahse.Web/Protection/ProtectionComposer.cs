using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Web.Protection;

public sealed class ProtectionComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) => builder
        .AddNotificationHandler<PublicAccessEntrySavedNotification, PublicAccessCacheAfterCommit>()
        .AddNotificationHandler<PublicAccessEntryDeletedNotification, PublicAccessCacheAfterCommit>();
}
