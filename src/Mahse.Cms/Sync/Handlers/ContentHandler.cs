using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Mahse.Cms.Content;
using Mahse.Cms.Content.PublicAccess;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;

namespace Mahse.Cms.Sync.Handlers;

/// <summary>
/// Documents (<c>Content/</c>) and media (<c>Media/</c>). Files carry Umbraco's stored values, which the property
/// editors accept as they are; values for properties the type does not have are dropped with a warning.
/// </summary>
public sealed class ContentHandler(
    ContentNodeKind kind,
    ICmsDbContextFactory contexts,
    SchemaCache schema,
    TemplateService templates,
    ContentEditingService editing,
    ContentPublishingService publishing,
    ContentStructureService structure,
    RecycleBinService recycleBin,
    PublicAccessRules publicAccess,
    UsyncNames names) : ISyncHandler
{
    public string Name => kind == ContentNodeKind.Media ? "MediaHandler" : "ContentHandler";

    public string Folder => kind == ContentNodeKind.Media ? "Media" : "Content";

    public string ItemType => kind == ContentNodeKind.Media ? "Media" : "Content";

    public int Priority => kind == ContentNodeKind.Media ? 1200 : 1210;

    public SyncGroups Group => SyncGroups.Content;

    public bool OrderByLevel => true;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var node = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Key == file.Key && n.Kind == kind, ct);
        if (node is null)
        {
            return null;
        }

        var ancestorIds = ContentStore.AncestorIds(node.Path).ToList();
        var ancestors = await db.ContentNodes.AsNoTracking().Where(n => ancestorIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        var values = await db.ContentVersions.AsNoTracking().Where(v => v.Id == node.DraftVersionId).Select(v => v.ValuesJson).SingleAsync(ct);
        var access = await db.PublicAccess.AsNoTracking().SingleOrDefaultAsync(a => a.NodeKey == node.Key, ct);
        return Serialize(node, values, ancestorIds.Select(id => ancestors[id]).ToList(), await schema.GetAsync(ct), await templates.GetAllAsync(ct), access);
    }

    public async Task<string?> ParentProblemAsync(SyncFile file, SyncImportContext context, CancellationToken ct)
    {
        var parentKey = UsyncXml.ReadGuid(file.Root.Element("Info")?.Element("Parent")?.Attribute("Key")?.Value) ?? Guid.Empty;
        if (parentKey == Guid.Empty || context.BatchKeys.Contains(parentKey))
        {
            return null;
        }

        await using var db = contexts.CreateDbContext();
        return await db.ContentNodes.AnyAsync(n => n.Key == parentKey && n.Kind == kind, ct)
            ? null
            : $"Parent {parentKey} ({file.Root.Element("Info")?.Element("Parent")?.Value}) is neither in the database nor in this import.";
    }

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        var info = file.Root.Element("Info") ?? new XElement("Info");
        if (UsyncXml.ReadBool(info.Element("Trashed")))
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Trashed items are not imported.");
        }

        var snapshot = await schema.GetAsync(ct);
        var typeAlias = info.Element("ContentType")?.Value ?? "";
        var type = snapshot.FindContentType(typeAlias);
        if (type is null || type.Kind != (kind == ContentNodeKind.Media ? ContentTypeKind.Media : ContentTypeKind.Document))
        {
            return SyncItemOutcome.Fail($"Content type '{typeAlias}' does not exist.");
        }

        var warnings = new List<string>();
        var known = snapshot.FindComposition(type.Key)!.CompositionPropertyTypes.Select(p => p.Alias).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var property in file.Root.Element("Properties")?.Elements() ?? [])
        {
            var alias = property.Name.LocalName;
            var text = property.Elements("Value").FirstOrDefault(v => v.Attribute("Culture") is null)?.Value ?? property.Element("Value")?.Value;
            if (!known.Contains(alias))
            {
                warnings.Add($"Value for '{alias}' dropped: '{typeAlias}' has no such property.");
                continue;
            }

            if (!string.IsNullOrEmpty(text))
            {
                values[alias] = JsonValue.Create(text);
            }
        }

        var name = info.Element("NodeName")?.Attribute("Default")?.Value ?? file.Alias;
        var parentKey = UsyncXml.ReadGuid(info.Element("Parent")?.Attribute("Key")?.Value) ?? Guid.Empty;
        var templateKey = UsyncXml.ReadGuid(info.Element("Template")?.Attribute("Key")?.Value);
        var options = new ContentImportOptions(
            DateTime.TryParse(info.Element("CreateDate")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created) ? created : null,
            int.TryParse(info.Element("SortOrder")?.Value, out var sortOrder) ? sortOrder : null,
            templateKey,
            context.PendingItems);

        var existing = await editing.GetAsync(file.Key!.Value, kind, ct);
        if (existing is null)
        {
            var created1 = await editing.CreateAsync(
                new ContentCreateModel(file.Key, kind, type.Key, parentKey == Guid.Empty ? null : parentKey, name, values), "uSync", ct, options);
            if (!created1.Success)
            {
                return SyncItemOutcome.Fail($"{created1.Status}: {string.Join(" ", created1.Result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
            }
        }
        else
        {
            if (existing.Trashed)
            {
                var restored = await recycleBin.RestoreAsync(existing.Key, kind, parentKey == Guid.Empty ? null : parentKey, ct);
                if (!restored.Success)
                {
                    return SyncItemOutcome.Fail($"{restored.Status}: {restored.Result.Errors[0].Message}");
                }
            }
            else if (existing.ParentKey != (parentKey == Guid.Empty ? null : parentKey))
            {
                var moved = await structure.MoveAsync(existing.Key, kind, parentKey == Guid.Empty ? null : parentKey, ct);
                if (!moved.Success)
                {
                    return SyncItemOutcome.Fail($"{moved.Status}: {moved.Result.Errors[0].Message}");
                }
            }

            var updated = await editing.UpdateAsync(existing.Key, kind, new ContentUpdateModel(name, values), null, "uSync", ct, options);
            if (!updated.Success)
            {
                return SyncItemOutcome.Fail($"{updated.Status}: {string.Join(" ", updated.Result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
            }
        }

        if (kind == ContentNodeKind.Document)
        {
            await ApplyPublicAccessAsync(file.Key!.Value, file.Root.Element("PublicAccess"), warnings, ct);
            var publishProblem = await ApplyPublishedStateAsync(file.Key!.Value, info, context, ct);
            if (publishProblem is not null)
            {
                return SyncItemOutcome.Fail(publishProblem);
            }
        }

        return new SyncItemOutcome(change, Warnings: warnings);
    }

    /// <summary>Public access rides in a &lt;PublicAccess&gt; extension element (see docs/usync-extensions.md); no element, no protection.</summary>
    private async Task ApplyPublicAccessAsync(Guid key, XElement? element, List<string> warnings, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.PublicAccess.SingleOrDefaultAsync(a => a.NodeKey == key, ct);
        if (element is null)
        {
            if (row is not null)
            {
                db.PublicAccess.Remove(row);
                await db.SaveChangesAsync(ct);
                publicAccess.Invalidate();
            }

            return;
        }

        var rules = element.Elements().Select(e => e.Name.LocalName switch
        {
            "MemberGroup" => new AccessRule(Umbraco.Cms.Core.Constants.Conventions.PublicAccess.MemberRoleRuleType, e.Value),
            "Member" => new AccessRule(Umbraco.Cms.Core.Constants.Conventions.PublicAccess.MemberUsernameRuleType, e.Value),
            _ => null,
        }).OfType<AccessRule>().ToList();
        var groups = await db.MemberGroups.Select(g => g.Name).ToListAsync(ct);
        warnings.AddRange(rules.Where(r => r.Type == Umbraco.Cms.Core.Constants.Conventions.PublicAccess.MemberRoleRuleType && !groups.Contains(r.Value))
            .Select(r => $"Public access names member group '{r.Value}', which does not exist."));
        if (row is null)
        {
            row = new PublicAccessRow { Key = Guid.NewGuid(), NodeKey = key };
            db.PublicAccess.Add(row);
        }

        row.LoginNodeKey = UsyncXml.ReadGuid(element.Attribute("LoginPage")?.Value);
        row.NoAccessNodeKey = UsyncXml.ReadGuid(element.Attribute("ErrorPage")?.Value);
        row.RulesJson = JsonSerializer.Serialize(rules, JsonSerializerOptions.Web);
        await db.SaveChangesAsync(ct);
        publicAccess.Invalidate();
    }

    private sealed record AccessRule(string Type, string Value);

    private static XElement? SerializePublicAccess(PublicAccessRow? access)
    {
        if (access is null)
        {
            return null;
        }

        var element = new XElement("PublicAccess");
        if (access.LoginNodeKey is { } login)
        {
            element.Add(new XAttribute("LoginPage", login.ToString()));
        }

        if (access.NoAccessNodeKey is { } error)
        {
            element.Add(new XAttribute("ErrorPage", error.ToString()));
        }

        foreach (var rule in JsonSerializer.Deserialize<List<AccessRule>>(access.RulesJson, JsonSerializerOptions.Web) ?? [])
        {
            element.Add(new XElement(rule.Type == Umbraco.Cms.Core.Constants.Conventions.PublicAccess.MemberRoleRuleType ? "MemberGroup" : "Member", rule.Value));
        }

        return element;
    }

    private async Task<string?> ApplyPublishedStateAsync(Guid key, XElement info, SyncImportContext context, CancellationToken ct)
    {
        var shouldBePublished = bool.TryParse(info.Element("Published")?.Attribute("Default")?.Value, out var published0) && published0;
        var release = ScheduleDate(info, "Release");
        var expire = ScheduleDate(info, "Expire");
        if (shouldBePublished || release is not null)
        {
            var schedule = release is null && expire is null ? null : new PublishSchedule(release, expire);
            var published = await publishing.PublishAsync(key, schedule, null, ct, context.PendingItems);
            return published.Success ? null
                : $"Saved as a draft but not published ({published.Status}): {string.Join(" ", published.Result.Errors.Select(e => $"{e.Field}: {e.Message}"))}";
        }

        var current = await editing.GetAsync(key, ContentNodeKind.Document, ct);
        if (current?.State is ContentState.Published or ContentState.PublishedPendingChanges)
        {
            var unpublished = await publishing.UnpublishAsync(key, null, ct);
            return unpublished.Success ? null : $"Could not unpublish ({unpublished.Status}).";
        }

        return null;
    }

    private static DateTime? ScheduleDate(XElement info, string action) =>
        (info.Element("Schedule")?.Elements("ContentSchedule") ?? [])
            .Where(s => s.Element("Action")?.Value == action)
            .Select(s => DateTime.TryParse(s.Element("Date")?.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : (DateTime?)null)
            .FirstOrDefault();

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct)
    {
        if (marker.Key is not { } key || await editing.GetAsync(key, kind, ct) is not { Trashed: false })
        {
            return new SyncItemOutcome(SyncChange.NoChange, "Already gone.");
        }

        // uSync moves deleted content to the recycle bin rather than destroying it.
        var attempt = await recycleBin.MoveToRecycleBinAsync(key, kind, ct);
        return attempt.Success ? new SyncItemOutcome(SyncChange.Delete) : SyncItemOutcome.Fail(attempt.Result.Errors[0].Message);
    }

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var rows = await db.ContentNodes.AsNoTracking().Where(n => n.Kind == kind && !n.Trashed)
            .Join(db.ContentVersions, n => n.DraftVersionId, v => v.Id, (n, v) => new { Node = n, v.ValuesJson })
            .ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Node.Id, r => r.Node);
        var access = await db.PublicAccess.AsNoTracking().ToDictionaryAsync(a => a.NodeKey, ct);
        var snapshot = await schema.GetAsync(ct);
        var allTemplates = await templates.GetAllAsync(ct);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<(string, Guid, XElement)>(rows.Count);
        foreach (var row in rows.OrderBy(r => r.Node.Level).ThenBy(r => r.Node.SortOrder).ThenBy(r => r.Node.Id))
        {
            var ancestors = ContentStore.AncestorIds(row.Node.Path).Select(id => byId[id]).ToList();
            var fileName = names.SafeFileName(row.Node.Name);
            if (!used.Add(fileName))
            {
                // uSync's clash rule: name_ plus a short key.
                fileName = $"{fileName}_{row.Node.Key.ToString("N")[..8]}";
                used.Add(fileName);
            }

            result.Add((fileName + ".config", row.Node.Key, Serialize(row.Node, row.ValuesJson, ancestors, snapshot, allTemplates, access.GetValueOrDefault(row.Node.Key))));
        }

        return result;
    }

    private XElement Serialize(ContentNodeRow node, string valuesJson, IReadOnlyList<ContentNodeRow> ancestors, SchemaSnapshot snapshot,
        IReadOnlyList<TemplateDefinition> allTemplates, PublicAccessRow? access)
    {
        var type = snapshot.FindContentType(node.ContentTypeId)!;
        var parent = ancestors.Count == 0 ? null : ancestors[^1];
        var path = "/" + string.Join('/', ancestors.Append(node).Select(a => names.SafeAlias(a.Name)));
        var info = new XElement("Info",
            new XElement("Parent", new XAttribute("Key", (parent?.Key ?? Guid.Empty).ToString()), parent?.Name ?? ""),
            new XElement("Path", path),
            new XElement("Trashed", UsyncXml.CamelBool(node.Trashed)),
            new XElement("ContentType", type.Alias),
            new XElement("CreateDate", UsyncXml.Date(node.CreateDate)),
            new XElement("NodeName", new XAttribute("Default", node.Name)),
            new XElement("SortOrder", node.SortOrder));
        if (kind == ContentNodeKind.Document)
        {
            var schedule = new XElement("Schedule");
            if (node.ScheduledPublishDate is { } release)
            {
                schedule.Add(new XElement("ContentSchedule", new XElement("Culture"), new XElement("Action", "Release"), new XElement("Date", UsyncXml.Date(release))));
            }

            if (node.ScheduledUnpublishDate is { } expire)
            {
                schedule.Add(new XElement("ContentSchedule", new XElement("Culture"), new XElement("Action", "Expire"), new XElement("Date", UsyncXml.Date(expire))));
            }

            var template = node.TemplateKey is { } templateKey ? allTemplates.FirstOrDefault(t => t.Key == templateKey) : null;
            info.Add(
                new XElement("Published", new XAttribute("Default", UsyncXml.CamelBool(node.PublishedVersionId is not null))),
                schedule,
                template is null ? new XElement("Template") : new XElement("Template", new XAttribute("Key", template.Key.ToString()), template.Alias));
        }

        var stored = ContentValues.Parse(valuesJson);
        var properties = new XElement("Properties");
        foreach (var propertyType in snapshot.FindComposition(type.Key)!.CompositionPropertyTypes.OrderBy(p => p.Alias, StringComparer.InvariantCulture))
        {
            stored.TryGetValue(propertyType.Alias, out var value);
            properties.Add(new XElement(propertyType.Alias, UsyncXml.CData("Value", StoredText(value))));
        }

        return new XElement(ItemType,
            new XAttribute("Key", node.Key.ToString()),
            new XAttribute("Alias", node.Name),
            new XAttribute("Level", node.Trashed ? 100 + node.Level : node.Level),
            info,
            properties,
            kind == ContentNodeKind.Document ? SerializePublicAccess(access) : null);
    }

    private static string StoredText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(),
    };
}
