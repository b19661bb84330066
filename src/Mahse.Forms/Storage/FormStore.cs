using System.Collections.Concurrent;
using Mahse.Forms.Model;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Forms.Storage;

/// <summary>Forms and their folders in Umbraco's database (one JSON definition per form), definitions read through a memory cache.</summary>
public sealed class FormStore(IScopeProvider scopes, IEventAggregator events, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, FormDefinition?> _cache = new();

    public async Task<FormDefinition?> GetAsync(Guid key, CancellationToken ct = default)
    {
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        using var scope = scopes.CreateScope(autoComplete: true);
        var row = await scope.Database.FirstOrDefaultAsync<FormRow>(scope.SqlContext.Sql().SelectAll().From<FormRow>().Where<FormRow>(f => f.Key == key));
        var form = row is null ? null : FormJson.Parse(row.Definition);
        _cache[key] = form;
        return form;
    }

    /// <summary>Every form's summary row, by name (definitions not parsed).</summary>
    public async Task<IReadOnlyList<FormSummary>> ListAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        var rows = await scope.Database.FetchAsync<FormRow>(scope.SqlContext.Sql().SelectAll().From<FormRow>().OrderBy<FormRow>(f => f.Name));
        return rows.Select(r => new FormSummary(r.Key, r.Name, r.FolderKey, r.CreateDate, r.UpdateDate)).ToList();
    }

    public async Task<IReadOnlyList<FormDefinition>> AllAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        var rows = await scope.Database.FetchAsync<FormRow>(scope.SqlContext.Sql().SelectAll().From<FormRow>().OrderBy<FormRow>(f => f.Name));
        return rows.Select(r => FormJson.Parse(r.Definition)).ToList();
    }

    public async Task<Guid?> FolderOfAsync(Guid formKey, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        var row = await scope.Database.FirstOrDefaultAsync<FormRow>(scope.SqlContext.Sql().SelectAll().From<FormRow>().Where<FormRow>(f => f.Key == formKey));
        return row?.FolderKey;
    }

    /// <summary>Creates or replaces a form (keeping its folder unless one is given); true when it was new.</summary>
    public async Task<bool> SaveAsync(FormDefinition form, Guid? folderKey = null, bool moveToRoot = false, CancellationToken ct = default)
    {
        bool created;
        using (var scope = scopes.CreateScope())
        {
            scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
            var row = await scope.Database.FirstOrDefaultAsync<FormRow>(scope.SqlContext.Sql().SelectAll().From<FormRow>().Where<FormRow>(f => f.Key == form.Id));
            var now = clock.GetUtcNow().UtcDateTime;
            created = row is null;
            row ??= new FormRow { Key = form.Id, CreateDate = now };
            row.Name = form.Name;
            row.Definition = FormJson.Serialize(form);
            row.UpdateDate = now;
            if (folderKey is not null || moveToRoot)
            {
                row.FolderKey = folderKey;
            }

            if (created)
            {
                await scope.Database.InsertAsync(row);
            }
            else
            {
                await scope.Database.UpdateAsync(row);
            }

            scope.Complete();
        }

        _cache.TryRemove(form.Id, out _);
        await events.PublishAsync(new FormSavedNotification(form.Id, form.Name), ct);
        return created;
    }

    public async Task<bool> DeleteAsync(Guid key, CancellationToken ct = default)
    {
        bool deleted;
        string? name;
        using (var scope = scopes.CreateScope())
        {
            scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
            var row = await scope.Database.FirstOrDefaultAsync<FormRow>(scope.SqlContext.Sql().SelectAll().From<FormRow>().Where<FormRow>(f => f.Key == key));
            name = row?.Name;
            deleted = row is not null && await scope.Database.DeleteAsync(row) > 0;
            scope.Complete();
        }

        _cache.TryRemove(key, out _);
        if (deleted)
        {
            await events.PublishAsync(new FormDeletedNotification(key, name ?? ""), ct);
        }

        return deleted;
    }

    public async Task<IReadOnlyList<FormFolderRow>> FoldersAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        return await scope.Database.FetchAsync<FormFolderRow>(scope.SqlContext.Sql().SelectAll().From<FormFolderRow>().OrderBy<FormFolderRow>(f => f.Name));
    }

    /// <summary>Creates or renames/moves a folder; false when its parent does not exist or would be itself or below it.</summary>
    public async Task<bool> SaveFolderAsync(Guid key, string name, Guid? parentKey, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var folders = (await scope.Database.FetchAsync<FormFolderRow>(scope.SqlContext.Sql().SelectAll().From<FormFolderRow>())).ToDictionary(f => f.Key);
        for (var parent = parentKey; parent is not null; parent = folders[parent.Value].ParentKey)
        {
            if (parent == key || !folders.ContainsKey(parent.Value))
            {
                return false;
            }
        }

        if (folders.TryGetValue(key, out var row))
        {
            row.Name = name;
            row.ParentKey = parentKey;
            await scope.Database.UpdateAsync(row);
        }
        else
        {
            await scope.Database.InsertAsync(new FormFolderRow { Key = key, Name = name, ParentKey = parentKey });
        }

        scope.Complete();
        return true;
    }

    /// <summary>Deletes an empty folder; false when it is missing or still holds forms or folders.</summary>
    public async Task<bool> DeleteFolderAsync(Guid key, CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
        var db = scope.Database;
        var inUse = await db.ExecuteScalarAsync<int>(scope.SqlContext.Sql().SelectCount().From<FormRow>().Where<FormRow>(f => f.FolderKey == key))
            + await db.ExecuteScalarAsync<int>(scope.SqlContext.Sql().SelectCount().From<FormFolderRow>().Where<FormFolderRow>(f => f.ParentKey == key));
        var deleted = inUse == 0 && await db.ExecuteAsync(scope.SqlContext.Sql().Delete<FormFolderRow>().Where<FormFolderRow>(f => f.Key == key)) > 0;
        scope.Complete();
        return deleted;
    }
}

public sealed record FormSummary(Guid Key, string Name, Guid? FolderKey, DateTime CreateDate, DateTime UpdateDate);

/// <summary>A form was saved (after commit): the sync module's export on save listens.</summary>
public sealed record FormSavedNotification(Guid FormId, string Name) : INotification;

/// <summary>A form was deleted (after commit).</summary>
public sealed record FormDeletedNotification(Guid FormId, string Name) : INotification;
