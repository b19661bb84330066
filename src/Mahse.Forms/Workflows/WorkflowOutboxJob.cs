using Microsoft.Extensions.Options;
using Umbraco.Cms.Infrastructure.BackgroundJobs;

namespace Mahse.Forms.Workflows;

/// <summary>
/// The workflow worker as an Umbraco recurring background job: Umbraco runs it only once the runtime is at
/// <c>Run</c>, in the main domain, and on the server roles Single and SchedulingPublisher, so in a load-balanced
/// site exactly one server works the outbox (and a server that loses the role stops claiming; its unfinished claims
/// are taken over when their leases run out). It polls every <see cref="FormWorkflowOptions.PollInterval"/> and runs
/// at once when <see cref="WorkflowSignal"/> nudges it.
/// </summary>
public sealed class WorkflowOutboxJob : RecurringBackgroundJobBase, ITriggerableRecurringBackgroundJob
{
    private readonly WorkflowRunner _runner;
    private readonly FormWorkflowOptions _options;

    public WorkflowOutboxJob(WorkflowRunner runner, IOptions<FormWorkflowOptions> options)
        : base(options.Value.PollInterval)
    {
        _runner = runner;
        _options = options.Value;

        // Before the server role is known (Umbraco elects it some seconds after start) the job is skipped; look again
        // at the poll interval rather than Umbraco's default minute.
        IgnoredDelay = options.Value.PollInterval;
    }

    public override TimeSpan Delay => _options.StartDelay;

    // A pass returns after a minute of work at most, so a change of server role is seen soon even under load.
    public override Task RunJobAsync(CancellationToken cancellationToken) => _runner.RunDueAsync(TimeSpan.FromMinutes(1), cancellationToken);
}
