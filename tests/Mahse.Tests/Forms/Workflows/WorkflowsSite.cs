using Mahse.Forms.Model;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Forms.Workflows;

/// <summary>
/// The real site with a real SMTP server and a local HTTP receiver, the workflow worker set to poll every second,
/// retry after 1 s, 2 s … three times, and take back an abandoned claim after 4 s, and retention every 2 s.
/// </summary>
public sealed class WorkflowsSite : UmbracoSite
{
    public SmtpInbox Inbox { get; } = new();

    public HttpReceiver Receiver { get; } = new();

    public FormsDatabase Database => new(ContentRoot);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Inbox.SiteSettings)
    {
        ["Mahse:Forms:Workflows:MaxAttempts"] = "3",
        ["Mahse:Forms:Workflows:BaseDelay"] = "00:00:01",
        ["Mahse:Forms:Workflows:PollInterval"] = "00:00:01",
        ["Mahse:Forms:Workflows:StartDelay"] = "00:00:01",
        ["Mahse:Forms:Workflows:LeaseTimeout"] = "00:00:04",
        ["Mahse:Forms:Workflows:RunTimeout"] = "00:00:02",
        ["Mahse:Forms:Workflows:HttpTimeout"] = "00:00:02",
        ["Umbraco:Forms:Options:ScheduledRecordDeletion:Period"] = "00:00:02",
        ["Umbraco:Forms:Options:ScheduledRecordDeletion:FirstRunDelay"] = "00:00:01",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Inbox.DisposeAsync();
        Receiver.Dispose();
    }

    /// <summary>A one-page form with these fields (short answers unless given) and workflows.</summary>
    public static FormDefinition Form(string name, IEnumerable<FormField> fields, params FormWorkflow[] workflows) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        Workflows = workflows.ToList(),
        Pages = [new FormPage { Id = Guid.NewGuid(), FieldSets = [new FormFieldSet { Id = Guid.NewGuid(), Containers = [new FormContainer { Fields = fields.ToList() }] }] }],
    };

    public static FormField Field(string alias, bool sensitive = false, FormFieldType? type = null) => new()
    {
        Id = Guid.NewGuid(),
        Alias = alias,
        Caption = char.ToUpperInvariant(alias[0]) + alias[1..],
        FieldTypeId = (type ?? FormFieldTypes.ShortAnswer).Id,
        ContainsSensitiveData = sensitive,
    };

    public static FormWorkflow Workflow(string name, Guid type, string executesOn, int sortOrder, params (string Key, string Value)[] settings) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        WorkflowTypeId = type,
        ExecutesOn = executesOn,
        SortOrder = sortOrder,
        Settings = settings.ToDictionary(s => s.Key, s => s.Value),
    };
}
