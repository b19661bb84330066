using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Media;

/// <summary>Deletes expired temporary uploads every ten minutes (on the injected clock).</summary>
public sealed class TemporaryFileCleanup(TemporaryFileService temporaryFiles, TimeProvider clock, ILogger<TemporaryFileCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await temporaryFiles.DeleteExpiredAsync(stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} expired temporary file(s)", deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Cleaning up temporary files failed; it will be tried again");
            }
        }
    }
}
