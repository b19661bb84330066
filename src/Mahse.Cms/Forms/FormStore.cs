using System.Collections.Concurrent;
using System.Text.Json;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Forms;

/// <summary>Forms in the database (one JSON definition per form, as Umbraco Forms 9+ keeps them), read through a memory cache.</summary>
public sealed class FormStore(ICmsDbContextFactory contexts, Umbraco.Cms.Core.Events.IEventAggregator events)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<Guid, FormDefinition?> _cache = new();

    public async ValueTask<FormDefinition?> GetAsync(Guid key, CancellationToken ct)
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        await using var db = contexts.CreateDbContext();
        var json = await db.Forms.AsNoTracking().Where(f => f.Key == key).Select(f => f.DefinitionJson).SingleOrDefaultAsync(ct);
        var form = json is null ? null : Parse(json);
        _cache[key] = form;
        return form;
    }

    public async Task<IReadOnlyList<FormDefinition>> AllAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        return (await db.Forms.AsNoTracking().OrderBy(f => f.Name).Select(f => f.DefinitionJson).ToListAsync(ct)).Select(Parse).ToList();
    }

    /// <summary>Creates or replaces a form; true when it was new.</summary>
    public async Task<bool> SaveAsync(FormDefinition form, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.Forms.SingleOrDefaultAsync(f => f.Key == form.Id, ct);
        var created = row is null;
        var now = DateTime.UtcNow;
        row ??= db.Forms.Add(new FormRow { Key = form.Id, CreateDate = now }).Entity;
        row.Name = form.Name;
        row.DefinitionJson = JsonSerializer.Serialize(form, Json);
        row.UpdateDate = now;
        await db.SaveChangesAsync(ct);
        _cache.TryRemove(form.Id, out _);
        await events.PublishAsync(new FormSavedNotification(form.Id, form.Name), ct);
        return created;
    }

    public async Task<bool> DeleteAsync(Guid key, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var deleted = await db.Forms.Where(f => f.Key == key).ExecuteDeleteAsync(ct) > 0;
        _cache.TryRemove(key, out _);
        return deleted;
    }

    public static FormDefinition Parse(string json) => JsonSerializer.Deserialize<FormDefinition>(json, Json) ?? new FormDefinition();
}

/// <summary>A form was saved (after commit); uSync's export on save listens.</summary>
public sealed record FormSavedNotification(Guid FormId, string Name) : Umbraco.Cms.Core.Notifications.INotification;
