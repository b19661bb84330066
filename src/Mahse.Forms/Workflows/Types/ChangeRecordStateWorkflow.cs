using Mahse.Forms.Model;
using Mahse.Forms.Retention;
using Mahse.Forms.Storage;

namespace Mahse.Forms.Workflows.Types;

/// <summary>
/// Umbraco Forms' "Change record state": when the entry contains any of <c>Words</c> (comma-separated, any case; no
/// words: always), <c>Action</c> approves, rejects or deletes it (with its files). Approving or rejecting goes through
/// <see cref="EntryStore.SetStateAsync"/> (audit line and that stage's workflows); an entry already in that state is
/// left alone, so a repeat of the run changes nothing.
/// </summary>
public sealed class ChangeRecordStateWorkflow(EntryStore entries, EntryFiles files) : IFormWorkflowType
{
    public Guid Id => FormWorkflowTypes.ChangeRecordState;

    public string Alias => "changeRecordState";

    public async Task RunAsync(WorkflowContext context, CancellationToken ct)
    {
        var words = context.Setting("Words").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = context.Values.Values.SelectMany(v => v);
        if (words.Length > 0 && !text.Any(value => words.Any(word => value.Contains(word, StringComparison.OrdinalIgnoreCase))))
        {
            return;
        }

        var by = $"workflow: {context.Workflow.Name}";
        switch (context.Setting("Action").Trim().ToLowerInvariant())
        {
            case "approve" or "approved":
                await entries.SetStateAsync(context.Form, context.Entry.Key, EntryStates.Approved, by, ct);
                break;
            case "reject" or "rejected":
                await entries.SetStateAsync(context.Form, context.Entry.Key, EntryStates.Rejected, by, ct);
                break;
            case "delete" or "deleted":
                files.Delete(context.Form, await entries.DeleteAsync([context.Entry.Key], ct));
                break;
            default:
                throw new WorkflowPermanentException($"The Action \"{context.Setting("Action")}\" is not one of Approve, Reject and Delete.");
        }
    }
}
