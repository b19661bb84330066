namespace Mahse.Cms.Health;

/// <summary>A step a capability adds to start-up, after the database is migrated and before the caches load.</summary>
public interface IStartupTask
{
    Task RunAsync(bool firstBoot, CancellationToken cancellationToken);

    /// <summary>After the published cache has loaded (what indexes are built from).</summary>
    Task AfterCachesLoadedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
