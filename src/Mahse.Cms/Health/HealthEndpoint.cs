using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mahse.Cms.Health;

public sealed record DatabaseHealth(string Provider, bool CanConnect, IReadOnlyList<string> MigrationsAppliedAtStartup);

public sealed record StartupHealth(string RuntimeLevel, DateTimeOffset StartedAt, DateTimeOffset? ReadyAt, double? StartupMilliseconds, bool FirstBoot, string? FailureReason);

public sealed record HealthResponse(string Status, DatabaseHealth Database, StartupHealth Startup, int PublishedContentItems);

public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (RuntimeState state, DatabaseMigrator migrator, DatabaseSettings database, PublishedContentCache cache, CancellationToken ct) =>
            {
                bool canConnect;
                try
                {
                    canConnect = await migrator.CanConnectAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    canConnect = false;
                }

                var healthy = canConnect && state.Level == RuntimeLevel.Run;
                var body = new HealthResponse(
                    healthy ? "Healthy" : "Unhealthy",
                    new DatabaseHealth(database.Provider.ToString(), canConnect, state.AppliedMigrations),
                    new StartupHealth(state.Level.ToString(), state.StartedAt, state.ReadyAt,
                        state.ReadyAt is { } ready ? (ready - state.StartedAt).TotalMilliseconds : null, state.FirstBoot, state.FailureReason),
                    cache.Count);
                return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .WithName("Health").WithSummary("Database and start-up state.").AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
