using System.Collections.Concurrent;
using System.Collections.Frozen;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Content.PublishedCache;

/// <summary>
/// Documents in memory, by key and by route, in one version each: the published one (<see cref="PublishedContentCache"/>)
/// or the latest draft (<see cref="DraftContentCache"/>, for preview). Built from the database; after that only the
/// branches named by committed notifications are reloaded. Readers never touch the database.
/// </summary>
public abstract class ContentCache(ICmsDbContextFactory contexts, SchemaCache schema, ILogger logger)
{
    private readonly ConcurrentDictionary<Guid, PublishedContentItem> _byKey = new();
    private readonly ConcurrentDictionary<int, Guid> _keyById = new();
    private readonly ConcurrentDictionary<string, Guid> _byRoute = new(StringComparer.OrdinalIgnoreCase);

    // Parent id → cached child ids, so a refresh walks its branch instead of scanning the whole cache.
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<int, byte>> _childIds = new();

    // Refreshes run one at a time so that two overlapping branches cannot interleave their writes.
    private readonly SemaphoreSlim _refreshLock = new(1, 1);

    public bool IsLoaded { get; private set; }

    public int Count => _byKey.Count;

    public PublishedContentItem? Get(Guid key) => _byKey.GetValueOrDefault(key);

    public PublishedContentItem? Get(int id) => _keyById.TryGetValue(id, out var key) ? Get(key) : null;

    /// <summary>Finds by route: "/about/" under the first root, or "{startItemSegment}/about/" for another root.</summary>
    public PublishedContentItem? GetByRoute(string route, string? startItemSegment = null)
    {
        var normalized = NormalizeRoute(route);
        if (startItemSegment is not null)
        {
            return _byRoute.TryGetValue(RouteKey(startItemSegment, normalized), out var k) ? Get(k) : null;
        }

        var firstRoot = Roots.FirstOrDefault();
        return firstRoot is not null && _byRoute.TryGetValue(RouteKey(firstRoot.UrlSegment, normalized), out var key) ? Get(key) : null;
    }

    public IEnumerable<PublishedContentItem> All => _byKey.Values;

    /// <summary>Raised after a refresh or rebuild has been applied (the Delivery API output cache listens).</summary>
    public event Action? Changed;

    /// <summary>An item that stayed in the cache under another route: its old URL ("/{start item}{route}").</summary>
    public sealed record RouteChange(Guid Key, string OldUrl);

    /// <summary>Raised after a refresh in which cached items changed route (renamed, moved); awaited, so redirects are tracked when the publish returns.</summary>
    public event Func<IReadOnlyList<RouteChange>, CancellationToken, Task>? RoutesChanged;

    /// <summary>The published items at the top of the tree, in sort order (from the child index, not a scan).</summary>
    public IEnumerable<PublishedContentItem> Roots =>
        _childIds.TryGetValue(RootId, out var roots)
            ? roots.Keys.Select(Get).OfType<PublishedContentItem>().OrderBy(i => i.SortOrder)
            : [];

    public IEnumerable<PublishedContentItem> Children(Guid key) =>
        Get(key) is { } parent && _childIds.TryGetValue(parent.Id, out var children)
            ? children.Keys.Select(Get).OfType<PublishedContentItem>().OrderBy(i => i.SortOrder)
            : [];

    /// <summary>The published items of a branch: the node (if published) and everything published below it.</summary>
    public IReadOnlyList<PublishedContentItem> Branch(int id) => CachedBranch(id).ToList();

    public virtual async Task RebuildAsync(CancellationToken ct)
    {
        await _refreshLock.WaitAsync(ct);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var items = await LoadAsync(null, ct);
            var snapshot = await schema.GetAsync(ct);
            _byKey.Clear();
            _keyById.Clear();
            _byRoute.Clear();
            _childIds.Clear();
            Apply(items, [], snapshot);
            IsLoaded = true;
            logger.LogInformation("{Cache} built with {Count} items in {Elapsed} ms", Description, _byKey.Count,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            _refreshLock.Release();
        }

        Changed?.Invoke();
    }

    /// <summary>Reloads the given nodes and their descendants.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<int> nodeIds, CancellationToken ct)
    {
        if (nodeIds.Count == 0)
        {
            return;
        }

        List<RouteChange> moved;
        await _refreshLock.WaitAsync(ct);
        try
        {
            var items = await LoadAsync(nodeIds, ct);
            var loaded = items.Select(i => i.Node.Id).ToHashSet();

            // Whatever was cached in these branches but is no longer published goes.
            var stale = nodeIds.SelectMany(CachedBranch).Distinct().Where(c => !loaded.Contains(c.Id)).ToList();
            var before = nodeIds.SelectMany(CachedBranch).DistinctBy(c => c.Id).ToDictionary(c => c.Key, Url);
            Apply(items, stale, await schema.GetAsync(ct));
            moved = before.Where(b => Get(b.Key) is { } now && !string.Equals(Url(now), b.Value, StringComparison.OrdinalIgnoreCase))
                .Select(b => new RouteChange(b.Key, b.Value)).ToList();
        }
        finally
        {
            _refreshLock.Release();
        }

        Changed?.Invoke();
        if (moved.Count > 0 && RoutesChanged is { } routesChanged)
        {
            foreach (var listener in routesChanged.GetInvocationList().Cast<Func<IReadOnlyList<RouteChange>, CancellationToken, Task>>())
            {
                await listener(moved, ct);
            }
        }
    }

    private void Apply(IReadOnlyList<PublishedRow> items, IReadOnlyList<PublishedContentItem> removals, SchemaSnapshot snapshot)
    {
        foreach (var removed in removals)
        {
            Remove(removed);
        }

        // Parents first so that routes can be built from ancestors already in the cache.
        foreach (var (node, valuesJson, name, urlSegment) in items.OrderBy(i => i.Node.Level).ThenBy(i => i.Node.SortOrder))
        {
            var type = snapshot.FindContentType(node.ContentTypeId);
            var ancestors = ContentStore.AncestorIds(node.Path).Select(id => _keyById.TryGetValue(id, out var k) ? Get(k) : null).ToList();
            if (type is null || ancestors.Any(a => a is null))
            {
                // An unpublished or trashed ancestor hides the whole branch.
                if (_keyById.TryGetValue(node.Id, out var existingKey) && Get(existingKey) is { } hidden)
                {
                    Remove(hidden);
                }

                continue;
            }

            var root = ancestors.Count == 0 ? null : ancestors[0];
            var segments = ancestors.Skip(1).Select(a => a!.UrlSegment).ToList();
            if (node.Level > 1)
            {
                segments.Add(urlSegment);
            }

            var item = new PublishedContentItem(
                node.Id, node.Key, ancestors.Count == 0 ? null : ancestors[^1]!.Key, type.Key, type.Alias, name, urlSegment,
                node.Level, node.SortOrder, node.Path, node.CreateDate, node.UpdateDate, node.PublishDate,
                ContentValues.Parse(valuesJson).ToFrozenDictionary(StringComparer.Ordinal))
            {
                Route = segments.Count == 0 ? "/" : "/" + string.Join('/', segments) + "/",
                StartItemSegment = root?.UrlSegment ?? urlSegment,
                StartItemKey = root?.Key ?? node.Key,
            };

            if (_byKey.TryGetValue(item.Key, out var previous))
            {
                _byRoute.TryRemove(RouteKey(previous.StartItemSegment, previous.Route), out _);
                if (ParentId(previous.Path) is { } oldParent && _childIds.TryGetValue(oldParent, out var oldSiblings))
                {
                    oldSiblings.TryRemove(previous.Id, out _);
                }
            }

            if (ParentId(item.Path) is { } parent)
            {
                _childIds.GetOrAdd(parent, _ => new ConcurrentDictionary<int, byte>())[item.Id] = 0;
            }

            _byKey[item.Key] = item;
            _keyById[item.Id] = item.Key;
            _byRoute[RouteKey(item.StartItemSegment, item.Route)] = item.Key;
        }
    }

    private IEnumerable<PublishedContentItem> CachedBranch(int id)
    {
        var pending = new Stack<int>([id]);
        while (pending.TryPop(out var current))
        {
            if (_keyById.TryGetValue(current, out var key) && Get(key) is { } item)
            {
                yield return item;
            }

            if (_childIds.TryGetValue(current, out var children))
            {
                foreach (var child in children.Keys)
                {
                    pending.Push(child);
                }
            }
        }
    }

    // Roots are kept as children of Umbraco's root id -1, so the first root is found without scanning the cache.
    private const int RootId = -1;

    private static int? ParentId(string path) => ContentStore.AncestorIds(path).Select(id => (int?)id).LastOrDefault() ?? RootId;

    private void Remove(PublishedContentItem item)
    {
        if (ParentId(item.Path) is { } parentId && _childIds.TryGetValue(parentId, out var siblings))
        {
            siblings.TryRemove(item.Id, out _);
        }

        _byKey.TryRemove(item.Key, out _);
        _keyById.TryRemove(item.Id, out _);
        if (_byRoute.TryGetValue(RouteKey(item.StartItemSegment, item.Route), out var k) && k == item.Key)
        {
            _byRoute.TryRemove(RouteKey(item.StartItemSegment, item.Route), out _);
        }
    }

    protected sealed record PublishedRow(ContentNodeRow Node, string ValuesJson, string Name, string UrlSegment);

    /// <summary>The documents this cache holds, each joined with the version it shows.</summary>
    protected abstract IQueryable<PublishedRow> WithVersions(IQueryable<ContentNodeRow> documents, CmsDbContext db);

    protected abstract string Description { get; }

    private async Task<List<PublishedRow>> LoadAsync(IReadOnlyCollection<int>? branchRoots, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var query = db.ContentNodes.AsNoTracking().Where(n => n.Kind == ContentNodeKind.Document && !n.Trashed);
        if (branchRoots is not null)
        {
            var roots = await db.ContentNodes.Where(n => branchRoots.Contains(n.Id))
                .Select(n => new { n.Path, HasChildren = db.ContentNodes.Any(c => c.ParentId == n.Id) })
                .ToListAsync(ct);
            var nodes = new List<PublishedRow>();
            foreach (var root in roots)
            {
                // Most publishes are of leaves: an indexed lookup then, a path scan only for a real branch.
                var path = root.Path;
                var prefix = path + ",";
                var branch = await WithVersions(root.HasChildren ? query.Where(n => n.Path == path || n.Path.StartsWith(prefix)) : query.Where(n => n.Path == path), db)
                    .ToListAsync(ct);
                nodes.AddRange(branch);
            }

            return nodes.DistinctBy(n => n.Node.Id).ToList();
        }

        return await WithVersions(query, db).ToListAsync(ct);
    }

    /// <summary>An item's URL with its start item, as redirect tracking stores it: "/home/about-us", "/home" for a root.</summary>
    public static string Url(PublishedContentItem item) => ("/" + item.StartItemSegment + item.Route).TrimEnd('/');

    private static string NormalizeRoute(string route)
    {
        var trimmed = route.Trim().Trim('/');
        return trimmed.Length == 0 ? "/" : "/" + trimmed.ToLowerInvariant() + "/";
    }

    private static string RouteKey(string startItem, string route) => startItem + ":" + route;
}

/// <summary>What the Delivery API serves: each document in its published version, under published ancestors.</summary>
public sealed class PublishedContentCache(ICmsDbContextFactory contexts, SchemaCache schema, ILogger<PublishedContentCache> logger)
    : ContentCache(contexts, schema, logger)
{
    protected override string Description => "Published cache";

    protected override IQueryable<PublishedRow> WithVersions(IQueryable<ContentNodeRow> documents, CmsDbContext db) =>
        documents.Where(n => n.PublishedVersionId != null)
            .Join(db.ContentVersions, n => n.PublishedVersionId, v => v.Id, (n, v) => new PublishedRow(n, v.ValuesJson, v.Name, v.UrlSegment));
}
