using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Content.Scheduling;

public sealed class ScheduledPublishingOptions
{
    /// <summary>How often scheduled publishes and unpublishes are looked for (Umbraco checks every minute).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Runs due scheduled publishes and unpublishes. Waits on the injected <see cref="TimeProvider"/>, so tests move time instead of sleeping.</summary>
public sealed class ScheduledPublishingService(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<ScheduledPublishingOptions> options,
    ILogger<ScheduledPublishingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var (published, unpublished) = await scope.ServiceProvider.GetRequiredService<ContentPublishingService>().RunScheduledAsync(stoppingToken);
                if (published + unpublished > 0)
                {
                    logger.LogInformation("Scheduled publishing: {Published} published, {Unpublished} unpublished", published, unpublished);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Scheduled publishing failed; it will be tried again at the next interval");
            }
        }
    }
}
