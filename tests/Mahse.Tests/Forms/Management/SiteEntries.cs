using System.Text.Json;
using Mahse.Forms.Model;
using Microsoft.Data.Sqlite;

namespace Mahse.Tests.Forms.Management;

/// <summary>
/// Entries written into the running site's SQLite database as EntryStore.AddAsync writes them (the entry, its
/// Submitted audit line and that stage's outbox rows, then, without manual approval, the automatic approval and its
/// rows), in one immediate transaction, until the delivery API that posts them lands. The values are stored by field
/// id as the delivery side stores them.
/// </summary>
public static class SiteEntries
{
    public static async Task<Guid> AddAsync(FormsManagementSite site, FormDefinition form, Dictionary<string, string[]> valuesByAlias, DateTime? created = null, Guid? memberKey = null)
    {
        var key = Guid.NewGuid();
        var now = created ?? DateTime.UtcNow;
        var values = form.AllFields.Where(f => valuesByAlias.ContainsKey(f.Alias)).ToDictionary(f => f.Id, f => valuesByAlias[f.Alias].ToList());
        var state = form.ManualApproval ? "Submitted" : "Approved";
        await using var connection = new SqliteConnection($"Data Source={site.Database};Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, transaction,
            "INSERT INTO mahseFormsEntry ([key], formKey, state, createDate, updateDate, culture, contentKey, memberKey, valuesJson, additionalData) VALUES (@key, @form, @state, @now, @now, NULL, NULL, @member, @values, NULL)",
            ("@key", key), ("@form", form.Id), ("@state", state), ("@now", now), ("@member", (object?)memberKey ?? DBNull.Value), ("@values", JsonSerializer.Serialize(values)));
        await AuditAsync(connection, transaction, key, "Submitted", now, null);
        await QueueAsync(connection, transaction, form, key, "Submitted", now);
        if (state == "Approved")
        {
            await AuditAsync(connection, transaction, key, "Approved", now, "automatic");
            await QueueAsync(connection, transaction, form, key, "Approved", now);
        }

        await transaction.CommitAsync();
        return key;
    }

    private static Task AuditAsync(SqliteConnection connection, SqliteTransaction transaction, Guid entry, string state, DateTime at, string? by) =>
        ExecuteAsync(connection, transaction, "INSERT INTO mahseFormsEntryAudit (entryKey, state, at, performedBy) VALUES (@entry, @state, @at, @by)",
            ("@entry", entry), ("@state", state), ("@at", at), ("@by", (object?)by ?? DBNull.Value));

    private static async Task QueueAsync(SqliteConnection connection, SqliteTransaction transaction, FormDefinition form, Guid entry, string stage, DateTime now)
    {
        foreach (var workflow in form.Workflows.Where(w => w.Active && string.Equals(w.ExecutesOn, stage, StringComparison.OrdinalIgnoreCase)).OrderBy(w => w.SortOrder))
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO mahseFormsWorkflowRun (entryKey, formKey, workflowKey, workflowName, workflowTypeId, stage, status, attempts, nextAttemptAt, completedAt, lastError, createDate) " +
                "VALUES (@entry, @form, @workflow, @name, @type, @stage, 'Pending', 0, @now, NULL, NULL, @now)",
                ("@entry", entry), ("@form", form.Id), ("@workflow", workflow.Id), ("@name", workflow.Name), ("@type", workflow.WorkflowTypeId), ("@stage", stage), ("@now", now));
        }
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

    /// <summary>A raw column of an entry, to check what the API left behind.</summary>
    public static async Task<long> CountAsync(FormsManagementSite site, string table, Guid entryKey)
    {
        await using var connection = new SqliteConnection($"Data Source={site.Database};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {(table == "mahseFormsEntry" ? "[key]" : "entryKey")} = @key";
        command.Parameters.AddWithValue("@key", entryKey);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
