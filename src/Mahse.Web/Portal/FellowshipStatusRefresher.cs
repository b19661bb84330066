using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Search;

namespace Mahse.Web.Portal;

/// <summary>
/// A fellowship call's status changes with the clock, not with an edit: each minute, calls whose opening or closing
/// boundary has just passed are re-indexed, so <c>filter=fellowshipStatus:open</c> stays true to the date.
/// </summary>
public sealed class FellowshipStatusRefresher(PublishedContentCache cache, IndexingQueue queue, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = clock.GetUtcNow().UtcDateTime;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var crossed = cache.All
                .Where(i => i.ContentTypeAlias == "fellowshipCall")
                .Where(i => Boundaries(i).Any(b => b > last && b <= now))
                .Select(i => i.Id)
                .ToList();
            if (crossed.Count > 0)
            {
                queue.EnqueueRefresh(crossed);
            }

            last = now;
        }
    }

    private static IEnumerable<DateTime> Boundaries(PublishedContentItem call)
    {
        foreach (var (alias, shift) in new[] { ("opens", 0), ("closes", 1) })
        {
            if (call.Properties.GetValueOrDefault(alias) is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text)
                && DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var date))
            {
                yield return date.Date.AddDays(shift);
            }
        }
    }
}
