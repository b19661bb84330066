using System.Text.Json.Nodes;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Content;

/// <summary>
/// Publishes Umbraco's "-ed" notifications (Content… for documents, Media… for media) once an operation's
/// transaction has committed. A failing handler is logged and does not undo what was committed; the published
/// cache has its own start-up rebuild to fall back on.
/// </summary>
public sealed class ContentNotifier(IEventAggregator events, SchemaCache schema, ILogger<ContentNotifier> logger)
{
    private static readonly IReadOnlyDictionary<string, JsonNode?> NoValues = new Dictionary<string, JsonNode?>();

    public Task PublishedAsync(IReadOnlyList<(ContentNodeRow Node, IReadOnlyDictionary<string, JsonNode?> Values)> items, CancellationToken ct) =>
        PublishAsync(items, c => new ContentPublishedNotification(c, new EventMessages()), null, ct);

    public Task UnpublishedAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct) =>
        PublishAsync(Bare(nodes), c => new ContentUnpublishedNotification(c, new EventMessages()), null, ct);

    public Task SavedAsync(ContentNodeRow node, IReadOnlyDictionary<string, JsonNode?> values, CancellationToken ct) =>
        PublishAsync([(node, values)],
            c => new ContentSavedNotification(c, new EventMessages()),
            m => new MediaSavedNotification(m, new EventMessages()), ct);

    public Task MovedAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct) =>
        PublishAsync(Bare(nodes),
            c => new ContentMovedNotification(c.Select(x => new MoveEventInfo<IContent>(x, x.Path, x.ParentId)), new EventMessages()),
            m => new MediaMovedNotification(m.Select(x => new MoveEventInfo<IMedia>(x, x.Path, x.ParentId)), new EventMessages()), ct);

    public Task MovedToRecycleBinAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct) =>
        PublishAsync(Bare(nodes),
            c => new ContentMovedToRecycleBinNotification(c.Select(x => new MoveToRecycleBinEventInfo<IContent>(x, x.Path)), new EventMessages()),
            m => new MediaMovedToRecycleBinNotification(m.Select(x => new MoveToRecycleBinEventInfo<IMedia>(x, x.Path)), new EventMessages()), ct);

    public Task SortedAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct) =>
        PublishAsync(Bare(nodes), c => new ContentSortedNotification(c, new EventMessages()), null, ct);

    public async Task DeletedAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct)
    {
        foreach (var node in nodes)
        {
            await PublishAsync(Bare([node]),
                c => new ContentDeletedNotification(c.Single(), new EventMessages()),
                m => new MediaDeletedNotification(m.Single(), new EventMessages()), ct);
        }
    }

    private static IReadOnlyList<(ContentNodeRow, IReadOnlyDictionary<string, JsonNode?>)> Bare(IReadOnlyList<ContentNodeRow> nodes) =>
        nodes.Select(n => (n, NoValues)).ToList();

    private async Task PublishAsync(
        IReadOnlyList<(ContentNodeRow Node, IReadOnlyDictionary<string, JsonNode?> Values)> items,
        Func<IReadOnlyList<IContent>, INotification> forDocuments,
        Func<IReadOnlyList<IMedia>, INotification>? forMedia,
        CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var built = items.Select(i => UmbracoContentFactory.Build(i.Node, i.Values, snapshot)).ToList();
        var documents = built.OfType<IContent>().ToList();
        var media = built.OfType<IMedia>().ToList();
        if (documents.Count > 0)
        {
            await SendAsync(forDocuments(documents), ct);
        }

        if (media.Count > 0 && forMedia is not null)
        {
            await SendAsync(forMedia(media), ct);
        }
    }

    private async Task SendAsync(INotification notification, CancellationToken ct)
    {
        try
        {
            await events.PublishAsync(notification, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "A {Notification} handler failed after commit", notification.GetType().Name);
        }
    }
}
