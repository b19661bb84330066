using Umbraco.Cms.Core;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Dictionary items (<c>Dictionary/</c>, uSync's Content group): an item's key string, its parent's key string and a
/// translation per language. Parents go first (Level 0 at the root).
/// </summary>
public sealed class DictionaryHandler(IDictionaryItemService dictionary, ILanguageService languages, UsyncNames names) : ISyncHandler
{
    public string Name => "DictionaryHandler";

    public string Folder => "Dictionary";

    public string ItemType => "Dictionary";

    public int WriteLock => Constants.Locks.Languages;

    public int Priority => 1006;

    public SyncGroups Group => SyncGroups.Content;

    public bool OrderByLevel => true;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        var item = (file.Key is { } key ? await dictionary.GetAsync(key) : null) ?? await dictionary.GetAsync(file.Alias);
        return item is null ? null : await SerializeAsync(item);
    }

    public async Task<string?> ParentProblemAsync(SyncFile file, SyncImportContext context, CancellationToken ct)
    {
        var parent = file.Root.Element("Info")?.Element("Parent")?.Value.Trim();
        return string.IsNullOrEmpty(parent) || context.DryRun || await dictionary.GetAsync(parent) is not null
            ? null
            : $"The parent dictionary item '{parent}' does not exist.";
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var parentKey = file.Root.Element("Info")?.Element("Parent")?.Value.Trim() is { Length: > 0 } p ? (await dictionary.GetAsync(p))?.Key : null;
        var existing = await dictionary.GetAsync(file.Key!.Value) ?? await dictionary.GetAsync(file.Alias);
        var item = existing ?? new DictionaryItem(parentKey, file.Alias) { Key = file.Key.Value };
        item.ItemKey = file.Alias;
        item.ParentId = parentKey;

        var warnings = new List<string>();
        var installed = (await languages.GetAllAsync()).ToDictionary(l => l.IsoCode, StringComparer.OrdinalIgnoreCase);
        var translations = new List<IDictionaryTranslation>();
        foreach (var translation in file.Root.Element("Translations")?.Elements("Translation") ?? [])
        {
            var iso = translation.Attribute("Language")?.Value ?? "";
            if (!installed.TryGetValue(iso, out var language))
            {
                warnings.Add($"Language '{iso}' is not installed; its translation was left out.");
                continue;
            }

            translations.Add(new DictionaryTranslation(language, translation.Value));
        }

        item.Translations = translations;
        var saved = existing is null ? await dictionary.CreateAsync(item, SyncUser.Key) : await dictionary.UpdateAsync(item, SyncUser.Key);
        return saved.Success ? new SyncItemOutcome(change, Warnings: warnings) : SyncItemOutcome.Fail($"{saved.Status}");
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        var item = (marker.Key is { } key ? await dictionary.GetAsync(key) : null) ?? await dictionary.GetAsync(marker.Alias);
        if (item is null)
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        var deleted = await dictionary.DeleteAsync(item.Key, SyncUser.Key);
        return deleted.Success ? new SyncItemOutcome(SyncChange.Delete) : SyncItemOutcome.Fail($"{deleted.Status}");
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        var result = new List<(string, Guid, XElement)>();
        foreach (var item in await dictionary.GetDescendantsAsync(null))
        {
            var xml = await SerializeAsync(item);
            result.Add((FileNameFor(xml), item.Key, xml));
        }

        return result;
    }

    private async Task<XElement> SerializeAsync(IDictionaryItem item)
    {
        var level = 0;
        string? parentItemKey = null;
        for (var parentId = item.ParentId; parentId is { } id && level < 100; level++)
        {
            var parent = await dictionary.GetAsync(id);
            parentItemKey ??= parent?.ItemKey;
            parentId = parent?.ParentId;
        }

        var info = new XElement("Info");
        if (parentItemKey is not null)
        {
            info.Add(new XElement("Parent", parentItemKey));
        }

        return new XElement("Dictionary",
            new XAttribute("Key", item.Key.ToString()),
            new XAttribute("Alias", item.ItemKey),
            new XAttribute("Level", level),
            info,
            new XElement("Translations", item.Translations
                .OrderBy(t => t.LanguageIsoCode, StringComparer.InvariantCulture)
                .Select(t => new XElement("Translation", new XAttribute("Language", t.LanguageIsoCode), t.Value))));
    }
}
