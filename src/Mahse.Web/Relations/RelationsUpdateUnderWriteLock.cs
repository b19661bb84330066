using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Configuration.Models;
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
/// like any other writer; its own scope nests in this one. SQL Server locks rows, not the database, so there the
/// update runs as Umbraco wrote it rather than queueing every member and media save behind the content tree lock.
/// </remarks>
public sealed class RelationsUpdateUnderWriteLock<TNotification>(
    INotificationHandler<TNotification> umbraco, ICoreScopeProvider scopes, IOptions<ConnectionStrings> connectionStrings)
    : INotificationHandler<TNotification>
    where TNotification : INotification
{
    private readonly bool _onSqlite = string.Equals(
        connectionStrings.Value.ProviderName, Constants.ProviderNames.SQLLite, StringComparison.OrdinalIgnoreCase);

    public void Handle(TNotification notification) => Handle([notification]);

    public void Handle(IEnumerable<TNotification> notifications)
    {
        if (!_onSqlite)
        {
            umbraco.Handle(notifications);
            return;
        }

        using var scope = scopes.CreateCoreScope();
        scope.EagerWriteLock(Constants.Locks.ContentTree);
        umbraco.Handle(notifications);
        scope.Complete();
    }
}
