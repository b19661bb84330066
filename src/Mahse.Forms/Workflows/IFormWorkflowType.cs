using Mahse.Forms.Model;
using Mahse.Forms.Storage;

namespace Mahse.Forms.Workflows;

/// <summary>
/// A workflow type (Umbraco Forms' WorkflowType, with its id): runs one outbox row. Throw to have the run retried
/// with back-off; throw <see cref="WorkflowPermanentException"/> when retrying cannot help (bad settings).
/// </summary>
public interface IFormWorkflowType
{
    Guid Id { get; }

    string Alias { get; }

    Task RunAsync(WorkflowContext context, CancellationToken ct);
}

/// <summary>A failure no retry can mend (an unknown workflow type, a missing setting): the run is Failed at once.</summary>
public sealed class WorkflowPermanentException(string message) : Exception(message);

/// <summary>What a workflow run sees: the form, the workflow, the entry and its values by alias.</summary>
/// <param name="Values">
/// Values by field alias, without the fields marked sensitive unless the workflow includes sensitive data.
/// </param>
/// <param name="Member">The member who submitted the entry (email, name and property values as text), for <c>{member.*}</c>.</param>
public sealed record WorkflowContext(
    FormDefinition Form,
    FormWorkflow Workflow,
    EntryRow Entry,
    WorkflowRunRow Run,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyDictionary<string, string>? Member,
    IReadOnlyDictionary<string, string> AdditionalData)
{
    /// <summary>
    /// The same for every attempt at this outbox row and different for every other row: an idempotency key for side
    /// effects a receiver can de-duplicate (the post-to-URL header).
    /// </summary>
    public string RunKey => $"{Entry.Key:N}-{Run.Id}";

    public string Setting(string name) =>
        Workflow.Settings.FirstOrDefault(s => string.Equals(s.Key, name, StringComparison.OrdinalIgnoreCase)).Value ?? "";

    public IEnumerable<FormField> IncludedFields => Form.AllFields.Where(f => Values.ContainsKey(f.Alias));
}
