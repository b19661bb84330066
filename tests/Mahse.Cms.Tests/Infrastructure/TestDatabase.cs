using Npgsql;

namespace Mahse.Cms.Tests.Infrastructure;

/// <summary>
/// Where a test host keeps its data: a fresh SQLite file, or a fresh database on a real PostgreSQL server.
/// PostgreSQL comes from MAHSE_TEST_POSTGRES (a server connection string); without it, the local default is tried.
/// Where MAHSE_REQUIRE_POSTGRES=1 (as in CI) an unreachable server fails the tests instead of skipping them.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string ProviderName { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Why the tests cannot run here, or null when they can.</summary>
    public virtual string? SkipReason => null;

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class SqliteTestDatabase(string folder) : TestDatabase
{
    public override string ProviderName => "Microsoft.Data.Sqlite";

    public override string ConnectionString { get; } = $"Data Source={Path.Combine(folder, "umbraco", "Data", "Umbraco.sqlite.db")};Cache=Shared;Foreign Keys=True;Pooling=False";
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Timeout=3";
    private readonly string _server;
    private readonly string _database = "mahse_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _skipReason;

    private PostgresTestDatabase(string server) => _server = server;

    public override string ProviderName => "Npgsql";

    public override string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    public override string? SkipReason => _skipReason;

    public static bool Required => Environment.GetEnvironmentVariable("MAHSE_REQUIRE_POSTGRES") == "1";

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("MAHSE_TEST_POSTGRES") ?? DefaultServer;
        var database = new PostgresTestDatabase(server);
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database._database}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            if (Required)
            {
                throw new InvalidOperationException($"PostgreSQL is required here (MAHSE_REQUIRE_POSTGRES=1) but is not reachable: {ex.Message}", ex);
            }

            database._skipReason = $"No PostgreSQL server reachable ({ex.Message}); set MAHSE_TEST_POSTGRES to run these tests.";
        }

        return database;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_skipReason is not null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
