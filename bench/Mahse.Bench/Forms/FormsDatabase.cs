using System.Globalization;
using Mahse.Forms.Model;
using Microsoft.Data.Sqlite;

namespace Mahse.Bench.Forms;

/// <summary>
/// The site's SQLite database, opened by the bench only while the site is stopped: to put the bench's forms in (as
/// FormStore would store them: the definition as FormJson writes it, keys as Umbraco's SQLite provider writes GUIDs)
/// and to count what a run left behind.
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

    /// <summary>GUIDs as Umbraco's SQLite provider stores them: upper-case text.</summary>
    public static string Key(Guid key) => key.ToString("D").ToUpperInvariant();

    private SqliteConnection Open()
    {
        var db = new SqliteConnection(ConnectionString);
        db.Open();
        return db;
    }
}
