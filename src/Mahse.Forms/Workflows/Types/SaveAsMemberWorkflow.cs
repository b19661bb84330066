using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mahse.Forms.Model;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Services;

namespace Mahse.Forms.Workflows.Types;

/// <summary>
/// Saves the entry as an Umbraco member (an extension: Umbraco Forms has no such built-in type). Settings:
/// <c>MemberTypeAlias</c> (default "Member"), <c>NameField</c> and <c>EmailField</c> (aliases, default "name" and
/// "email"), <c>Fields</c> (Umbraco Forms' mapping <c>[{"alias": "memberProperty", "value": "fieldIdOrAlias",
/// "staticValue": "…"}]</c>; without it, every included field whose alias is a property of the member type),
/// <c>MemberGroup</c> (groups to add the new member to, comma-separated) and <c>Approved</c> (default False).
/// The member is created through Umbraco's <see cref="IMemberManager"/> without a password: none travels through a
/// form; the member sets one through Umbraco's reset. When a member with the email exists already it is left
/// unchanged (an entry must not alter someone else's account) and the entry is linked to it.
/// </summary>
public sealed class SaveAsMemberWorkflow(
    IMemberManager members, IMemberService memberService, IMemberTypeService memberTypes, IMemberGroupService groups, WorkflowOutbox outbox) : IFormWorkflowType
{
    public Guid Id => FormWorkflowTypes.CreateMember;

    public string Alias => "saveAsUmbracoMember";

    public async Task RunAsync(WorkflowContext context, CancellationToken ct)
    {
        string? First(string setting, string fallback) =>
            context.Values.TryGetValue(context.Setting(setting) is { Length: > 0 } alias ? alias : fallback, out var v) ? v.FirstOrDefault()?.Trim() : null;

        var email = First("EmailField", "email");
        if (email is null || !MailAddress.TryCreate(email, out _))
        {
            throw new WorkflowPermanentException("The entry has no valid email address in the workflow's EmailField.");
        }

        var name = First("NameField", "name") is { Length: > 0 } n ? n : email;
        var typeAlias = context.Setting("MemberTypeAlias") is { Length: > 0 } t ? t : "Member";
        var type = memberTypes.Get(typeAlias) ?? throw new WorkflowPermanentException($"There is no member type \"{typeAlias}\".");
        var groupNames = context.Setting("MemberGroup").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var group in groupNames)
        {
            if (await groups.GetByNameAsync(group) is null)
            {
                throw new WorkflowPermanentException($"There is no member group \"{group}\".");
            }
        }

        // The member this run creates has a key derived from the run, so a run repeated after a crash recognises
        // its own member and finishes the job instead of mistaking it for someone else's account.
        var key = RunMemberKey(context);
        if (await members.FindByEmailAsync(email) is { } existing)
        {
            await outbox.LinkMemberAsync(context.Entry.Key, existing.Key, ct);
            if (existing.Key != key)
            {
                return;
            }
        }
        else
        {
            var user = MemberIdentityUser.CreateNew(email, email, typeAlias, IsTrue(context.Setting("Approved")), name, key);
            var created = await members.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new WorkflowPermanentException("The member could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }

        var member = memberService.GetById(key) ?? throw new InvalidOperationException("The member just created cannot be read back.");
        foreach (var (alias, values) in Mapped(context, type.CompositionPropertyTypes.Select(p => p.Alias)))
        {
            var property = type.CompositionPropertyTypes.First(p => p.Alias == alias);
            member.SetValue(alias, Convert(property.PropertyEditorAlias, values));
        }

        memberService.Save(member);
        if (groupNames.Length > 0)
        {
            memberService.AssignRoles([member.Id], groupNames);
        }

        await outbox.LinkMemberAsync(context.Entry.Key, key, ct);
    }

    private static Guid RunMemberKey(WorkflowContext context)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"mahse-forms-member:{context.Entry.Key:N}:{context.Workflow.Id:N}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // a name-based (version 5 style) GUID
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    private static IEnumerable<(string Alias, IReadOnlyList<string> Values)> Mapped(WorkflowContext context, IEnumerable<string> propertyAliases)
    {
        var properties = propertyAliases.ToHashSet(StringComparer.Ordinal);
        var setting = context.Setting("Fields").Trim();
        if (!setting.StartsWith('['))
        {
            var reserved = new[] { context.Setting("NameField") is { Length: > 0 } nf ? nf : "name", context.Setting("EmailField") is { Length: > 0 } ef ? ef : "email" };
            foreach (var (alias, values) in context.Values.Where(v => properties.Contains(v.Key) && !reserved.Contains(v.Key)))
            {
                yield return (alias, values);
            }

            yield break;
        }

        foreach (var map in JsonDocument.Parse(setting).RootElement.EnumerateArray())
        {
            var alias = map.TryGetProperty("alias", out var a) ? a.GetString() : null;
            if (alias is null || !properties.Contains(alias))
            {
                continue;
            }

            var source = map.TryGetProperty("value", out var v) ? v.GetString() : null;
            var field = source is { Length: > 0 }
                ? context.Form.AllFields.FirstOrDefault(f => f.Alias == source || f.Id.ToString().Equals(source, StringComparison.OrdinalIgnoreCase))
                : null;
            if (field is not null && context.Values.TryGetValue(field.Alias, out var values))
            {
                yield return (alias, values);
            }
            else if (map.TryGetProperty("staticValue", out var s) && s.GetString() is { Length: > 0 } fixedValue)
            {
                yield return (alias, [fixedValue]);
            }
        }
    }

    /// <summary>A field's text values as the member property's editor stores them.</summary>
    private static object? Convert(string editor, IReadOnlyList<string> values) => editor switch
    {
        Constants.PropertyEditors.Aliases.DropDownListFlexible or Constants.PropertyEditors.Aliases.CheckBoxList
            or Constants.PropertyEditors.Aliases.Tags or Constants.PropertyEditors.Aliases.MultipleTextstring => JsonSerializer.Serialize(values),
        Constants.PropertyEditors.Aliases.Boolean => values.Any(IsTrue) ? 1 : 0,
        Constants.PropertyEditors.Aliases.Integer => int.TryParse(values.FirstOrDefault(), out var i) ? i : null,
        Constants.PropertyEditors.Aliases.Decimal => decimal.TryParse(values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null,
        Constants.PropertyEditors.Aliases.DateTime => DateTime.TryParse(values.FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : null,
        _ => string.Join(", ", values),
    };

    private static bool IsTrue(string? value) => value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value is "on" or "1");
}

/// <summary>
/// Adds the entry's member to a member group (an extension; e.g. an approved fellowship application → Fellows):
/// <c>GroupName</c>, and <c>EmailField</c> (default "email") to find the member when the entry was not made by a
/// signed-in member. Through <see cref="IMemberManager.AddToRolesAsync"/>; a member already in the group is left as is.
/// </summary>
public sealed class AddMemberToGroupWorkflow(IMemberManager members, IMemberGroupService groups) : IFormWorkflowType
{
    public Guid Id => FormWorkflowTypes.AddMemberToGroup;

    public string Alias => "addMemberToGroup";

    public async Task RunAsync(WorkflowContext context, CancellationToken ct)
    {
        var group = context.Setting("GroupName") is { Length: > 0 } g ? g : throw new WorkflowPermanentException("The workflow names no member group (GroupName).");
        if (await groups.GetByNameAsync(group) is null)
        {
            throw new WorkflowPermanentException($"There is no member group \"{group}\".");
        }

        var emailField = context.Setting("EmailField") is { Length: > 0 } e ? e : "email";
        var email = context.Values.TryGetValue(emailField, out var values) ? values.FirstOrDefault()?.Trim() : null;
        var member = (context.Entry.MemberKey is { } key ? await members.FindByIdAsync(key.ToString()) : null)
                     ?? (email is { Length: > 0 } ? await members.FindByEmailAsync(email) : null)
                     ?? throw new InvalidOperationException("No member matches the entry (yet); the run is retried in case a workflow creates one.");
        if (!(await members.GetRolesAsync(member)).Contains(group, StringComparer.OrdinalIgnoreCase))
        {
            var added = await members.AddToRolesAsync(member, [group]);
            if (!added.Succeeded)
            {
                throw new InvalidOperationException("The member could not be added to the group: " + string.Join(" ", added.Errors.Select(x => x.Description)));
            }
        }
    }
}
