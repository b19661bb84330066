using Microsoft.Extensions.Configuration;

namespace Mahse.Cms.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// Reads Umbraco's connection string keys: <c>ConnectionStrings:umbracoDbDSN</c> and
/// <c>ConnectionStrings:umbracoDbDSN_ProviderName</c>. Without them the site runs on an embedded SQLite file at
/// <c>umbraco/Data/Umbraco.sqlite.db</c> under the content root, as a fresh Umbraco install does.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string ConnectionStringName = "umbracoDbDSN";
    public const string DefaultSqliteFile = "Umbraco.sqlite.db";

    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var dataDirectory = Path.Combine(contentRoot, "umbraco", "Data");
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var providerName = configuration.GetConnectionString(ConnectionStringName + "_ProviderName")
                           ?? configuration[$"ConnectionStrings:{ConnectionStringName}_ProviderName"];

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(dataDirectory);
            return new DatabaseSettings(
                DatabaseProvider.Sqlite,
                $"Data Source={Path.Combine(dataDirectory, DefaultSqliteFile)};Cache=Shared;Foreign Keys=True;Pooling=True");
        }

        var provider = providerName?.Trim() switch
        {
            null or "" or "Microsoft.Data.Sqlite" or "Microsoft.Data.SQLite" or "Sqlite" or "SQLite" => DatabaseProvider.Sqlite,
            "Npgsql" or "Npgsql2" or "PostgreSQL" => DatabaseProvider.PostgreSql,
            var other => throw new InvalidOperationException(
                $"Database provider '{other}' in ConnectionStrings:{ConnectionStringName}_ProviderName is not supported; use 'Microsoft.Data.Sqlite' or 'Npgsql'."),
        };

        if (provider == DatabaseProvider.Sqlite && connectionString.Contains("|DataDirectory|", StringComparison.OrdinalIgnoreCase))
        {
            Directory.CreateDirectory(dataDirectory);
            connectionString = connectionString.Replace("|DataDirectory|", dataDirectory, StringComparison.OrdinalIgnoreCase);
        }

        return new DatabaseSettings(provider, connectionString);
    }
}
