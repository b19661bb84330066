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
public sealed record PublishedMediaItem(Guid Key, int Id, string Name, string MediaType, string? Url, string? Extension, int? Width, int? Height, long? Bytes, DateTime CreateDate, DateTime UpdateDate);

/// <summary>Media in memory for the Delivery API (media are not published in Umbraco: what is saved is served).</summary>
public sealed class PublishedMediaCache(ICmsDbContextFactory contexts, SchemaCache schema) :
    IStartupTask,
    INotificationAsyncHandler<MediaSavedNotification>,
    INotificationAsyncHandler<MediaMovedNotification>,
    INotificationAsyncHandler<MediaMovedToRecycleBinNotification>,
    INotificationAsyncHandler<MediaDeletedNotification>
{
    private readonly ConcurrentDictionary<Guid, PublishedMediaItem> _items = new();

    public PublishedMediaItem? Get(Guid key) => _items.GetValueOrDefault(key);

    public Task RunAsync(bool firstBoot, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task AfterCachesLoadedAsync(CancellationToken cancellationToken) => LoadAsync(null, cancellationToken);

    public Task HandleAsync(MediaSavedNotification notification, CancellationToken ct) => LoadAsync(notification.SavedEntities.Select(e => e.Key).ToList(), ct);

    public Task HandleAsync(MediaMovedNotification notification, CancellationToken ct) => LoadAsync(notification.MoveInfoCollection.Select(m => m.Entity.Key).ToList(), ct);

    public Task HandleAsync(MediaMovedToRecycleBinNotification notification, CancellationToken ct) => LoadAsync(notification.MoveInfoCollection.Select(m => m.Entity.Key).ToList(), ct);

    public Task HandleAsync(MediaDeletedNotification notification, CancellationToken ct) => LoadAsync(notification.DeletedEntities.Select(e => e.Key).ToList(), ct);

    private async Task LoadAsync(IReadOnlyCollection<Guid>? keys, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var query = db.ContentNodes.AsNoTracking().Where(n => n.Kind == ContentNodeKind.Media);
        if (keys is not null)
        {
            query = query.Where(n => keys.Contains(n.Key));
            foreach (var key in keys)
            {
                _items.TryRemove(key, out _);
            }
        }

        var snapshot = await schema.GetAsync(ct);
        var rows = await query.Where(n => !n.Trashed).Join(db.ContentVersions, n => n.DraftVersionId, v => v.Id, (n, v) => new { n, v.ValuesJson }).ToListAsync(ct);
        foreach (var row in rows)
        {
            var values = ContentValues.Parse(row.ValuesJson);
            _items[row.n.Key] = new PublishedMediaItem(row.n.Key, row.n.Id, row.n.Name, snapshot.FindContentType(row.n.ContentTypeId)?.Alias ?? "",
                Src(values.GetValueOrDefault(MediaConventions.File)), Text(values, MediaConventions.Extension),
                (int?)Number(values, MediaConventions.Width), (int?)Number(values, MediaConventions.Height), Number(values, MediaConventions.Bytes),
                row.n.CreateDate, row.n.UpdateDate);
        }
    }

    private static string? Src(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)?["src"]?.GetValue<string>() : null;

    private static string? Text(IReadOnlyDictionary<string, JsonNode?> values, string alias) =>
        values.GetValueOrDefault(alias) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Number(IReadOnlyDictionary<string, JsonNode?> values, string alias) =>
        values.GetValueOrDefault(alias) is JsonValue v ? long.TryParse(v.ToJsonString().Trim('"'), out var n) ? n : null : null;
}
