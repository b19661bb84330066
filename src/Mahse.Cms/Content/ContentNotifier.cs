using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Cms.Content;

/// <summary>
/// Publishes Umbraco's "-ed" notifications once an operation's transaction has committed. A failing handler is
/// logged and does not undo what was committed; the published cache has its own start-up rebuild to fall back on.
/// </summary>
public sealed class ContentNotifier(IEventAggregator events, SchemaCache schema, ILogger<ContentNotifier> logger)
{
    public Task PublishedAsync(IReadOnlyList<(ContentNodeRow Node, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> Values)> items, CancellationToken ct) =>
        PublishAsync(items, contents => new ContentPublishedNotification(contents, new EventMessages()), ct);

    public Task UnpublishedAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct) =>
        PublishAsync(Empty(nodes), contents => new ContentUnpublishedNotification(contents, new EventMessages()), ct);

    public Task SavedAsync(ContentNodeRow node, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> values, CancellationToken ct) =>
        PublishAsync([(node, values)], contents => new ContentSavedNotification(contents, new EventMessages()), ct);

    public Task MovedAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct) =>
        PublishAsync(Empty(nodes), contents => new ContentMovedNotification(
            contents.Select(c => new MoveEventInfo<IContent>(c, c.Path, c.ParentId)), new EventMessages()), ct);

    public Task MovedToRecycleBinAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct) =>
        PublishAsync(Empty(nodes), contents => new ContentMovedToRecycleBinNotification(
            contents.Select(c => new MoveToRecycleBinEventInfo<IContent>(c, c.Path)), new EventMessages()), ct);

    public Task SortedAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct) =>
        PublishAsync(Empty(nodes), contents => new ContentSortedNotification(contents, new EventMessages()), ct);

    public async Task DeletedAsync(IReadOnlyList<ContentNodeRow> nodes, CancellationToken ct)
    {
        foreach (var node in nodes)
        {
            await PublishAsync(Empty([node]), contents => new ContentDeletedNotification(contents.Single(), new EventMessages()), ct);
        }
    }

    private static IReadOnlyList<(ContentNodeRow, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>)> Empty(IReadOnlyList<ContentNodeRow> nodes) =>
        nodes.Select(n => (n, (IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>)new Dictionary<string, System.Text.Json.Nodes.JsonNode?>())).ToList();

    private async Task PublishAsync<TNotification>(
        IReadOnlyList<(ContentNodeRow Node, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> Values)> items,
        Func<IReadOnlyList<IContent>, TNotification> create,
        CancellationToken ct)
        where TNotification : INotification
    {
        var documents = items.Where(i => i.Node.Kind == ContentNodeKind.Document).ToList();
        if (documents.Count == 0)
        {
            return;
        }

        var snapshot = await schema.GetAsync(ct);
        var contents = documents
            .Select(i => UmbracoContentFactory.Build(i.Node, i.Values, snapshot))
            .OfType<IContent>()
            .ToList();
        if (contents.Count == 0)
        {
            return;
        }

        try
        {
            await events.PublishAsync(create(contents), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "A {Notification} handler failed after commit", typeof(TNotification).Name);
        }
    }
}
