using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Sync;

/// <summary>Remembers, per item, the file last imported and the state it left (uSync 17's CacheImportState).</summary>
public sealed class SyncStateStore(ICmsDbContextFactory contexts, TimeProvider clock)
{
    public static string Hash(XElement element) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(UsyncXml.ToText(element))));

    public async Task<Dictionary<Guid, SyncStateRow>> LoadAsync(string itemType, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        return await db.SyncState.AsNoTracking().Where(s => s.ItemType == itemType).ToDictionaryAsync(s => s.Key, ct);
    }

    public async Task SaveAsync(string itemType, IReadOnlyList<(Guid Key, string FileHash, string StateHash)> states, CancellationToken ct)
    {
        if (states.Count == 0)
        {
            return;
        }

        await using var db = contexts.CreateDbContext();
        var keys = states.Select(s => s.Key).ToList();
        var existing = await db.SyncState.Where(s => s.ItemType == itemType && keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, fileHash, stateHash) in states)
        {
            if (!existing.TryGetValue(key, out var row))
            {
                row = new SyncStateRow { Key = key, ItemType = itemType };
                db.SyncState.Add(row);
            }

            row.FileHash = fileHash;
            row.StateHash = stateHash;
            row.UpdateDate = now;
        }

        await db.SaveChangesAsync(ct);
    }
}
