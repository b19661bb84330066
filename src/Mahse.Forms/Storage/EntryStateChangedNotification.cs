using Umbraco.Cms.Core.Notifications;

namespace Mahse.Forms.Storage;

/// <summary>
/// An entry was approved or rejected (published after commit, so its stage's workflow rows are in the outbox): the
/// workflow worker can handle it to run them now rather than at its next poll.
/// </summary>
public sealed record EntryStateChangedNotification(Guid EntryKey, Guid FormKey, string State, string By) : INotification;
