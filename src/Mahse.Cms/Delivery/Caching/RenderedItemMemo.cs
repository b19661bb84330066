using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublicAccess;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Schema;

namespace Mahse.Cms.Delivery.Caching;

/// <summary>
/// The serialised body and ETag of each item as last rendered with the default <c>expand</c>/<c>fields</c>, so a
/// repeat read of an unchanged item skips property conversion. Unlike the opt-in output cache this is always on
/// and never stale: any change to content, drafts, media or public access starts a new generation, and an entry
/// of an older generation (or another schema) is rendered again. Entries die with the item instance they hang on.
/// </summary>
public sealed class RenderedItemMemo
{
    private readonly ConditionalWeakTable<PublishedContentItem, Entry> _entries = new();
    private long _generation;

    public RenderedItemMemo(PublishedContentCache content, DraftContentCache drafts, PublishedMediaCache media, PublicAccessRules publicAccess)
    {
        content.Changed += NextGeneration;
        drafts.Changed += NextGeneration;
        media.Changed += NextGeneration;
        publicAccess.Changed += NextGeneration;
    }

    public sealed record Rendered(byte[] Body, string ETag);

    private sealed record Entry(long Generation, SchemaSnapshot Schema, Rendered Rendered);

    public async Task<Rendered> GetOrRenderAsync(PublishedContentItem item, SchemaSnapshot schema, Func<Task<JsonNode>> render)
    {
        // Read before rendering: a change during the render leaves an entry that is already out of date.
        var generation = Interlocked.Read(ref _generation);
        if (_entries.TryGetValue(item, out var entry) && entry.Generation == generation && ReferenceEquals(entry.Schema, schema))
        {
            return entry.Rendered;
        }

        var rendered = Serialize(await render());
        _entries.AddOrUpdate(item, new Entry(generation, schema, rendered));
        return rendered;
    }

    public static Rendered Serialize(JsonNode body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        return new Rendered(bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16))}\"");
    }

    private void NextGeneration() => Interlocked.Increment(ref _generation);
}
