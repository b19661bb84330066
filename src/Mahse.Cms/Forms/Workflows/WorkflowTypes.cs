using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Mahse.Cms.Email;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Members.Auth;
using Mahse.Cms.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Mahse.Cms.Forms.Workflows;

/// <summary>
/// Umbraco Forms' magic strings in workflow settings: <c>{fieldAlias}</c>, <c>{form_name}</c>,
/// <c>{record.id|uniqueid|created|updated|state|memberkey|umbracopageid}</c> and <c>{member.email|name|propertyAlias}</c>
/// (empty when no member submitted the entry).
/// </summary>
public static partial class WorkflowTemplates
{
    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_.]+)\}")]
    private static partial Regex Placeholder();

    public static string Apply(string? template, WorkflowContext context) => Placeholder().Replace(template ?? "", match =>
    {
        var name = match.Groups["name"].Value;
        return name switch
        {
            "form_name" => context.Form.Name,
            "record.id" or "record.uniqueid" => context.Entry.Key.ToString("D"),
            "record.created" => context.Entry.CreateDate.ToString("u"),
            "record.updated" => context.Entry.UpdateDate.ToString("u"),
            "record.state" => context.Entry.State,
            "record.memberkey" => context.Entry.MemberKey?.ToString("D") ?? "",
            "record.umbracopageid" => context.Entry.ContentKey?.ToString("D") ?? "",
            _ when name.StartsWith("member.", StringComparison.Ordinal) => context.Member?.GetValueOrDefault(name["member.".Length..]) ?? "",
            _ => context.ValuesByAlias.TryGetValue(name, out var values) ? string.Join(", ", values) : match.Value,
        };
    });

    public static IEnumerable<string> Addresses(string? setting, WorkflowContext context) =>
        Apply(setting, context).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The entry as text: each field's caption and value (sensitive fields only when the workflow includes them).</summary>
    public static string Summary(WorkflowContext context)
    {
        var text = new StringBuilder();
        foreach (var field in context.Form.AllFields.Where(f => context.ValuesByAlias.ContainsKey(f.Alias)))
        {
            text.Append(field.Caption).Append(": ").AppendLine(string.Join(", ", context.ValuesByAlias[field.Alias]));
        }

        return text.ToString();
    }
}

/// <summary>Send email (and "with Razor template", sent here as text: this host renders no Razor): to, subject, message with magic strings.</summary>
public sealed class SendEmailWorkflow(IEmailSender sender) : IFormWorkflowType
{
    public Guid Id => FormWorkflowTypes.SendEmail;

    public async Task RunAsync(WorkflowContext context, CancellationToken ct)
    {
        var settings = context.Workflow.Settings;
        var recipients = WorkflowTemplates.Addresses(settings.GetValueOrDefault("Email"), context).ToList();
        if (recipients.Count == 0)
        {
            throw new InvalidOperationException("The workflow names no recipient.");
        }

        var subject = WorkflowTemplates.Apply(settings.GetValueOrDefault("Subject") ?? $"The form '{context.Form.Name}' was submitted", context);
        var message = settings.GetValueOrDefault("Message") is { Length: > 0 } body ? WorkflowTemplates.Apply(body, context) : WorkflowTemplates.Summary(context);
        // A retry after a crash between sending and recording sends the same Message-ID (and replaces a pickup file).
        foreach (var (to, n) in recipients.Select((to, n) => (to, n)))
        {
            await sender.SendAsync(new EmailMessage(to, subject, message, IdempotencyKey: $"{context.RunKey}.{n}"), ct);
        }
    }
}

public sealed class SendEmailWithTemplateWorkflow(IEmailSender sender) : IFormWorkflowType
{
    public Guid Id => FormWorkflowTypes.SendEmailWithRazorTemplate;

    public Task RunAsync(WorkflowContext context, CancellationToken ct) => new SendEmailWorkflow(sender).RunAsync(context, ct);
}

/// <summary>Send form to URL: the entry's fields (all, or only those listed in <c>Fields</c>) as JSON, by POST/PUT/GET/DELETE.</summary>
public sealed class SendFormToUrlWorkflow(IHttpClientFactory clients) : IFormWorkflowType
{
    public Guid Id => FormWorkflowTypes.SendFormToUrl;

    public async Task RunAsync(WorkflowContext context, CancellationToken ct)
    {
        var settings = context.Workflow.Settings;
        if (!Uri.TryCreate(settings.GetValueOrDefault("Url"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException("The workflow's Url is not an absolute http(s) URL.");
        }

        var only = (settings.GetValueOrDefault("Fields") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var fields = context.ValuesByAlias.Where(v => only.Length == 0 || only.Contains(v.Key)).ToDictionary(v => v.Key, v => string.Join(",", v.Value));
        var payload = new { formId = context.Form.Id, formName = context.Form.Name, entryId = context.Entry.Key, state = context.Entry.State, fields };
        var method = new HttpMethod((settings.GetValueOrDefault("Method") ?? "POST").ToUpperInvariant());
        using var request = new HttpRequestMessage(method, url) { Content = method == HttpMethod.Get ? null : JsonContent.Create(payload) };
        using var response = await clients.CreateClient("forms-workflows").SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>
/// Extension: adds the member whose email the entry gives (setting <c>EmailField</c>, default "email") to a member
/// group (<c>GroupName</c>), e.g. an approved fellowship application → Fellows; their tokens are revoked so the
/// new access applies at once.
/// </summary>
public sealed class AddMemberToGroupWorkflow(UserManager<MemberRow> users, MemberTokenRevoker revoker) : IFormWorkflowType
{
    public Guid Id => FormWorkflowTypes.AddMemberToGroup;

    public async Task RunAsync(WorkflowContext context, CancellationToken ct)
    {
        var settings = context.Workflow.Settings;
        var group = settings.GetValueOrDefault("GroupName") ?? throw new InvalidOperationException("The workflow names no member group.");
        var emailField = settings.GetValueOrDefault("EmailField") ?? "email";
        var email = context.ValuesByAlias.TryGetValue(emailField, out var values) ? values.FirstOrDefault() : null;
        var member = (context.Entry.MemberKey is { } key ? await users.FindByIdAsync(key.ToString("D")) : null)
                     ?? (email is null ? null : await users.FindByEmailAsync(email))
                     ?? throw new InvalidOperationException("No member matches the entry.");
        if (!await users.IsInRoleAsync(member, group))
        {
            await users.AddToRoleAsync(member, group);
            await revoker.RevokeAsync(member.Key, ct);
        }
    }
}

/// <summary>
/// Extension: registers a member from a registration form through the member service, so both ways in end the
/// same: the name and email fields (settings <c>NameField</c>, <c>EmailField</c>), and every field whose alias is a
/// member property members may edit. No password travels through Forms: the member chooses one on confirming.
/// </summary>
public sealed class CreateMemberWorkflow(Members.MemberService members, Microsoft.Extensions.Options.IOptions<Members.MemberOptions> options) : IFormWorkflowType
{
    public Guid Id => FormWorkflowTypes.CreateMember;

    public async Task RunAsync(WorkflowContext context, CancellationToken ct)
    {
        var settings = context.Workflow.Settings;
        string? First(string alias) => context.ValuesByAlias.TryGetValue(alias, out var v) ? v.FirstOrDefault() : null;
        var reserved = new[] { settings.GetValueOrDefault("NameField") ?? "name", settings.GetValueOrDefault("EmailField") ?? "email", "dataConsent" };
        var values = context.ValuesByAlias.Where(v => !reserved.Contains(v.Key))
            .ToDictionary(v => v.Key, v => v.Value switch
            {
                ["true" or "false"] => System.Text.Json.Nodes.JsonValue.Create(v.Value[0] == "true"),
                [var single] => System.Text.Json.Nodes.JsonValue.Create(single),
                _ => (System.Text.Json.Nodes.JsonNode?)new System.Text.Json.Nodes.JsonArray(v.Value.Select(x => (System.Text.Json.Nodes.JsonNode?)x).ToArray()),
            });
        var site = new Uri(options.Value.ApplicationUrl is { Length: > 0 } url ? url : "http://localhost/");
        var problem = await members.RegisterAsync(new Members.MemberRegistration(First(reserved[0]), First(reserved[1]), null, values), site, ct, passwordLater: true);
        if (problem is not null)
        {
            throw new InvalidOperationException("The member could not be registered: " + string.Join(" ", problem.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        }
    }
}
