using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddCmsPersistence(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        switch (settings.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddPooledDbContextFactory<SqliteCmsDbContext>(o => ConfigureSqlite(o, settings.ConnectionString));
                services.AddSingleton<ICmsDbContextFactory, CmsDbContextFactory<SqliteCmsDbContext>>();
                break;
            case DatabaseProvider.PostgreSql:
                services.AddPooledDbContextFactory<NpgsqlCmsDbContext>(o => ConfigureNpgsql(o, settings.ConnectionString));
                services.AddSingleton<ICmsDbContextFactory, CmsDbContextFactory<NpgsqlCmsDbContext>>();
                break;
        }

        // OpenIddict's stores resolve a scoped context.
        services.AddScoped<CmsDbContext>(sp => sp.GetRequiredService<ICmsDbContextFactory>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<WriteGate>();
        return services;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__MahseMigrationsHistory"))
            .AddInterceptors(new SqlitePragmaInterceptor())
            .UseOpenIddict();

    internal static void ConfigureNpgsql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__MahseMigrationsHistory"))
            .UseOpenIddict();
}
