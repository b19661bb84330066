using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Web.Protection;

/// <summary>
/// Empties Umbraco's cached set of public access entries again once a change to them has committed.
/// </summary>
/// <remarks>
/// Umbraco keeps every entry in one cached set and empties it when an entry is saved, inside the saving transaction.
/// A reader on another connection (a Delivery API request, or Umbraco's own background handler for public access
/// changes) can fill it again from the database before that transaction commits, and the set then lacks the change
/// until the next one: a page just protected stays readable through the Delivery API, or one just opened stays shut.
/// "-ed" notifications arrive after the commit, so emptying the set then closes most of the window. Not all of it:
/// SQLite (WAL) gives a transaction that began before the commit the rows as they were, so a request whose scope was
/// already open (an editor's save, say) can still fill the set with the old rows just after this clear. The set is
/// therefore emptied once more when such a scope has surely ended (<see cref="Again"/>), which bounds a stale set
/// to that long instead of "until the next change".
/// </remarks>
public sealed class PublicAccessCacheAfterCommit(AppCaches appCaches) :
    INotificationHandler<PublicAccessEntrySavedNotification>,
    INotificationHandler<PublicAccessEntryDeletedNotification>
{
    public void Handle(PublicAccessEntrySavedNotification notification) => Clear();

    public void Handle(PublicAccessEntryDeletedNotification notification) => Clear();

    /// <summary>Longer than a request's scope lasts here; an old snapshot read after that is not plausible.</summary>
    public static readonly TimeSpan Again = TimeSpan.FromSeconds(2);

    private void Clear()
    {
        appCaches.IsolatedCaches.ClearCache<PublicAccessEntry>();
        _ = Task.Delay(Again).ContinueWith(_ => appCaches.IsolatedCaches.ClearCache<PublicAccessEntry>(), TaskScheduler.Default);
    }
}
