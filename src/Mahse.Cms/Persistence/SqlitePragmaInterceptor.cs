using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Mahse.Cms.Persistence;

/// <summary>
/// With WAL on, <c>synchronous=NORMAL</c> is SQLite's recommended pairing: the database cannot corrupt, and only a
/// power cut (not a process crash) can lose the last commits. It saves an fsync on every commit.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}
