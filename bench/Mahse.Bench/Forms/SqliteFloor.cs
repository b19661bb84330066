using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Mahse.Bench.Forms;

/// <summary>
/// SQLite's floor for the writes the site makes per accepted entry, measured in the bench's process with
/// Microsoft.Data.Sqlite (the version Umbraco's provider brings) on a copy of the site's database after the site ran:
/// same file, schema, indexes and WAL mode, Umbraco's connection string options (Foreign Keys, Pooling, ReadWrite;
/// synchronous left at SQLite's default, FULL), and per entry the same statements in one transaction: the module's
/// umbracoLock row update (what Umbraco's write lock is on SQLite), then copies of a real entry's rows — the entry,
/// its audit rows and its outbox rows, every column as the site wrote it except new keys.
/// <para>
/// Two ways of running C writers: <b>contending</b>, each on its own connection as C requests each in their own
/// scope would be, left to SQLite's locking and Microsoft.Data.Sqlite's busy handling (it retries a busy statement
/// after sleeping 150 ms); and <b>one writer at a time</b>, the same C loops taking turns on an in-process gate, so
/// SQLite never answers busy. The second is the floor: one transaction per entry, nothing else.
/// </para>
/// </summary>
public sealed class SqliteFloor(string databasePath, int connections)
{
    private string ConnectionString => $"Data Source={databasePath};Foreign Keys=True;Pooling=True;Mode=ReadWrite";

    /// <summary>The rows the site wrote for one entry of <paramref name="form"/> (its newest), to be copied.</summary>
    public EntryRows Sample(Guid form)
    {
        using var db = new SqliteConnection(ConnectionString);
        db.Open();
        var entry = Rows(db, "SELECT * FROM mahseFormsEntry WHERE formKey = $k ORDER BY id DESC LIMIT 1", FormsDatabase.Key(form)).SingleOrDefault()
            ?? throw new BenchFailedException($"The site stored no entry of form {form} to copy for the floor.");
        var key = (string)entry["key"]!;
        return new EntryRows(
            entry,
            Rows(db, "SELECT * FROM mahseFormsEntryAudit WHERE entryKey = $k ORDER BY id", key),
            Rows(db, "SELECT * FROM mahseFormsWorkflowRun WHERE entryKey = $k ORDER BY id", key));
    }

    public string Pragmas()
    {
        using var db = new SqliteConnection(ConnectionString);
        db.Open();
        string Pragma(string name)
        {
            using var command = db.CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        return $"journal_mode={Pragma("journal_mode")}, synchronous={Pragma("synchronous")} (2 = FULL), SQLite {db.ServerVersion}";
    }

    public FloorResult Run(EntryRows rows, bool oneWriter, TimeSpan duration)
    {
        var gate = new object();
        var latencies = new List<double>[connections];
        var busy = 0;
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, connections).Select(n => new Thread(() =>
        {
            var mine = latencies[n] = [];
            using var db = new SqliteConnection(ConnectionString);
            db.Open();
            var statements = Prepare(db, rows);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                if (oneWriter)
                {
                    lock (gate)
                    {
                        WriteOne(db, statements, rows, ref busy);
                    }
                }
                else
                {
                    WriteOne(db, statements, rows, ref busy);
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            foreach (var statement in statements)
            {
                statement.Dispose();
            }
        }) { IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new FloorResult(all.Length / clock.Elapsed.TotalSeconds, At(all, 0.5), At(all, 0.99), busy);
    }

    private static double At(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static void WriteOne(SqliteConnection db, List<SqliteCommand> statements, EntryRows rows, ref int busy)
    {
        var key = FormsDatabase.Key(Guid.NewGuid());
        // Deferred, as Umbraco's SQLite connections begin them; the lock row update is the first statement, as
        // EagerWriteLock makes it in the site, so the transaction becomes the writer before it writes anything else.
        using var transaction = db.BeginTransaction(deferred: true);
        foreach (var statement in statements)
        {
            statement.Transaction = transaction;
            if (statement.Parameters.Contains("$key"))
            {
                statement.Parameters["$key"].Value = key;
            }
        }

        var lockStarted = Stopwatch.GetTimestamp();
        statements[0].ExecuteNonQuery();
        if (Stopwatch.GetElapsedTime(lockStarted).TotalMilliseconds > 100)
        {
            Interlocked.Increment(ref busy); // waited out at least one of Microsoft.Data.Sqlite's 150 ms busy sleeps
        }

        foreach (var statement in statements.Skip(1))
        {
            statement.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The lock row update, then one INSERT per sampled row with its own values, the entry key as $key.</summary>
    private static List<SqliteCommand> Prepare(SqliteConnection db, EntryRows rows)
    {
        var statements = new List<SqliteCommand>();
        var lockRow = db.CreateCommand();
        lockRow.CommandText = "UPDATE umbracoLock SET value = (CASE WHEN (value=1) THEN -1 ELSE 1 END) WHERE id = -51301";
        statements.Add(lockRow);
        statements.Add(Insert(db, "mahseFormsEntry", rows.Entry, "key"));
        statements.AddRange(rows.Audit.Select(r => Insert(db, "mahseFormsEntryAudit", r, "entryKey")));
        statements.AddRange(rows.Outbox.Select(r => Insert(db, "mahseFormsWorkflowRun", r, "entryKey")));
        return statements;
    }

    private static SqliteCommand Insert(SqliteConnection db, string table, IReadOnlyDictionary<string, object?> row, string keyColumn)
    {
        var columns = row.Keys.Where(c => c != "id").ToList();
        var command = db.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((c, i) => c == keyColumn ? "$key" : $"$p{i}"))})";
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.AddWithValue(columns[i] == keyColumn ? "$key" : $"$p{i}", row[columns[i]] ?? DBNull.Value);
        }

        return command;
    }

    private static List<Dictionary<string, object?>> Rows(SqliteConnection db, string sql, string key)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$k", key);
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }
}

/// <summary>One entry's rows as the site wrote them: the entry, its audit rows, its outbox rows.</summary>
public sealed record EntryRows(Dictionary<string, object?> Entry, List<Dictionary<string, object?>> Audit, List<Dictionary<string, object?>> Outbox)
{
    public int Count => 1 + Audit.Count + Outbox.Count;

    public int Bytes => new[] { Entry }.Concat(Audit).Concat(Outbox).Sum(r => r.Values.Sum(v => v is string s ? s.Length : 8));
}

public sealed record FloorResult(double PerSecond, double P50, double P99, int BusyWaits);
