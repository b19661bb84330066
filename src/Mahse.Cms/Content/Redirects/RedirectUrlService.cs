using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Mahse.Cms.Content.Redirects;

/// <summary>
/// Umbraco's redirect URL tracking: when a published document's URL changes (renamed, moved, or an ancestor
/// was), its old URL is kept and answers with a 301 to where the document is now. Switched off by
/// <c>Umbraco:CMS:WebRouting:DisableRedirectUrlTracking</c>, as in Umbraco.
/// </summary>
public sealed class RedirectUrlService
{
    private readonly ICmsDbContextFactory _contexts;
    private readonly PublishedContentCache _cache;
    private readonly bool _disabled;

    public RedirectUrlService(ICmsDbContextFactory contexts, PublishedContentCache cache, IConfiguration configuration)
    {
        _contexts = contexts;
        _cache = cache;
        _disabled = configuration.GetValue<bool>("Umbraco:CMS:WebRouting:DisableRedirectUrlTracking");
        if (!_disabled)
        {
            cache.RoutesChanged += TrackAsync;
        }
    }

    public bool IsEnabled => !_disabled;

    /// <summary>The document an old route now redirects to (the most recent entry wins), if it is still published.</summary>
    public async Task<PublishedContentItem?> FindAsync(string route, PublishedContentItem? startItem, CancellationToken ct)
    {
        var start = startItem ?? _cache.Roots.FirstOrDefault();
        if (_disabled || start is null)
        {
            return null;
        }

        var trimmed = route.Trim().Trim('/').ToLowerInvariant();
        var url = ("/" + start.UrlSegment + "/" + trimmed).TrimEnd('/');
        await using var db = _contexts.CreateDbContext();
        var entries = await db.RedirectUrls.AsNoTracking().Where(r => r.Url == url).Select(r => new { r.ContentKey, r.CreateDate }).ToListAsync(ct);
        var target = entries.OrderByDescending(r => r.CreateDate).FirstOrDefault();
        return target is null ? null : _cache.Get(target.ContentKey);
    }

    public async Task<(int Total, IReadOnlyList<RedirectUrlRow> Items)> ListAsync(string? filter, int skip, int take, CancellationToken ct)
    {
        await using var db = _contexts.CreateDbContext();
        var query = db.RedirectUrls.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var lowered = filter.Trim().ToLowerInvariant();
            query = query.Where(r => r.Url.Contains(lowered));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.CreateDate).ThenByDescending(r => r.Id).Skip(skip).Take(take).ToListAsync(ct);
        return (total, items);
    }

    public async Task<IReadOnlyList<RedirectUrlRow>> ForContentAsync(Guid contentKey, CancellationToken ct)
    {
        await using var db = _contexts.CreateDbContext();
        return await db.RedirectUrls.AsNoTracking().Where(r => r.ContentKey == contentKey).OrderByDescending(r => r.CreateDate).ToListAsync(ct);
    }

    public async Task<bool> DeleteAsync(Guid key, CancellationToken ct)
    {
        await using var db = _contexts.CreateDbContext();
        return await db.RedirectUrls.Where(r => r.Key == key).ExecuteDeleteAsync(ct) > 0;
    }

    private async Task TrackAsync(IReadOnlyList<PublishedContentCache.RouteChange> changes, CancellationToken ct)
    {
        await using var db = _contexts.CreateDbContext();
        var now = DateTime.UtcNow;
        var urls = changes.Select(c => c.OldUrl.ToLowerInvariant()).ToList();

        // One entry per old URL and document: a second rename away from the same URL only refreshes its date.
        var existing = await db.RedirectUrls.Where(r => urls.Contains(r.Url)).ToListAsync(ct);
        foreach (var change in changes)
        {
            var url = change.OldUrl.ToLowerInvariant();
            if (existing.FirstOrDefault(r => r.Url == url && r.ContentKey == change.Key) is { } entry)
            {
                entry.CreateDate = now;
                continue;
            }

            db.RedirectUrls.Add(new RedirectUrlRow { Key = Guid.NewGuid(), ContentKey = change.Key, Url = url, CreateDate = now });
        }

        await db.SaveChangesAsync(ct);
    }
}
