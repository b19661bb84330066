using System.Globalization;
using System.Text.Json;
using Mahse.Forms.Model;
using Microsoft.Data.Sqlite;

namespace Mahse.Tests.Forms.Workflows;

/// <summary>
/// Writes forms and entries into a running site's SQLite database exactly as FormStore and EntryStore write them
/// (one immediate transaction that also flips the forms lock row, GUIDs as upper-case text, dates as
/// Microsoft.Data.Sqlite writes them), and reads the outbox back. Until the Forms delivery API lands, this is how the
/// workflow tests get entries the way a 202 would leave them.
/// </summary>
public sealed class FormsDatabase(string contentRoot)
{
    public sealed record Run(long Id, Guid EntryKey, Guid WorkflowKey, string Stage, string Status, int Attempts, DateTime NextAttemptAt, DateTime? CompletedAt, string? LastError);

    public sealed record Entry(Guid Key, string State, Guid? MemberKey, DateTime UpdateDate);

    private string Path => System.IO.Path.Combine(contentRoot, "umbraco", "Data", "Umbraco.sqlite.db");

    public static string Text(Guid key) => key.ToString("D").ToUpperInvariant();

    public static string Text(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public async Task SaveFormAsync(FormDefinition form)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            var now = Text(DateTime.UtcNow);
            await ExecuteAsync(connection, transaction, "INSERT INTO mahseFormsForm (\"key\", name, folderKey, definition, createDate, updateDate) VALUES ($key, $name, NULL, $definition, $now, $now)",
                ("$key", Text(form.Id)), ("$name", form.Name), ("$definition", FormJson.Serialize(form)), ("$now", now));
        });
    }

    /// <summary>
    /// An entry as EntryStore.AddAsync stores it: the row, audit "Submitted", the Submitted stage's outbox rows, and
    /// without manual approval audit "Approved" and the Approved stage's rows. <paramref name="age"/> back-dates it.
    /// </summary>
    public async Task<Guid> AddEntryAsync(FormDefinition form, IReadOnlyDictionary<string, string[]> valuesByAlias,
        Dictionary<string, string>? additionalData = null, TimeSpan age = default, Guid? memberKey = null, Guid? key = null)
    {
        var entryKey = key ?? Guid.NewGuid();
        var values = form.AllFields.Where(f => valuesByAlias.ContainsKey(f.Alias)).ToDictionary(f => f.Id, f => valuesByAlias[f.Alias].ToList());
        var at = Text(DateTime.UtcNow - age);
        var state = form.ManualApproval ? "Submitted" : "Approved";
        await WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO mahseFormsEntry (\"key\", formKey, state, createDate, updateDate, culture, contentKey, memberKey, valuesJson, additionalData) " +
                "VALUES ($key, $form, $state, $at, $at, NULL, NULL, $member, $values, $data)",
                ("$key", Text(entryKey)), ("$form", Text(form.Id)), ("$state", state), ("$at", at), ("$member", memberKey is { } m ? Text(m) : DBNull.Value),
                ("$values", JsonSerializer.Serialize(values)), ("$data", additionalData is { Count: > 0 } ? JsonSerializer.Serialize(additionalData) : DBNull.Value));
            await AuditAndQueueAsync(connection, transaction, form, entryKey, "Submitted", null, at);
            if (state == "Approved")
            {
                await AuditAndQueueAsync(connection, transaction, form, entryKey, "Approved", "automatic", at);
            }
        });
        return entryKey;
    }

    /// <summary>A run row written directly (e.g. one a killed process left Running).</summary>
    public async Task<long> AddRunAsync(Guid entryKey, FormDefinition form, FormWorkflow workflow, string status, int attempts, DateTime nextAttemptAt)
    {
        long id = 0;
        await WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO mahseFormsWorkflowRun (entryKey, formKey, workflowKey, workflowName, workflowTypeId, stage, status, attempts, nextAttemptAt, completedAt, lastError, createDate) " +
                "VALUES ($entry, $form, $workflow, $name, $type, $stage, $status, $attempts, $next, NULL, NULL, $now)",
                ("$entry", Text(entryKey)), ("$form", Text(form.Id)), ("$workflow", Text(workflow.Id)), ("$name", workflow.Name), ("$type", Text(workflow.WorkflowTypeId)),
                ("$stage", workflow.ExecutesOn), ("$status", status), ("$attempts", attempts), ("$next", Text(nextAttemptAt)), ("$now", Text(DateTime.UtcNow)));
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT last_insert_rowid()";
            id = (long)(await command.ExecuteScalarAsync())!;
        });
        return id;
    }

    public async Task<IReadOnlyList<Run>> RunsAsync(Guid entryKey)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, entryKey, workflowKey, stage, status, attempts, nextAttemptAt, completedAt, lastError FROM mahseFormsWorkflowRun WHERE entryKey = $entry ORDER BY id";
        command.Parameters.AddWithValue("$entry", Text(entryKey));
        var runs = new List<Run>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            runs.Add(new Run(reader.GetInt64(0), Guid.Parse(reader.GetString(1)), Guid.Parse(reader.GetString(2)), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                DateTime.Parse(reader.GetString(6), CultureInfo.InvariantCulture), reader.IsDBNull(7) ? null : DateTime.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return runs;
    }

    /// <summary>Waits until every run of the entry is finished (Succeeded or Failed), or at least <paramref name="count"/> runs exist and are.</summary>
    public async Task<IReadOnlyList<Run>> WaitForRunsAsync(Guid entryKey, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        IReadOnlyList<Run> runs = [];
        while (DateTime.UtcNow < deadline)
        {
            runs = await RunsAsync(entryKey);
            if (runs.Count >= count && runs.All(r => r.Status is "Succeeded" or "Failed"))
            {
                return runs;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The runs of entry {entryKey} did not finish: {string.Join("; ", runs)}");
    }

    public async Task<Entry?> EntryAsync(Guid key)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"key\", state, memberKey, updateDate FROM mahseFormsEntry WHERE \"key\" = $key";
        command.Parameters.AddWithValue("$key", Text(key));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new Entry(Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.IsDBNull(2) ? null : Guid.Parse(reader.GetString(2)), DateTime.Parse(reader.GetString(3), CultureInfo.InvariantCulture))
            : null;
    }

    public async Task<IReadOnlyList<string>> AuditAsync(Guid key)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state || ' by ' || COALESCE(performedBy, '') FROM mahseFormsEntryAudit WHERE entryKey = $key ORDER BY id";
        command.Parameters.AddWithValue("$key", Text(key));
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }

    private static async Task AuditAndQueueAsync(SqliteConnection connection, SqliteTransaction transaction, FormDefinition form, Guid key, string stage, string? by, string at)
    {
        await ExecuteAsync(connection, transaction, "INSERT INTO mahseFormsEntryAudit (entryKey, state, at, performedBy) VALUES ($key, $state, $at, $by)",
            ("$key", Text(key)), ("$state", stage), ("$at", at), ("$by", (object?)by ?? DBNull.Value));
        foreach (var workflow in form.Workflows.Where(w => w.Active && string.Equals(w.ExecutesOn, stage, StringComparison.OrdinalIgnoreCase)).OrderBy(w => w.SortOrder))
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO mahseFormsWorkflowRun (entryKey, formKey, workflowKey, workflowName, workflowTypeId, stage, status, attempts, nextAttemptAt, completedAt, lastError, createDate) " +
                "VALUES ($entry, $form, $workflow, $name, $type, $stage, 'Pending', 0, $at, NULL, NULL, $at)",
                ("$entry", Text(key)), ("$form", Text(form.Id)), ("$workflow", Text(workflow.Id)), ("$name", workflow.Name), ("$type", Text(workflow.WorkflowTypeId)),
                ("$stage", stage), ("$at", at));
        }
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False;Default Timeout=60");
        await connection.OpenAsync();
        return connection;
    }

    private async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> write)
    {
        await using var connection = await OpenAsync();
        await using var transaction = connection.BeginTransaction(deferred: false);
        // The forms lock row first, as every writer of these tables does (FormsLocks.Forms).
        await ExecuteAsync(connection, transaction, "UPDATE umbracoLock SET value = (CASE WHEN (value=1) THEN -1 ELSE 1 END) WHERE id = -51301");
        await write(connection, transaction);
        await transaction.CommitAsync();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
