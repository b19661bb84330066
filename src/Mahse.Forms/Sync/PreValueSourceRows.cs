using Mahse.Forms.Storage;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Infrastructure.Scoping;
using Umbraco.Extensions;

namespace Mahse.Forms.Sync;

/// <summary>
/// The stored prevalue sources (<see cref="PreValueSourceRow"/>), read and written on Umbraco scopes. A write takes
/// <see cref="FormsLocks.Forms"/> before it reads (decision 0012). Saves and deletes are announced once their scope
/// completes, for export on save and for whoever caches the sources' choices.
/// </summary>
public sealed class PreValueSourceRows(IScopeProvider scopes, IEventAggregator events)
{
    public async Task<PreValueSourceRow?> GetAsync(Guid key)
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        return await scope.Database.FirstOrDefaultAsync<PreValueSourceRow>(scope.SqlContext.Sql().SelectAll().From<PreValueSourceRow>().Where<PreValueSourceRow>(r => r.Key == key));
    }

    public async Task<IReadOnlyList<PreValueSourceRow>> AllAsync()
    {
        using var scope = scopes.CreateScope(autoComplete: true);
        return await scope.Database.FetchAsync<PreValueSourceRow>(scope.SqlContext.Sql().SelectAll().From<PreValueSourceRow>().OrderBy<PreValueSourceRow>(r => r.Name));
    }

    /// <summary>Creates or replaces the source with the row's key; true when it was new.</summary>
    public async Task<bool> SaveAsync(PreValueSourceRow source, CancellationToken ct = default)
    {
        bool created;
        using (var scope = scopes.CreateScope())
        {
            scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
            var row = await scope.Database.FirstOrDefaultAsync<PreValueSourceRow>(scope.SqlContext.Sql().SelectAll().From<PreValueSourceRow>().Where<PreValueSourceRow>(r => r.Key == source.Key));
            created = row is null;
            row ??= new PreValueSourceRow { Key = source.Key };
            row.Name = source.Name;
            row.TypeId = source.TypeId;
            row.Settings = source.Settings;
            row.Items = source.Items;
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

        await events.PublishAsync(new PreValueSourceSavedNotification(source.Key, source.Name), ct);
        return created;
    }

    public async Task<bool> DeleteAsync(Guid key, CancellationToken ct = default)
    {
        string? name;
        using (var scope = scopes.CreateScope())
        {
            scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
            var row = await scope.Database.FirstOrDefaultAsync<PreValueSourceRow>(scope.SqlContext.Sql().SelectAll().From<PreValueSourceRow>().Where<PreValueSourceRow>(r => r.Key == key));
            name = row?.Name;
            if (row is not null)
            {
                await scope.Database.DeleteAsync(row);
            }

            scope.Complete();
        }

        if (name is null)
        {
            return false;
        }

        await events.PublishAsync(new PreValueSourceDeletedNotification(key, name), ct);
        return true;
    }
}

/// <summary>A prevalue source was saved (its choices may have changed).</summary>
public sealed record PreValueSourceSavedNotification(Guid Key, string Name) : INotification;

/// <summary>A prevalue source was deleted.</summary>
public sealed record PreValueSourceDeletedNotification(Guid Key, string Name) : INotification;
