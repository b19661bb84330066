using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Scoping;

namespace Mahse.Web.Relations;

/// <summary>
/// Umbraco's relations update (its internal <c>ContentRelationsUpdate</c>), run inside a scope that has taken a write
/// lock before the update reads anything.
/// </summary>
/// <remarks>
/// The update runs after a save or publish has committed, in a new scope that reads relation types first and writes
/// relations after. On SQLite (WAL, deferred transactions) that first write fails with SQLITE_BUSY_SNAPSHOT whenever
/// another connection committed in between (an import, a token being issued), and Umbraco's fault-handling policy
/// retries it for minutes: an editor's "Save and publish" hung. With the lock taken first the update waits its turn
/// like any other writer; its own scope nests in this one.
/// </remarks>
public sealed class RelationsUpdateUnderWriteLock<TNotification>(INotificationHandler<TNotification> umbraco, ICoreScopeProvider scopes)
    : INotificationHandler<TNotification>
    where TNotification : INotification
{
    public void Handle(TNotification notification) => Handle([notification]);

    public void Handle(IEnumerable<TNotification> notifications)
    {
        using var scope = scopes.CreateCoreScope();
        scope.EagerWriteLock(Constants.Locks.ContentTree);
        umbraco.Handle(notifications);
        scope.Complete();
    }
}
