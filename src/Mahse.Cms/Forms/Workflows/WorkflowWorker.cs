using System.Text.Json;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Forms.Workflows;

public static class WorkflowRunStatus
{
    public const string Pending = "Pending";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";

    /// <summary>Claimed by the worker; a row left Running by a process that died is made Pending again at start-up.</summary>
    public const string Running = "Running";
}

/// <summary>Wakes the worker as soon as an entry's outbox rows are committed, instead of waiting for its next poll.</summary>
public sealed class WorkflowSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Nudge()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>What a workflow run sees: the form, the entry, and its values by alias.</summary>
/// <param name="Member">The signed-in member who submitted the entry (email, name and property values as text), for <c>{member.*}</c>.</param>
public sealed record WorkflowContext(
    FormDefinition Form, FormWorkflow Workflow, FormEntryRow Entry, IReadOnlyDictionary<string, IReadOnlyList<string>> ValuesByAlias,
    IReadOnlyDictionary<string, string>? Member = null)
{
    /// <summary>The same for every attempt at this workflow on this entry, for side effects that can be made idempotent (email).</summary>
    public string RunKey => $"{Entry.Key:N}.{Workflow.Id:N}";
}

/// <summary>A workflow type (Umbraco Forms' WorkflowType): runs once per outbox row; throws to be retried.</summary>
public interface IFormWorkflowType
{
    Guid Id { get; }

    Task RunAsync(WorkflowContext context, CancellationToken ct);
}

/// <summary>
/// Runs the workflow outbox in the background: due rows in order, each recorded as Succeeded, or retried with
/// exponential back-off (5 s, 10 s, 20 s … up to an hour) and recorded as Failed after the last attempt. A
/// failure never touches the entry: it is kept, and the run can be retried.
/// </summary>
public sealed class WorkflowWorker(
    IServiceScopeFactory scopes, ICmsDbContextFactory contexts, WriteGate gate, FormStore forms, WorkflowSignal signal, TimeProvider clock, ILogger<WorkflowWorker> logger) : BackgroundService
{
    public const int MaxAttempts = 8;

    // One pass at a time in this process; across processes a row is owned by whoever flips it Pending → Running.
    private readonly SemaphoreSlim _pass = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunDueAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The forms workflow worker failed a pass; it will try again");
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs the rows that are due now; returns how many it took.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        await _pass.WaitAsync(ct);
        try
        {
            return await RunPassAsync(ct);
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>Rows a killed process left Running go back to Pending (the run may repeat: at least once, never lost).</summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var recovered = await db.FormWorkflowRuns.Where(r => r.Status == WorkflowRunStatus.Running)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, WorkflowRunStatus.Pending), ct);
        if (recovered > 0)
        {
            logger.LogWarning("{Count} workflow runs were interrupted by a stop and will run again", recovered);
        }
    }

    private async Task<int> RunPassAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        var candidates = await db.FormWorkflowRuns.AsNoTracking().Where(r => r.Status == WorkflowRunStatus.Pending && r.NextAttemptAt <= now)
            .OrderBy(r => r.Id).Select(r => r.Id).Take(50).ToListAsync(ct);
        var claimed = new List<long>();
        using (await gate.EnterAsync(ct))
        {
            foreach (var id in candidates)
            {
                if (await db.FormWorkflowRuns.Where(r => r.Id == id && r.Status == WorkflowRunStatus.Pending)
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, WorkflowRunStatus.Running), ct) == 1)
                {
                    claimed.Add(id);
                }
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var due = await db.FormWorkflowRuns.Where(r => claimed.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(ct);

        await using var scope = scopes.CreateAsyncScope();
        var types = scope.ServiceProvider.GetServices<IFormWorkflowType>().ToDictionary(t => t.Id);
        foreach (var run in due)
        {
            run.Attempts++;
            try
            {
                var context = await ContextAsync(db, run, ct);
                if (!types.TryGetValue(run.WorkflowTypeId, out var type))
                {
                    throw new InvalidOperationException($"Workflow type {run.WorkflowTypeId} is not available here.");
                }

                await type.RunAsync(context, ct);
                run.Status = WorkflowRunStatus.Succeeded;
                run.CompletedAt = clock.GetUtcNow().UtcDateTime;
                run.LastError = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                run.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                if (run.Attempts >= MaxAttempts)
                {
                    run.Status = WorkflowRunStatus.Failed;
                    run.CompletedAt = clock.GetUtcNow().UtcDateTime;
                }
                else
                {
                    run.Status = WorkflowRunStatus.Pending;
                    run.NextAttemptAt = clock.GetUtcNow().UtcDateTime.Add(Backoff(run.Attempts));
                }

                logger.LogWarning(ex, "Workflow {Workflow} for entry {Entry} failed (attempt {Attempt})", run.WorkflowName, run.EntryKey, run.Attempts);
            }

            using (await gate.EnterAsync(ct))
            {
                await db.SaveChangesAsync(ct);
            }
        }

        return due.Count;
    }

    private static async Task<IReadOnlyDictionary<string, string>?> MemberAsync(CmsDbContext db, Guid? key, CancellationToken ct)
    {
        if (key is null || await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Key == key, ct) is not { } member)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (System.Text.Json.Nodes.JsonNode.Parse(member.ValuesJson) is System.Text.Json.Nodes.JsonObject properties)
        {
            foreach (var (alias, value) in properties)
            {
                values[alias] = value switch
                {
                    System.Text.Json.Nodes.JsonValue scalar => scalar.ToString(),
                    System.Text.Json.Nodes.JsonArray list => string.Join(", ", list.Select(v => v?.ToString())),
                    _ => "",
                };
            }
        }

        values["email"] = member.Email;
        values["name"] = member.Name;
        return values;
    }

    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, attempts - 1)));

    private async Task<WorkflowContext> ContextAsync(CmsDbContext db, FormWorkflowRunRow run, CancellationToken ct)
    {
        var entry = await db.FormEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Key == run.EntryKey, ct)
            ?? throw new InvalidOperationException("The entry no longer exists.");
        var form = await forms.GetAsync(run.FormKey, ct) ?? throw new InvalidOperationException("The form no longer exists.");
        var workflow = form.Workflows.FirstOrDefault(w => w.Id == run.WorkflowKey) ?? throw new InvalidOperationException("The workflow was removed from the form.");
        var byId = JsonSerializer.Deserialize<Dictionary<Guid, List<string>>>(entry.ValuesJson) ?? [];
        var byAlias = form.AllFields.Where(f => byId.ContainsKey(f.Id))
            .Where(f => workflow.IncludeSensitiveData || !f.ContainsSensitiveData)
            .ToDictionary(f => f.Alias, f => (IReadOnlyList<string>)byId[f.Id], StringComparer.Ordinal);
        return new WorkflowContext(form, workflow, entry, byAlias, await MemberAsync(db, entry.MemberKey, ct));
    }
}
