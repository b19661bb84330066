using System.Text.Json;
using Mahse.Forms.Model;
using NPoco;
using Umbraco.Cms.Infrastructure.Persistence;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Forms.Storage;

/// <summary>
/// Entries, their audit trail and their workflow outbox rows. An entry and the outbox rows of its stage(s) are written
/// in one Umbraco scope, so an entry that got its 202 is never without its workflows, and no workflow runs for an
/// entry that was not stored. Writers take their turn at <see cref="FormsWriteGate"/> before the SQLite write lock,
/// and concurrent new entries are committed together (<see cref="GroupCommit{TItem, TResult}"/>).
/// </summary>
public sealed class EntryStore
{
    private readonly IScopeProvider _scopes;
    private readonly IScopeAccessor _scopeAccessor;
    private readonly FormsWriteGate _gate;
    private readonly TimeProvider _clock;
    private readonly GroupCommit<(FormDefinition Form, NewEntry Entry), EntryRow> _commits;

    public EntryStore(IScopeProvider scopes, IScopeAccessor scopeAccessor, FormsWriteGate gate, TimeProvider clock)
    {
        _scopes = scopes;
        _scopeAccessor = scopeAccessor;
        _gate = gate;
        _clock = clock;
        _commits = new(entries => AddManyAsync(entries));
    }

    /// <summary>
    /// Stores a new entry; without manual approval it is approved at once (Umbraco's RecordService.Submit). The task
    /// completes once the entry is committed, together with whatever other entries were submitted meanwhile. It is not
    /// cancelled by <paramref name="ct"/>: a caller that stopped waiting could not tell a stored entry from a lost one.
    /// Inside an ambient scope the entry is written in it, at once, and commits with it.
    /// </summary>
    public async Task<EntryRow> AddAsync(FormDefinition form, NewEntry entry, CancellationToken ct = default)
    {
        if (_scopeAccessor.AmbientScope is null)
        {
            return await _commits.AddAsync((form, entry));
        }

        using var scope = _scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var row = await InsertAsync(scope, form, entry);
        scope.Complete();
        return row;
    }

    /// <summary>Stores many entries in one transaction (for batching writers and imports); all or none.</summary>
    public async Task<IReadOnlyList<EntryRow>> AddManyAsync(IReadOnlyList<(FormDefinition Form, NewEntry Entry)> entries, CancellationToken ct = default)
    {
        using var turn = await _gate.EnterAsync(ct);
        using var scope = _scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var rows = new List<EntryRow>(entries.Count);
        foreach (var (form, entry) in entries)
        {
            rows.Add(await InsertAsync(scope, form, entry));
        }

        scope.Complete();
        return rows;
    }

    private async Task<EntryRow> InsertAsync(IScope scope, FormDefinition form, NewEntry entry)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var state = form.ManualApproval ? EntryStates.Submitted : EntryStates.Approved;
        var row = new EntryRow
        {
            Key = entry.Key,
            FormKey = form.Id,
            State = state,
            CreateDate = now,
            UpdateDate = now,
            Culture = entry.Culture,
            ContentKey = entry.ContentKey,
            MemberKey = entry.MemberKey,
            Values = JsonSerializer.Serialize(entry.Values),
            AdditionalData = entry.AdditionalData is { Count: > 0 } ? JsonSerializer.Serialize(entry.AdditionalData) : null,
        };
        await scope.Database.InsertAsync(row);
        await scope.Database.InsertAsync(new EntryAuditRow { EntryKey = row.Key, State = EntryStates.Submitted, At = now, By = entry.By });
        await QueueAsync(scope, form, row.Key, EntryStates.Submitted, now);
        if (state == EntryStates.Approved)
        {
            await scope.Database.InsertAsync(new EntryAuditRow { EntryKey = row.Key, State = EntryStates.Approved, At = now, By = "automatic" });
            await QueueAsync(scope, form, row.Key, EntryStates.Approved, now);
        }

        return row;
    }

    public async Task<EntryRow?> GetAsync(Guid key, CancellationToken ct = default)
    {
        using var scope = _scopes.CreateScope(autoComplete: true);
        return await scope.Database.FirstOrDefaultAsync<EntryRow>(scope.SqlContext.Sql().SelectAll().From<EntryRow>().Where<EntryRow>(e => e.Key == key));
    }

    public async Task<IReadOnlyList<EntryAuditRow>> AuditAsync(Guid entryKey, CancellationToken ct = default)
    {
        using var scope = _scopes.CreateScope(autoComplete: true);
        return await scope.Database.FetchAsync<EntryAuditRow>(scope.SqlContext.Sql().SelectAll().From<EntryAuditRow>()
            .Where<EntryAuditRow>(a => a.EntryKey == entryKey).OrderBy<EntryAuditRow>(a => a.Id));
    }

    public async Task<IReadOnlyList<WorkflowRunRow>> WorkflowRunsAsync(Guid entryKey, CancellationToken ct = default)
    {
        using var scope = _scopes.CreateScope(autoComplete: true);
        return await scope.Database.FetchAsync<WorkflowRunRow>(scope.SqlContext.Sql().SelectAll().From<WorkflowRunRow>()
            .Where<WorkflowRunRow>(r => r.EntryKey == entryKey).OrderBy<WorkflowRunRow>(r => r.Id));
    }

    /// <summary>A page of a form's entries, newest first, with the total that match.</summary>
    public async Task<(IReadOnlyList<EntryRow> Items, long Total)> QueryAsync(Guid formKey, EntryFilter filter, CancellationToken ct = default)
    {
        using var scope = _scopes.CreateScope(autoComplete: true);
        var total = await scope.Database.ExecuteScalarAsync<long>(Filtered(scope.SqlContext.Sql().SelectCount().From<EntryRow>(), formKey, filter));
        if (filter.Take <= 0 || filter.Skip >= total)
        {
            return ([], total);
        }

        // Skip and take as given (a page number from skip / take would misplace a skip that is not a multiple of take).
        var sql = Filtered(scope.SqlContext.Sql().SelectAll().From<EntryRow>(), formKey, filter)
            .OrderByDescending<EntryRow>(e => e.CreateDate).OrderByDescending<EntryRow>(e => e.Id);
        return (await scope.Database.SkipTakeAsync<EntryRow>(filter.Skip, filter.Take, sql), total);
    }

    private static Sql<ISqlContext> Filtered(Sql<ISqlContext> sql, Guid formKey, EntryFilter filter)
    {
        sql = sql.Where<EntryRow>(e => e.FormKey == formKey);
        if (filter.State is { Length: > 0 } state)
        {
            sql = sql.Where<EntryRow>(e => e.State == state);
        }

        if (filter.From is { } from)
        {
            sql = sql.Where<EntryRow>(e => e.CreateDate >= from);
        }

        if (filter.To is { } to)
        {
            sql = sql.Where<EntryRow>(e => e.CreateDate < to);
        }

        if (filter.Text is { Length: > 0 } text)
        {
            sql = sql.Where("valuesJson LIKE @0 ESCAPE '\\'", $"%{text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_")}%");
        }

        return sql;
    }

    /// <summary>
    /// Moves an entry to Approved or Rejected: the audit line and the stage's workflows in one scope. False when the
    /// entry is missing or already in that state.
    /// </summary>
    public async Task<bool> SetStateAsync(FormDefinition form, Guid entryKey, string state, string by, CancellationToken ct = default)
    {
        using var turn = await _gate.EnterAsync(ct);
        using var scope = _scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var row = await scope.Database.FirstOrDefaultAsync<EntryRow>(scope.SqlContext.Sql().SelectAll().From<EntryRow>().Where<EntryRow>(e => e.Key == entryKey));
        if (row is null || row.State == state)
        {
            return false;
        }

        var now = _clock.GetUtcNow().UtcDateTime;
        row.State = state;
        row.UpdateDate = now;
        await scope.Database.UpdateAsync(row);
        await scope.Database.InsertAsync(new EntryAuditRow { EntryKey = row.Key, State = state, At = now, By = by });
        await QueueAsync(scope, form, row.Key, state, now);
        scope.Complete();
        return true;
    }

    /// <summary>Deletes entries with their audit and workflow rows; returns the rows deleted (for their files).</summary>
    public async Task<IReadOnlyList<EntryRow>> DeleteAsync(IReadOnlyCollection<Guid> entryKeys, CancellationToken ct = default)
    {
        if (entryKeys.Count == 0)
        {
            return [];
        }

        using var turn = await _gate.EnterAsync(ct);
        using var scope = _scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var db = scope.Database;
        var rows = await db.FetchAsync<EntryRow>(scope.SqlContext.Sql().SelectAll().From<EntryRow>().WhereIn<EntryRow>(e => e.Key, entryKeys));
        var keys = rows.Select(r => r.Key).ToList();
        if (keys.Count > 0)
        {
            await db.ExecuteAsync(scope.SqlContext.Sql().Delete<EntryAuditRow>().WhereIn<EntryAuditRow>(a => a.EntryKey, keys));
            await db.ExecuteAsync(scope.SqlContext.Sql().Delete<WorkflowRunRow>().WhereIn<WorkflowRunRow>(r => r.EntryKey, keys));
            await db.ExecuteAsync(scope.SqlContext.Sql().Delete<EntryRow>().WhereIn<EntryRow>(e => e.Key, keys));
        }

        scope.Complete();
        return rows;
    }

    private static async Task QueueAsync(IScope scope, FormDefinition form, Guid entryKey, string stage, DateTime now)
    {
        foreach (var workflow in form.Workflows.Where(w => w.Active && string.Equals(w.ExecutesOn, stage, StringComparison.OrdinalIgnoreCase)).OrderBy(w => w.SortOrder))
        {
            await scope.Database.InsertAsync(new WorkflowRunRow
            {
                EntryKey = entryKey,
                FormKey = form.Id,
                WorkflowKey = workflow.Id,
                WorkflowName = workflow.Name,
                WorkflowTypeId = workflow.WorkflowTypeId,
                Stage = stage,
                Status = WorkflowRunStatus.Pending,
                NextAttemptAt = now,
                CreateDate = now,
            });
        }
    }

    public static Dictionary<Guid, List<string>> ValuesOf(EntryRow row) =>
        JsonSerializer.Deserialize<Dictionary<Guid, List<string>>>(row.Values) ?? [];
}

/// <summary>An accepted entry to store: values by field id (uploads already written, as their stored paths).</summary>
public sealed record NewEntry(
    Guid Key,
    Dictionary<Guid, List<string>> Values,
    string? Culture = null,
    Guid? ContentKey = null,
    Guid? MemberKey = null,
    Dictionary<string, string>? AdditionalData = null,
    string? By = null);

public sealed record EntryFilter(string? State = null, DateTime? From = null, DateTime? To = null, string? Text = null, int Skip = 0, int Take = 50);
