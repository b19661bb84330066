using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Mahse.Cms.Content;
using Mahse.Cms.Health;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using MediaConventions = Umbraco.Cms.Core.Constants.Conventions.Media;

namespace Mahse.Cms.Delivery;

/// <summary>A media item as the Delivery API shows it (Umbraco's IApiMediaWithCrops, with its file facts).</summary>
public sealed record PublishedMediaItem(Guid Key, int Id, string Name, string MediaType, string? Url, string? Extension, int? Width, int? Height, long? Bytes, DateTime CreateDate, DateTime UpdateDate)
{
    public Guid? ParentKey { get; init; }

    public int SortOrder { get; init; }

    /// <summary>Folder names and the item's name: "/Reports/2015 survey/".</summary>
    public string Path { get; init; } = "/";

    public JsonNode? FocalPoint { get; init; }

    public JsonArray Crops { get; init; } = [];

    public Guid TypeKey { get; init; }

    public IReadOnlyDictionary<string, JsonNode?> Values { get; init; } = new Dictionary<string, JsonNode?>();
}

/// <summary>Media in memory for the Delivery API (media are not published in Umbraco: what is saved is served).</summary>
public sealed class PublishedMediaCache(ICmsDbContextFactory contexts, SchemaCache schema) :
    IStartupTask,
    INotificationAsyncHandler<MediaSavedNotification>,
    INotificationAsyncHandler<MediaMovedNotification>,
    INotificationAsyncHandler<MediaMovedToRecycleBinNotification>,
    INotificationAsyncHandler<MediaDeletedNotification>
{
    private readonly ConcurrentDictionary<Guid, PublishedMediaItem> _items = new();
    private readonly SemaphoreSlim _loadLock = new(1, 1);

    /// <summary>Raised after the media have been reloaded (the Delivery API output cache listens).</summary>
    public event Action? Changed;

    public PublishedMediaItem? Get(Guid key) => _items.GetValueOrDefault(key);

    public IEnumerable<PublishedMediaItem> All => _items.Values;

    public PublishedMediaItem? GetByPath(string path)
    {
        var normalized = "/" + path.Trim().Trim('/') + "/";
        return _items.Values.FirstOrDefault(i => string.Equals(i.Path, normalized, StringComparison.OrdinalIgnoreCase));
    }

    public Task RunAsync(bool firstBoot, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AfterCachesLoadedAsync(CancellationToken cancellationToken) => LoadAsync(null, cancellationToken);

    public Task HandleAsync(MediaSavedNotification notification, CancellationToken ct) => LoadAsync(notification.SavedEntities.Select(e => e.Key).ToList(), ct);

    public Task HandleAsync(MediaMovedNotification notification, CancellationToken ct) => LoadAsync(notification.MoveInfoCollection.Select(m => m.Entity.Key).ToList(), ct);

    public Task HandleAsync(MediaMovedToRecycleBinNotification notification, CancellationToken ct) => LoadAsync(notification.MoveInfoCollection.Select(m => m.Entity.Key).ToList(), ct);

    public Task HandleAsync(MediaDeletedNotification notification, CancellationToken ct) => LoadAsync(notification.DeletedEntities.Select(e => e.Key).ToList(), ct);

    /// <summary>Reloads all media: a MAHSE site has hundreds, and paths depend on folders moving above an item.</summary>
    private async Task LoadAsync(IReadOnlyCollection<Guid>? keys, CancellationToken ct)
    {
        _ = keys;
        // One load at a time: two overlapping loads could otherwise apply an older read over a newer one.
        await _loadLock.WaitAsync(ct);
        try
        {
            await ReloadAllAsync(ct);
        }
        finally
        {
            _loadLock.Release();
        }

        Changed?.Invoke();
    }

    private async Task ReloadAllAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var snapshot = await schema.GetAsync(ct);
        var rows = await db.ContentNodes.AsNoTracking().Where(n => n.Kind == ContentNodeKind.Media && !n.Trashed)
            .Join(db.ContentVersions, n => n.DraftVersionId, v => v.Id, (n, v) => new { n, v.ValuesJson }).ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.n.Id, r => r.n);
        var fresh = new Dictionary<Guid, PublishedMediaItem>();
        foreach (var row in rows)
        {
            var values = ContentValues.Parse(row.ValuesJson);
            var file = File(values.GetValueOrDefault(MediaConventions.File));
            var names = ContentStore.AncestorIds(row.n.Path).Select(id => byId.GetValueOrDefault(id)?.Name).OfType<string>().Append(row.n.Name);
            fresh[row.n.Key] = new PublishedMediaItem(row.n.Key, row.n.Id, row.n.Name, snapshot.FindContentType(row.n.ContentTypeId)?.Alias ?? "",
                file?["src"]?.GetValue<string>(), Text(values, MediaConventions.Extension),
                (int?)Number(values, MediaConventions.Width), (int?)Number(values, MediaConventions.Height), Number(values, MediaConventions.Bytes),
                row.n.CreateDate, row.n.UpdateDate)
            {
                ParentKey = row.n.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) ? parent.Key : null,
                SortOrder = row.n.SortOrder,
                Path = "/" + string.Join('/', names) + "/",
                FocalPoint = file?["focalPoint"]?.DeepClone(),
                Crops = file?["crops"] as JsonArray is { } crops ? (JsonArray)crops.DeepClone() : [],
                TypeKey = snapshot.FindContentType(row.n.ContentTypeId)?.Key ?? Guid.Empty,
                Values = values,
            };
        }

        foreach (var gone in _items.Keys.Except(fresh.Keys))
        {
            _items.TryRemove(gone, out _);
        }

        foreach (var (key, item) in fresh)
        {
            _items[key] = item;
        }
    }

    private static JsonObject? File(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) as JsonObject : null;

    private static string? Text(IReadOnlyDictionary<string, JsonNode?> values, string alias) =>
        values.GetValueOrDefault(alias) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Number(IReadOnlyDictionary<string, JsonNode?> values, string alias) =>
        values.GetValueOrDefault(alias) is JsonValue v ? long.TryParse(v.ToJsonString().Trim('"'), out var n) ? n : null : null;
}
