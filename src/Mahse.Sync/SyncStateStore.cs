using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync;

/// <summary>
/// Remembers, per item, the file last imported and the state it left (uSync 17's CacheImportState), in Umbraco's own
/// key-value table: importing the same file again over an untouched item is NoChange, however the file is written.
/// </summary>
public sealed class SyncStateStore(IKeyValueService keyValues)
{
    private const string Prefix = "Mahse.Sync.State/";

    public static string Hash(XElement element) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(UsyncXml.ToText(element))));

    public IReadOnlyDictionary<Guid, SyncState> Load(string itemType)
    {
        var prefix = Prefix + itemType + "/";
        var found = keyValues.FindByKeyPrefix(prefix) ?? new Dictionary<string, string?>();
        var states = new Dictionary<Guid, SyncState>();
        foreach (var (key, value) in found)
        {
            if (!Guid.TryParse(key[prefix.Length..], out var itemKey))
            {
                continue;
            }

            switch (value?.Split(':'))
            {
                case [var file, var state]:
                    states[itemKey] = new SyncState(file, state);
                    break;
                case [var file, var state, var stamp]:
                    states[itemKey] = new SyncState(file, state, stamp.Length == 0 ? null : stamp);
                    break;
            }
        }

        return states;
    }

    public void Save(string itemType, Guid key, SyncState state) =>
        keyValues.SetValue($"{Prefix}{itemType}/{key:D}", $"{state.FileHash}:{state.StateHash}:{state.Stamp}");
}

/// <summary>
/// What an import left: the file's hash, the item's serialised state after it, and (for handlers that have one) a cheap
/// stamp of the item, such as its update date, that changes whenever the item does.
/// </summary>
public sealed record SyncState(string FileHash, string StateHash, string? Stamp = null);
