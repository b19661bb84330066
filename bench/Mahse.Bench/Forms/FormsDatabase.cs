using System.Globalization;
using Mahse.Forms.Model;
using Microsoft.Data.Sqlite;

namespace Mahse.Bench.Forms;

/// <summary>
/// The site's SQLite database, opened by the bench to put the bench's forms in while the site is stopped (as FormStore
/// would store them: the definition as FormJson writes it, keys as Umbraco's SQLite provider writes GUIDs), to count
/// what a run left behind once it stopped, and for short reads while it runs (WAL mode: readers do not block it).
/// </summary>
public sealed class FormsDatabase(string path)
{
    /// <summary>The connection string Umbraco uses (appsettings.json; Umbraco adds Mode=ReadWrite), without pooling so no file stays open.</summary>
    public string ConnectionString { get; } = $"Data Source={path};Foreign Keys=True;Pooling=False;Mode=ReadWrite";

    public string Path => path;

    public void Insert(FormDefinition form)
    {
        using var db = Open();
        using var command = db.CreateCommand();
        command.CommandText = """
            INSERT INTO mahseFormsForm ("key", name, folderKey, definition, createDate, updateDate)
            VALUES ($key, $name, NULL, $definition, $now, $now)
            """;
        command.Parameters.AddWithValue("$key", Key(form.Id));
        command.Parameters.AddWithValue("$name", form.Name);
        command.Parameters.AddWithValue("$definition", FormJson.Serialize(form));
        command.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    public long Count(string sql, params (string Name, object Value)[] parameters)
    {
        using var db = Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public long Entries(Guid form) => Count("SELECT COUNT(*) FROM mahseFormsEntry WHERE formKey = $f", ("$f", Key(form)));

    /// <summary>Entries of a form missing their audit trail (Submitted and Approved) or their outbox rows.</summary>
    public long HalfWritten(Guid form, int outboxRowsPerEntry) => Count("""
        SELECT COUNT(*) FROM mahseFormsEntry e WHERE e.formKey = $f AND (
          (SELECT COUNT(*) FROM mahseFormsEntryAudit a WHERE a.entryKey = e."key") <> 2 OR
          (SELECT COUNT(*) FROM mahseFormsWorkflowRun r WHERE r.entryKey = e."key") <> $n)
        """, ("$f", Key(form)), ("$n", outboxRowsPerEntry));

    /// <summary>
    /// The markers (<c>{run}-{loop}-{n}</c>, the name field) of the stored entries of <paramref name="form"/> from
    /// <paramref name="run"/>, read from each entry's valuesJson; a marker stored twice appears twice.
    /// </summary>
    public List<string> Markers(Guid form, string run)
    {
        using var db = Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT valuesJson FROM mahseFormsEntry WHERE formKey = $f";
        command.Parameters.AddWithValue("$f", Key(form));
        var pattern = new System.Text.RegularExpressions.Regex("\"(" + System.Text.RegularExpressions.Regex.Escape(run) + "-[0-9]+-[0-9]+)\"");
        var markers = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(0) && pattern.Match(reader.GetString(0)) is { Success: true } match)
            {
                markers.Add(match.Groups[1].Value);
            }
        }

        return markers;
    }

    /// <summary>The outbox rows of <paramref name="form"/> by status, and how many took more than one attempt.</summary>
    public (Dictionary<string, long> ByStatus, long Retried) Runs(Guid form)
    {
        using var db = Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT status, COUNT(*), SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END) FROM mahseFormsWorkflowRun WHERE formKey = $f GROUP BY status";
        command.Parameters.AddWithValue("$f", Key(form));
        var byStatus = new Dictionary<string, long>();
        long retried = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            byStatus[reader.GetString(0)] = reader.GetInt64(1);
            retried += reader.GetInt64(2);
        }

        return (byStatus, retried);
    }

    /// <summary>Outbox rows of <paramref name="form"/> still to be worked (Pending or Running); readable while the site runs (WAL).</summary>
    public long Unfinished(Guid form) => Count(
        "SELECT COUNT(*) FROM mahseFormsWorkflowRun WHERE formKey = $f AND status IN ('Pending', 'Running')", ("$f", Key(form)));

    /// <summary>GUIDs as Umbraco's SQLite provider stores them: upper-case text.</summary>
    public static string Key(Guid key) => key.ToString("D").ToUpperInvariant();

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(ConnectionString);
        db.Open();
        return db;
    }
}
