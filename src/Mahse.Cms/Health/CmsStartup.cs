using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Content.Redirects;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Health;

/// <summary>
/// Start-up, in Umbraco's order: migrate the database, install defaults on first boot, register API users and the
/// first administrator, then load the published cache. Runs before the server takes requests.
/// </summary>
public sealed class CmsStartup(
    DatabaseMigrator migrator,
    ICmsDbContextFactory contexts,
    DatabaseSettings database,
    DefaultSchemaInstaller defaults,
    ApiUserSynchronizer apiUsers,
    FirstAdministratorInstaller administrator,
    PublishedContentCache cache,
#pragma warning disable CS9113 // Resolved here so that it tracks route changes from the first publish on (uSync imports included).
    RedirectUrlService redirectTracking,
#pragma warning restore CS9113
    IEnumerable<IStartupTask> tasks,
    RuntimeState state,
    ILogger<CmsStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            state.Level = RuntimeLevel.Upgrade;
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets readers carry on while a publish writes.
                await using var db = contexts.CreateDbContext();
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            state.AppliedMigrations = await migrator.MigrateAsync(cancellationToken);
            state.FirstBoot = await defaults.InstallAsync(cancellationToken);
            await apiUsers.SynchronizeAsync(cancellationToken);
            await administrator.InstallAsync(cancellationToken);
            foreach (var task in tasks)
            {
                await task.RunAsync(state.FirstBoot, cancellationToken);
            }

            await cache.RebuildAsync(cancellationToken);
            foreach (var task in tasks)
            {
                await task.AfterCachesLoadedAsync(cancellationToken);
            }

            state.Level = RuntimeLevel.Run;
            state.ReadyAt = DateTimeOffset.UtcNow;
            logger.LogInformation("Mahse.Umbraco is running on {Provider} ({Elapsed} ms start-up)", database.Provider,
                (state.ReadyAt.Value - state.StartedAt).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            state.Level = RuntimeLevel.BootFailed;
            state.FailureReason = ex.Message;
            logger.LogCritical(ex, "Start-up failed");
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
