using Umbraco.Cms.Infrastructure.BackgroundJobs;

namespace Mahse.Forms.Workflows;

/// <summary>
/// Wakes the workflow worker as soon as outbox rows are committed (an entry stored, approved or rejected, a run
/// retried by hand), instead of leaving them to the next poll. Call it after the scope that wrote the rows has
/// completed; calling it early only costs an empty pass. On a server that does not run the worker (a load-balanced
/// subscriber) it does nothing and the rows wait for the scheduling publisher's next poll.
/// </summary>
public sealed class WorkflowSignal(IRecurringBackgroundJobTrigger<WorkflowOutboxJob> trigger)
{
    public void Nudge() => trigger.TriggerExecution();
}
