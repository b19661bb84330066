using Umbraco.Cms.Core;
using System.Globalization;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Languages (<c>Languages/</c>), matched by ISO code (uSync's keys are hashes of the code, not Umbraco's keys).
/// </summary>
public sealed class LanguageHandler(ILanguageService languages) : ISyncHandler
{
    public string Name => "LanguageHandler";

    public string Folder => "Languages";

    public string ItemType => "Language";

    public int WriteLock => Constants.Locks.Languages;

    public int Priority => 1005;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    private static string IsoCode(SyncFile file) => file.Root.Element("IsoCode")?.Value.Trim() is { Length: > 0 } iso ? iso : file.Alias;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        await languages.GetAsync(IsoCode(file)) is { } language ? Serialize(language) : null;

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var iso = IsoCode(file);
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(iso);
        }
        catch (CultureNotFoundException)
        {
            return SyncItemOutcome.Fail($"'{iso}' is not a culture this server knows.");
        }

        var existing = await languages.GetAsync(iso);
        var language = existing ?? new Language(culture.Name, culture.EnglishName);
        language.CultureName = file.Root.Element("Name")?.Value is { Length: > 0 } name ? name : culture.EnglishName;
        language.IsMandatory = UsyncXml.ReadBool(file.Root.Element("IsMandatory"));
        language.IsDefault = UsyncXml.ReadBool(file.Root.Element("IsDefault")) || (existing?.IsDefault ?? false);
        language.FallbackIsoCode = file.Root.Element("Fallback")?.Value.Trim() is { Length: > 0 } fallback ? fallback : null;
        var saved = existing is null ? await languages.CreateAsync(language, SyncUser.Key) : await languages.UpdateAsync(language, SyncUser.Key);
        return saved.Success ? new SyncItemOutcome(change) : SyncItemOutcome.Fail($"{saved.Status}");
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        var iso = IsoCode(marker);
        if (await languages.GetAsync(iso) is null)
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        var deleted = await languages.DeleteAsync(iso, SyncUser.Key);
        return deleted.Success ? new SyncItemOutcome(SyncChange.Delete) : SyncItemOutcome.Fail($"{deleted.Status}");
    }

    public string FileNameFor(XElement item) => item.Attribute("Alias")!.Value.ToLowerInvariant() + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct) =>
        (await languages.GetAllAsync()).Select(Serialize).Select(x => (FileNameFor(x), Guid.Parse(x.Attribute("Key")!.Value), x)).ToList();

    private static XElement Serialize(ILanguage language)
    {
        var element = new XElement("Language",
            new XAttribute("Key", UsyncKeys.For(language.IsoCode).ToString()),
            new XAttribute("Alias", language.IsoCode),
            new XAttribute("Level", 0),
            new XElement("Name", language.CultureName),
            new XElement("IsoCode", language.IsoCode),
            new XElement("IsMandatory", UsyncXml.CamelBool(language.IsMandatory)),
            new XElement("IsDefault", UsyncXml.CamelBool(language.IsDefault)));
        if (!string.IsNullOrEmpty(language.FallbackIsoCode))
        {
            element.Add(new XElement("Fallback", language.FallbackIsoCode));
        }

        return element;
    }
}
