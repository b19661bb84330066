using System.Globalization;
using System.Xml.Linq;
using Mahse.Sync.Serialization;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;
using Umbraco.Extensions;

namespace Mahse.Sync.Handlers;

/// <summary>
/// Documents (<c>Content/</c>) on <see cref="IContentService"/>: saved, then published or unpublished as the file
/// says, with its schedule and template. Public access (our <c>PublicAccess</c> extension) is applied in the second
/// pass, once the login and error pages it names exist. Each item runs in its own scope: a document that cannot be
/// published as its file asks is not left behind as a half-imported draft.
/// </summary>
public sealed class ContentHandler(
    IContentService contents,
    IContentTypeService contentTypes,
    ITemplateService templates,
    IPublicAccessService publicAccess,
    IMemberGroupService memberGroups,
    IEntityService entities,
    UsyncNames names) : ContentItemHandlerBase<IContent>(entities, names)
{
    public override string Name => "ContentHandler";

    public override string ItemType => "Content";

    public override int WriteLock => Constants.Locks.ContentTree;

    public override int Priority => 1210;

    protected override UmbracoObjectTypes ObjectType => UmbracoObjectTypes.Document;

    protected override IContent? Get(Guid key) => contents.GetById(key);

    protected override IContent? Get(int id) => contents.GetById(id);

    protected override IContentTypeComposition? FindType(string alias) => contentTypes.Get(alias);

    protected override IContent Create(string name, int parentId, IContentTypeComposition type) => contents.Create(name, parentId, (IContentType)type);

    protected override string? Move(IContent item, int parentId)
    {
        var moved = contents.Move(item, parentId);
        return moved.Success ? null : $"Could not move it under {parentId}: {moved.Result}.";
    }

    protected override string? Trash(IContent item)
    {
        var trashed = contents.MoveToRecycleBin(item);
        return trashed.Success ? null : $"Could not move it to the recycle bin: {trashed.Result}.";
    }

    protected override IEnumerable<IContent> DescendantsPage(long page, int pageSize, out long total) =>
        contents.GetPagedDescendants(Constants.System.Root, page, pageSize, out total);

    protected override async Task<string?> SaveAsync(IContent item, XElement info, List<string> warnings)
    {
        var template = info.Element("Template");
        var templateKey = UsyncXml.ReadGuid(template?.Attribute("Key")?.Value);
        var templateAlias = template?.Value.Trim();
        if (templateKey is not null || !string.IsNullOrEmpty(templateAlias))
        {
            var found = (templateKey is { } k ? await templates.GetAsync(k) : null) ?? await templates.GetAsync(templateAlias);
            if (found is null)
            {
                warnings.Add($"Template '{templateAlias}' does not exist; none was set.");
            }

            item.TemplateId = found?.Id;
        }
        else
        {
            item.TemplateId = null;
        }

        var schedule = ReadSchedule(info);
        var published = ReadPublished(info, item);
        var isNew = !item.HasIdentity;
        if (published is not null)
        {
            // Umbraco's one-commit save and publish: a new document then refreshes only its own node in the caches,
            // where a save followed by a publish refreshes it as a branch (its descendants walked) for each item.
            var result = contents.SaveAndPublish(item, published);
            if (!result.Success)
            {
                var invalid = result.InvalidProperties?.Select(p => p.Alias).ToList() ?? [];
                return $"Could not publish ({result.Result})" + (invalid.Count > 0 ? ": invalid " + string.Join(", ", invalid) : ".");
            }

            // SaveAndPublish takes no schedule; only a new document is known to have none to clear.
            if (schedule.FullSchedule.Count > 0 || (!isNew && contents.GetContentScheduleByContentId(item.Id).FullSchedule.Count > 0))
            {
                contents.PersistContentSchedule(item, schedule);
            }

            return null;
        }

        var saved = contents.Save(item, null, schedule);
        if (!saved.Success)
        {
            return $"Could not save: {saved.Result}.";
        }

        if (item.Published)
        {
            var result = contents.Unpublish(item);
            if (!result.Success)
            {
                return $"Could not unpublish ({result.Result}).";
            }
        }

        return null;
    }

    /// <summary>
    /// The cultures to publish, as <see cref="IContentService.SaveAndPublish"/> takes them (empty for an invariant
    /// document marked published, the cultures marked true for a variant one); null when nothing is to be published.
    /// </summary>
    private static string[]? ReadPublished(XElement info, IContent item)
    {
        var element = info.Element("Published");
        if (!item.ContentType.VariesByCulture())
        {
            return bool.TryParse(element?.Attribute("Default")?.Value, out var published) && published ? [] : null;
        }

        var cultures = (element?.Elements("Published") ?? [])
            .Where(e => UsyncXml.ReadBool(e))
            .Select(e => e.Attribute("Culture")?.Value)
            .OfType<string>()
            .ToArray();
        return cultures.Length > 0 ? cultures : null;
    }

    private static ContentScheduleCollection ReadSchedule(XElement info)
    {
        var schedule = new ContentScheduleCollection();
        foreach (var entry in info.Element("Schedule")?.Elements("ContentSchedule") ?? [])
        {
            if (!DateTime.TryParse(entry.Element("Date")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !Enum.TryParse<ContentScheduleAction>(entry.Element("Action")?.Value, true, out var action))
            {
                continue;
            }

            var culture = entry.Element("Culture")?.Value is { Length: > 0 } c ? c : Constants.System.InvariantCulture;
            schedule.Add(new ContentSchedule(culture, date, action));
        }

        return schedule;
    }

    protected override void SerializeInfoExtras(IContent item, XElement info)
    {
        var published = new XElement("Published", new XAttribute("Default", UsyncXml.CamelBool(item.Published)));
        if (item.ContentType.VariesByCulture())
        {
            foreach (var culture in item.AvailableCultures.Order(StringComparer.InvariantCulture))
            {
                published.Add(new XElement("Published", new XAttribute("Culture", culture), UsyncXml.CamelBool(item.IsCulturePublished(culture))));
            }
        }

        var schedule = new XElement("Schedule");
        foreach (var entry in contents.GetContentScheduleByContentId(item.Id).FullSchedule.OrderBy(s => s.Date).ThenBy(s => s.Culture, StringComparer.InvariantCulture))
        {
            schedule.Add(new XElement("ContentSchedule",
                new XElement("Culture", entry.Culture == Constants.System.InvariantCulture ? "" : entry.Culture),
                new XElement("Action", entry.Action.ToString()),
                new XElement("Date", UsyncXml.Date(entry.Date))));
        }

        var template = item.TemplateId is { } id ? templates.GetAsync(id).GetAwaiter().GetResult() : null;
        info.Add(published, schedule, template is null ? new XElement("Template") : new XElement("Template", new XAttribute("Key", template.Key.ToString()), template.Alias));
    }

    // ---- public access: docs/usync-extensions.md ----

    /// <summary>
    /// The document's own public access entry (not one inherited from an ancestor). Umbraco keeps every entry in one
    /// cached set, so this costs no query.
    /// </summary>
    private PublicAccessEntry? ProtectionOf(int documentId) =>
        publicAccess.GetAll().FirstOrDefault(e => e.ProtectedNodeId == documentId);

    protected override string StampExtras(int id) =>
        ProtectionOf(id) is { } entry
            ? $"|{entry.UpdateDate.Ticks}|{string.Join(',', entry.Rules.Select(r => r.RuleValue).Order(StringComparer.Ordinal))}"
            : "|-";

    protected override Task<XElement?> SerializeExtrasAsync(IContent item) => Task.FromResult(SerializePublicAccess(item));

    private XElement? SerializePublicAccess(IContent item)
    {
        var entry = ProtectionOf(item.Id);
        if (entry is null)
        {
            return null;
        }

        var element = new XElement("PublicAccess");
        if (contents.GetById(entry.LoginNodeId) is { } login)
        {
            element.Add(new XAttribute("LoginPage", login.Key.ToString()));
        }

        if (contents.GetById(entry.NoAccessNodeId) is { } error)
        {
            element.Add(new XAttribute("ErrorPage", error.Key.ToString()));
        }

        foreach (var rule in entry.Rules.OrderBy(r => r.RuleType, StringComparer.Ordinal).ThenBy(r => r.RuleValue, StringComparer.InvariantCulture))
        {
            element.Add(new XElement(rule.RuleType == Constants.Conventions.PublicAccess.MemberRoleRuleType ? "MemberGroup" : "Member", rule.RuleValue));
        }

        return element;
    }

    public override async Task<SyncItemOutcome?> SecondPassAsync(SyncFile file, SyncImportContext context, CancellationToken ct)
    {
        // From Umbraco's id-key map and cached public access entries: most documents are not protected and need nothing.
        if (Entities.GetId(file.Key!.Value, UmbracoObjectTypes.Document) is not { Success: true } id)
        {
            return null;
        }

        var wanted = file.Root.Element("PublicAccess");
        var existing = ProtectionOf(id.Result);
        if (wanted is null)
        {
            if (existing is null)
            {
                return null;
            }

            var removed = await publicAccess.DeleteAsync(file.Key.Value);
            return removed.Success ? null : SyncItemOutcome.Fail($"Second Pass Fail: public access could not be removed ({removed.Result}).");
        }

        var groups = wanted.Elements("MemberGroup").Select(e => e.Value.Trim()).Where(v => v.Length > 0).ToArray();
        var members = wanted.Elements("Member").Select(e => e.Value.Trim()).Where(v => v.Length > 0).ToArray();
        var warnings = new List<string>();
        foreach (var group in groups)
        {
            if (await memberGroups.GetByNameAsync(group) is null)
            {
                warnings.Add($"Public access names member group '{group}', which does not exist.");
            }
        }

        var login = UsyncXml.ReadGuid(wanted.Attribute("LoginPage")?.Value);
        var error = UsyncXml.ReadGuid(wanted.Attribute("ErrorPage")?.Value);
        if (login is null || error is null)
        {
            return SyncItemOutcome.Fail("Second Pass Fail: public access needs a LoginPage and an ErrorPage (Umbraco requires both pages).");
        }

        var slim = new PublicAccessEntrySlim
        {
            ContentId = file.Key.Value,
            MemberGroupNames = groups,
            MemberUserNames = members,
            LoginPageId = login.Value,
            ErrorPageId = error.Value,
        };
        var saved = existing is null ? await publicAccess.CreateAsync(slim) : await publicAccess.UpdateAsync(slim);
        return saved.Success
            ? (warnings.Count == 0 ? null : new SyncItemOutcome(SyncChange.Update, Warnings: warnings))
            : SyncItemOutcome.Fail($"Second Pass Fail: public access could not be saved ({saved.Status}).");
    }
}
