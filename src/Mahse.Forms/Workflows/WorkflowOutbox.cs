using Mahse.Forms.Storage;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Forms.Workflows;

/// <summary>
/// The worker's side of the outbox (<see cref="WorkflowRunRow"/>): claim due runs, record their outcome. Every method
/// is one Umbraco scope that takes the forms write lock before it reads, as every writer of our tables does.
/// </summary>
/// <remarks>
/// <para>
/// <b>Claim, then act, then record.</b> A claim commits <c>Running</c>, one more attempt and a lease (the run's
/// <c>nextAttemptAt</c> becomes the lease's end) before the workflow does anything. Outcomes are recorded only by the
/// holder of the claim: a completion is applied when the row is still Running with the attempt number the claim
/// gave it (a fencing token), so a worker whose lease expired and whose run was claimed again cannot overwrite the
/// newer attempt.
/// </para>
/// <para>
/// <b>What a crash does.</b> Rows claimed but not yet started are simply claimed again once the lease expires: they
/// ran zero times and run once. The only row that can run twice is one whose side effect had happened when the
/// process died but whose outcome was not yet committed. For post-to-URL the receiver can drop the repeat (the
/// Idempotency-Key header is the same for every attempt at a row); creating a member, adding to a group and changing
/// the entry's state look before they write, so a repeat changes nothing; an email that the SMTP server accepted in
/// those few milliseconds is sent again. That is at-least-once, not exactly-once: no SMTP server takes part in our
/// transaction, and the alternative (not resending a run that may have sent) would lose mail instead.
/// </para>
/// </remarks>
public sealed class WorkflowOutbox
{
    private readonly IScopeProvider _scopes;
    private readonly FormsWriteGate _gate;
    private readonly TimeProvider _clock;
    private readonly GroupCommit<(WorkflowRunRow Claimed, Action<WorkflowRunRow> Change), bool> _outcomes;

    public WorkflowOutbox(IScopeProvider scopes, FormsWriteGate gate, TimeProvider clock)
    {
        _scopes = scopes;
        _gate = gate;
        _clock = clock;
        _outcomes = new(RecordManyAsync);
    }

    /// <summary>A claimed run: the row as claimed, and whether an earlier claim of it was abandoned (its lease ran out).</summary>
    public sealed record Claim(WorkflowRunRow Row, bool Resumed);

    /// <summary>
    /// Claims up to <paramref name="max"/> runs that are due: Pending rows whose time has come and Running rows whose
    /// lease has expired, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<Claim>> ClaimDueAsync(int max, TimeSpan lease, CancellationToken ct = default)
    {
        // Look before locking: the worker polls every few seconds, and a write transaction on every poll would commit
        // to SQLite even when nothing is due — and every commit can force another connection's read-then-write
        // transaction (Umbraco's own saves) to start over.
        if (!await AnyDueAsync())
        {
            return [];
        }

        using var turn = await _gate.EnterAsync();
        using var scope = _scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var now = _clock.GetUtcNow().UtcDateTime;
        const string pending = WorkflowRunStatus.Pending, running = WorkflowRunStatus.Running;
        var sql = scope.SqlContext.Sql().SelectAll().From<WorkflowRunRow>()
            .Where<WorkflowRunRow>(r => (r.Status == pending || r.Status == running) && r.NextAttemptAt <= now)
            .OrderBy<WorkflowRunRow>(r => r.NextAttemptAt).OrderBy<WorkflowRunRow>(r => r.Id)
            .SelectTop(Math.Max(1, max));
        var rows = await scope.Database.FetchAsync<WorkflowRunRow>(sql);
        var claims = new List<Claim>(rows.Count);
        foreach (var row in rows)
        {
            var resumed = row.Status == WorkflowRunStatus.Running;
            row.Status = WorkflowRunStatus.Running;
            row.Attempts++;
            row.NextAttemptAt = now + lease;
            await scope.Database.UpdateAsync(row);
            claims.Add(new Claim(row, resumed));
        }

        scope.Complete();
        return claims;
    }

    private async Task<bool> AnyDueAsync()
    {
        using var scope = _scopes.CreateScope(autoComplete: true);
        var now = _clock.GetUtcNow().UtcDateTime;
        const string pending = WorkflowRunStatus.Pending, running = WorkflowRunStatus.Running;
        var sql = scope.SqlContext.Sql().SelectCount().From<WorkflowRunRow>()
            .Where<WorkflowRunRow>(r => (r.Status == pending || r.Status == running) && r.NextAttemptAt <= now);
        return await scope.Database.ExecuteScalarAsync<long>(sql) > 0;
    }

    public Task<bool> SucceedAsync(WorkflowRunRow claimed, string? note = null, CancellationToken ct = default) =>
        RecordAsync(claimed, row =>
        {
            row.Status = WorkflowRunStatus.Succeeded;
            row.CompletedAt = _clock.GetUtcNow().UtcDateTime;
            row.LastError = note;
        });

    /// <summary>Records a failed attempt: Pending again at <paramref name="retryAt"/>, or Failed for good when null.</summary>
    public Task<bool> FailAsync(WorkflowRunRow claimed, string error, DateTime? retryAt, CancellationToken ct = default) =>
        RecordAsync(claimed, row =>
        {
            row.LastError = error.Length > 4000 ? error[..4000] : error;
            if (retryAt is { } at)
            {
                row.Status = WorkflowRunStatus.Pending;
                row.NextAttemptAt = at;
            }
            else
            {
                row.Status = WorkflowRunStatus.Failed;
                row.CompletedAt = _clock.GetUtcNow().UtcDateTime;
            }
        });

    /// <summary>
    /// Puts a Failed (or Succeeded) run back in the queue with its attempts reset, as Umbraco Forms' "Retry" does;
    /// false when the run is missing or still queued. Nudge <see cref="WorkflowSignal"/> afterwards.
    /// </summary>
    public async Task<bool> RetryAsync(long runId, CancellationToken ct = default)
    {
        using var turn = await _gate.EnterAsync();
        using var scope = _scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var row = await scope.Database.FirstOrDefaultAsync<WorkflowRunRow>(scope.SqlContext.Sql().SelectAll().From<WorkflowRunRow>().Where<WorkflowRunRow>(r => r.Id == runId));
        if (row is null || row.Status is WorkflowRunStatus.Pending or WorkflowRunStatus.Running)
        {
            return false;
        }

        row.Status = WorkflowRunStatus.Pending;
        row.Attempts = 0;
        row.NextAttemptAt = _clock.GetUtcNow().UtcDateTime;
        row.CompletedAt = null;
        await scope.Database.UpdateAsync(row);
        scope.Complete();
        return true;
    }

    /// <summary>Links an entry to the member a workflow created or found, when the entry has none yet.</summary>
    public async Task LinkMemberAsync(Guid entryKey, Guid memberKey, CancellationToken ct = default)
    {
        using var turn = await _gate.EnterAsync();
        using var scope = _scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var entry = await scope.Database.FirstOrDefaultAsync<EntryRow>(scope.SqlContext.Sql().SelectAll().From<EntryRow>().Where<EntryRow>(e => e.Key == entryKey));
        if (entry is { MemberKey: null })
        {
            entry.MemberKey = memberKey;
            await scope.Database.UpdateAsync(entry);
        }

        scope.Complete();
    }

    /// <summary>
    /// Records an outcome. Outcomes recorded at the same time (the worker runs several entries at once) are committed
    /// together: one write per outcome would cost as many SQLite commits as entries, beside the submissions'.
    /// </summary>
    private Task<bool> RecordAsync(WorkflowRunRow claimed, Action<WorkflowRunRow> change) => _outcomes.AddAsync((claimed, change));

    private async Task<IReadOnlyList<bool>> RecordManyAsync(IReadOnlyList<(WorkflowRunRow Claimed, Action<WorkflowRunRow> Change)> outcomes)
    {
        using var turn = await _gate.EnterAsync();
        using var scope = _scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var recorded = new List<bool>(outcomes.Count);
        foreach (var (claimed, change) in outcomes)
        {
            var id = claimed.Id;
            var row = await scope.Database.FirstOrDefaultAsync<WorkflowRunRow>(scope.SqlContext.Sql().SelectAll().From<WorkflowRunRow>().Where<WorkflowRunRow>(r => r.Id == id));

            // The fence: only the claim that gave the row its current attempt number may record its outcome (a deleted
            // entry takes its runs with it, so the row may also be gone).
            if (row is null || row.Status != WorkflowRunStatus.Running || row.Attempts != claimed.Attempts)
            {
                recorded.Add(false);
                continue;
            }

            change(row);
            await scope.Database.UpdateAsync(row);
            recorded.Add(true);
        }

        scope.Complete();
        return recorded;
    }
}
