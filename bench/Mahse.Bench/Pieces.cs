using System.Diagnostics;
using System.Text.Json.Nodes;
using Mahse.Cms.Content;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Bench;

/// <summary>Times the in-memory steps of a save, to see where the per-item cost goes (bench only).</summary>
internal static class Pieces
{
    public static async Task RunAsync(IServiceProvider services, Guid typeKey)
    {
        var schema = await services.GetRequiredService<SchemaCache>().GetAsync(CancellationToken.None);
        var validator = services.GetRequiredService<PropertyValueValidator>();
        var events = services.GetRequiredService<IEventAggregator>();
        var composition = schema.FindComposition(typeKey)!;
        var values = new Dictionary<string, JsonNode?> { ["title"] = "t", ["summary"] = "s", ["stageOrder"] = 3 };
        var node = new ContentNodeRow { Id = 1, Key = Guid.NewGuid(), ContentTypeId = schema.FindContentTypeId(typeKey)!.Value, Name = "x", Path = "-1,1", Level = 1 };
        const int n = 2000;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            await validator.ValidateAsync(composition, values, null!, enforceMandatory: true, CancellationToken.None);
        }

        Console.Error.WriteLine($"  validate: {sw.Elapsed.TotalMilliseconds * 1000 / n:F0} µs");
        sw.Restart();
        for (var i = 0; i < n; i++)
        {
            UmbracoContentFactory.Build(node, values, schema);
        }

        Console.Error.WriteLine($"  build IContent: {sw.Elapsed.TotalMilliseconds * 1000 / n:F0} µs");
        var content = (Umbraco.Cms.Core.Models.IContent)UmbracoContentFactory.Build(node, values, schema)!;
        sw.Restart();
        for (var i = 0; i < n; i++)
        {
            await events.PublishAsync(new ContentSavedNotification(content, new EventMessages()));
        }

        Console.Error.WriteLine($"  publish saved notification: {sw.Elapsed.TotalMilliseconds * 1000 / n:F0} µs");
    }
}
