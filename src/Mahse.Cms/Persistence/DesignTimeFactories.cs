using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mahse.Cms.Persistence;

// Used by `dotnet ef migrations add` only; each provider keeps its own migrations folder.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCmsDbContext>
{
    public SqliteCmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteCmsDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteCmsDbContext(options.Options);
    }
}

internal sealed class NpgsqlDesignTimeFactory : IDesignTimeDbContextFactory<NpgsqlCmsDbContext>
{
    public NpgsqlCmsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<NpgsqlCmsDbContext>();
        PersistenceServiceCollectionExtensions.ConfigureNpgsql(options, "Host=localhost;Database=design");
        return new NpgsqlCmsDbContext(options.Options);
    }
}
