using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Services.Changes;
using Umbraco.Cms.Core.Sync;
using Umbraco.Extensions;

namespace Mahse.Web.Portal;

/// <summary>
/// A fellowship call's status changes with the clock, not with an edit: each minute, the calls whose opening or
/// closing boundary has just passed are refreshed through Umbraco's distributed cache (which re-indexes them in
/// DeliveryApiContentIndex on every instance), so <c>filter=fellowshipStatus:open</c>
/// stays true to the date without anyone republishing.
/// </summary>
public sealed class FellowshipStatusRefresher(
    IContentTypeService contentTypes,
    IContentService content,
    DistributedCache distributedCache,
    IServerRoleAccessor serverRole,
    TimeProvider clock,
    ILogger<FellowshipStatusRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = clock.GetUtcNow().UtcDateTime;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                Refresh(last, now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Fellowship call statuses could not be refreshed");
            }

            last = now;
        }
    }

    private void Refresh(DateTime since, DateTime now)
    {
        // The refresh reaches every instance through the distributed cache, so one instance sends it.
        if (serverRole.CurrentServerRole is not (ServerRole.Single or ServerRole.SchedulingPublisher)
            || contentTypes.Get(FellowshipStatusIndexer.ContentTypeAlias) is not { } type)
        {
            return;
        }

        var crossed = new List<TreeChange<IContent>>();
        long page = 0, total;
        do
        {
            foreach (var call in content.GetPagedOfTypes([type.Id], page++, 200, out total, null))
            {
                if (call.Published && Boundaries(call).Any(b => b > since && b <= now))
                {
                    crossed.Add(new TreeChange<IContent>(call, TreeChangeTypes.RefreshNode));
                }
            }
        }
        while (page * 200 < total);

        if (crossed.Count > 0)
        {
            distributedCache.RefreshContentCache(crossed);
        }
    }

    private static IEnumerable<DateTime> Boundaries(IContent call)
    {
        if (call.GetValue<DateTime?>("opens") is { } opens)
        {
            yield return opens.Date;
        }

        if (call.GetValue<DateTime?>("closes") is { } closes)
        {
            yield return closes.Date.AddDays(1);
        }
    }
}
