using Umbraco.Cms.Core;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.ContentEditing;
using Umbraco.Cms.Core.Services;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Domains and cultures of root documents (<c>Domains/</c>), matched by domain name (uSync's keys are hashes of it).
/// Umbraco sets a document's domains as one list, so each file's domain is merged into the document's current list.
/// </summary>
public sealed class DomainHandler(IDomainService domains, IContentService contents, IEntityService entities, UsyncNames names) : ISyncHandler
{
    public string Name => "DomainHandler";

    public string Folder => "Domains";

    public string ItemType => "Domain";

    public int WriteLock => Constants.Locks.Domains;

    public int Priority => 1219;

    public SyncGroups Group => SyncGroups.Content;

    public bool OrderByLevel => false;

    private static string DomainName(SyncFile file) => file.Alias;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        (await domains.GetAllAsync(true)).FirstOrDefault(d => string.Equals(d.DomainName, DomainName(file), StringComparison.OrdinalIgnoreCase)) is { } domain
            ? Serialize(domain)
            : null;

    public Task<string?> ParentProblemAsync(SyncFile file, SyncImportContext context, CancellationToken ct)
    {
        var root = UsyncXml.ReadGuid(file.Root.Element("Info")?.Element("Root")?.Attribute("Key")?.Value);
        return Task.FromResult(root is { } key && (context.BatchKeys.Contains(key) || contents.GetById(key) is not null)
            ? null
            : $"The document the domain is assigned to ({root}) does not exist.");
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var info = file.Root.Element("Info");
        var rootKey = UsyncXml.ReadGuid(info?.Element("Root")?.Attribute("Key")?.Value);
        var iso = info?.Element("Language")?.Value.Trim() ?? "";
        if (rootKey is not { } key || contents.GetById(key) is not { } root)
        {
            return new SyncItemOutcome(SyncChange.ParentMissing, "The document the domain is assigned to does not exist.");
        }

        var wildcard = UsyncXml.ReadBool(info?.Element("IsWildcard"));
        var current = (await domains.GetAssignedDomainsAsync(key, true)).ToList();
        var model = new DomainsUpdateModel
        {
            DefaultIsoCode = wildcard ? iso : current.FirstOrDefault(d => d.IsWildcard)?.LanguageIsoCode,
            Domains = current.Where(d => !d.IsWildcard && !string.Equals(d.DomainName, DomainName(file), StringComparison.OrdinalIgnoreCase))
                .Select(d => new DomainModel { DomainName = d.DomainName, IsoCode = d.LanguageIsoCode ?? iso })
                .Concat(wildcard ? [] : [new DomainModel { DomainName = DomainName(file), IsoCode = iso }])
                .ToList(),
        };
        var updated = await domains.UpdateDomainsAsync(root.Key, model);
        return updated.Success ? new SyncItemOutcome(change) : SyncItemOutcome.Fail($"{updated.Status}");
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        var domain = (await domains.GetAllAsync(true)).FirstOrDefault(d => string.Equals(d.DomainName, DomainName(marker), StringComparison.OrdinalIgnoreCase));
        if (domain?.RootContentId is not { } rootId || contents.GetById(rootId) is not { } root)
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        var current = (await domains.GetAssignedDomainsAsync(root.Key, true)).ToList();
        var updated = await domains.UpdateDomainsAsync(root.Key, new DomainsUpdateModel
        {
            DefaultIsoCode = domain.IsWildcard ? null : current.FirstOrDefault(d => d.IsWildcard)?.LanguageIsoCode,
            Domains = current.Where(d => !d.IsWildcard && d.Id != domain.Id)
                .Select(d => new DomainModel { DomainName = d.DomainName, IsoCode = d.LanguageIsoCode ?? "" })
                .ToList(),
        });
        return updated.Success ? new SyncItemOutcome(SyncChange.Delete) : SyncItemOutcome.Fail($"{updated.Status}");
    }

    public string FileNameFor(XElement item) =>
        names.SafeFileName($"{item.Attribute("Alias")!.Value}_{item.Element("Info")?.Element("Language")?.Value}") + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct) =>
        (await domains.GetAllAsync(true)).Select(Serialize).Select(x => (FileNameFor(x), Guid.Parse(x.Attribute("Key")!.Value), x)).ToList();

    private XElement Serialize(IDomain domain)
    {
        var root = domain.RootContentId is { } id ? contents.GetById(id) : null;
        var path = root is null ? "" : "/" + string.Join('/', root.Path.Split(',').Select(int.Parse).Where(i => i > 0)
            .Select(i => entities.Get(i)?.Name ?? "").Select(names.SafeAlias));
        return new XElement("Domain",
            new XAttribute("Key", UsyncKeys.For(domain.DomainName).ToString()),
            new XAttribute("Alias", domain.DomainName),
            new XElement("Info",
                new XElement("IsWildcard", UsyncXml.CamelBool(domain.IsWildcard)),
                new XElement("Language", domain.LanguageIsoCode ?? ""),
                new XElement("Root", new XAttribute("Key", (root?.Key ?? Guid.Empty).ToString()), path)));
    }
}
