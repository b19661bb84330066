using Umbraco.Cms.Core;
using System.Globalization;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.ContentEditing;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;

namespace Mahse.Sync.Handlers;

/// <summary>Document types (<c>ContentTypes/</c>): with templates, variations per property and history clean-up.</summary>
public sealed class ContentTypeHandler(
    IContentTypeService types,
    IContentTypeContainerService containers,
    IDataTypeService dataTypes,
    ITemplateService templates,
    IShortStringHelper shortStrings,
    UsyncNames names)
    : ContentTypeHandlerBase<IContentType>(types, containers, dataTypes, shortStrings, names)
{
    public override string Name => "ContentTypeHandler";

    public override string ItemType => "ContentType";

    public override int WriteLock => Constants.Locks.ContentTypes;

    public override int Priority => 1030;

    protected override bool StructureFirst => true;

    protected override IContentType Create(int parentId) => new ContentType(ShortStrings, parentId);

    protected override void SerializePropertyExtras(IContentType type, IPropertyType property, XElement element) =>
        element.Add(new XElement("Variations", property.Variations.ToString()));

    protected override void ApplyPropertyExtras(IContentType type, IPropertyType property, XElement element)
    {
        if (Enum.TryParse<ContentVariation>(element.Element("Variations")?.Value, true, out var variations))
        {
            property.Variations = variations;
        }
    }

    protected override void SerializeHistoryCleanup(IContentType type, XElement info)
    {
        var cleanup = type.HistoryCleanup ?? new HistoryCleanup();
        info.Add(new XElement("HistoryCleanup",
            new XElement("PreventCleanup", UsyncXml.PascalBool(cleanup.PreventCleanup)),
            new XElement("KeepAllVersionsNewerThanDays", cleanup.KeepAllVersionsNewerThanDays?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new XElement("KeepLatestVersionPerDayForDays", cleanup.KeepLatestVersionPerDayForDays?.ToString(CultureInfo.InvariantCulture) ?? "")));
    }

    protected override void SerializeTemplates(IContentType type, XElement info)
    {
        info.Add(new XElement("DefaultTemplate", type.DefaultTemplate is { Id: not 0 } template ? template.Alias : ""));
        info.Add(new XElement("AllowedTemplates", (type.AllowedTemplates ?? [])
            .OrderBy(t => t.Alias, StringComparer.InvariantCulture)
            .Select(t => new XElement("Template", new XAttribute("Key", t.Key.ToString()), t.Alias))));
    }

    protected override async Task ApplyInfoAsync(IContentType type, SyncFile file, List<string> warnings)
    {
        var info = file.Root.Element("Info");
        var allowed = new List<ITemplate>();
        foreach (var element in info?.Element("AllowedTemplates")?.Elements("Template") ?? [])
        {
            var template = (UsyncXml.ReadGuid(element.Attribute("Key")?.Value) is { } key ? await templates.GetAsync(key) : null)
                ?? await templates.GetAsync(element.Value.Trim());
            if (template is null)
            {
                warnings.Add($"Template '{element.Value.Trim()}' does not exist; it was left out.");
                continue;
            }

            allowed.Add(template);
        }

        if (!(type.AllowedTemplates ?? []).Select(t => t.Key).Order().SequenceEqual(allowed.Select(t => t.Key).Order()))
        {
            type.AllowedTemplates = allowed;
        }

        var defaultAlias = info?.Element("DefaultTemplate")?.Value.Trim() ?? "";
        var defaultTemplate = allowed.FirstOrDefault(t => string.Equals(t.Alias, defaultAlias, StringComparison.OrdinalIgnoreCase));
        if (defaultAlias.Length > 0 && defaultTemplate is null && !type.IsElement)
        {
            warnings.Add($"Default template '{defaultAlias}' is not among the allowed templates; none was set.");
        }

        if ((type.DefaultTemplate?.Key) != defaultTemplate?.Key)
        {
            type.SetDefaultTemplate(defaultTemplate);
        }
    }

    protected override void ApplySecondPassInfo(IContentType type, SyncFile file)
    {
        if (file.Root.Element("Info")?.Element("HistoryCleanup") is not { } element)
        {
            return;
        }

        var cleanup = type.HistoryCleanup ?? new HistoryCleanup();
        var prevent = UsyncXml.ReadBool(element.Element("PreventCleanup"));
        var newer = int.TryParse(element.Element("KeepAllVersionsNewerThanDays")?.Value, out var n) ? n : (int?)null;
        var perDay = int.TryParse(element.Element("KeepLatestVersionPerDayForDays")?.Value, out var d) ? d : (int?)null;
        if (cleanup.PreventCleanup != prevent || cleanup.KeepAllVersionsNewerThanDays != newer || cleanup.KeepLatestVersionPerDayForDays != perDay)
        {
            type.HistoryCleanup = new HistoryCleanup { PreventCleanup = prevent, KeepAllVersionsNewerThanDays = newer, KeepLatestVersionPerDayForDays = perDay };
        }
    }
}
