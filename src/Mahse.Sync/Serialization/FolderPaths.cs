using System.Web;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.Entities;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Serialization;

/// <summary>
/// The folders (Umbraco's entity containers) of data types and content types, as uSync's <c>Folder</c> element writes
/// them: each folder name URL-encoded, joined by '/'. Missing folders are created on import, as uSync does.
/// </summary>
public sealed class FolderPaths<TItem>(IEntityTypeContainerService<TItem> containers)
    where TItem : ITreeEntity
{
    public static string Encode(IEnumerable<string> names) => string.Join('/', names.Select(n => HttpUtility.UrlEncode(n)));

    public static IReadOnlyList<string> Decode(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => HttpUtility.UrlDecode(s)).ToList();

    /// <summary>The encoded folder path of an item whose parent id is given; null at the root.</summary>
    public async Task<string?> PathOfAsync(int parentId)
    {
        if (parentId <= 0)
        {
            return null;
        }

        var byId = (await containers.GetAllAsync()).ToDictionary(c => c.Id);
        var names = new List<string>();
        for (var id = parentId; byId.TryGetValue(id, out var container); id = container.ParentId)
        {
            names.Insert(0, container.Name ?? "");
        }

        return names.Count == 0 ? null : Encode(names);
    }

    /// <summary>The container at an encoded path, created (with its ancestors) when missing; null for the root.</summary>
    public async Task<EntityContainer?> EnsureAsync(string? encodedPath, Guid userKey)
    {
        var names = string.IsNullOrWhiteSpace(encodedPath) ? [] : Decode(encodedPath);
        if (names.Count == 0)
        {
            return null;
        }

        var all = (await containers.GetAllAsync()).ToList();
        EntityContainer? parent = null;
        foreach (var name in names)
        {
            var parentId = parent?.Id ?? -1;
            var found = all.FirstOrDefault(c => c.ParentId == parentId && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                var created = await containers.CreateAsync(null, name, parent?.Key, userKey);
                if (!created.Success || created.Result is null)
                {
                    throw new InvalidOperationException($"The folder '{name}' could not be created: {created.Status}.");
                }

                found = created.Result;
                all.Add(found);
            }

            parent = found;
        }

        return parent;
    }
}
