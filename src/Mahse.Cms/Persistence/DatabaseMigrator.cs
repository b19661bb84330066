using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Persistence;

/// <summary>Applies pending migrations at start-up, as Umbraco's unattended upgrade does.</summary>
public sealed class DatabaseMigrator(ICmsDbContextFactory contexts, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, pending);
            await db.Database.MigrateAsync(cancellationToken);
        }

        return pending;
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
