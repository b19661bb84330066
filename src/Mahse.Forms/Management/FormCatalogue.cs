using Mahse.Forms.Management.Models;
using Mahse.Forms.Model;

namespace Mahse.Forms.Management;

/// <summary>
/// What the form designer may put in a form: Umbraco Forms' field types with the settings its type details list,
/// and the workflow types this module runs (Umbraco Forms' ids and setting names; the member ones are ours).
/// </summary>
public static class FormCatalogue
{
    private const string TextView = "Umb.PropertyEditorUi.TextBox";
    private const string TextAreaView = "Umb.PropertyEditorUi.TextArea";
    private const string ToggleView = "Umb.PropertyEditorUi.Toggle";
    private const string NumberView = "Umb.PropertyEditorUi.Integer";

    private static FieldTypeSettingResponse Text(string alias, string name) => new(alias, name, TextView);

    private static readonly Dictionary<Guid, (string Icon, FieldTypeSettingResponse[] Settings)> FieldTypeDetails = new()
    {
        [FormFieldTypes.ShortAnswer.Id] = ("icon-autofill", [Text("DefaultValue", "Default value"), Text("Placeholder", "Placeholder"), new("MaximumLength", "Maximum length", NumberView), Text("FieldType", "Input type (text, email, tel, url, number)"), Text("AutocompleteAttribute", "Autocomplete attribute"), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.LongAnswer.Id] = ("icon-autofill", [Text("DefaultValue", "Default value"), Text("Placeholder", "Placeholder"), new("NumberOfRows", "Number of rows", NumberView), new("MaximumLength", "Maximum length", NumberView), Text("AutocompleteAttribute", "Autocomplete attribute"), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.Date.Id] = ("icon-calendar", [Text("Placeholder", "Placeholder"), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.Checkbox.Id] = ("icon-checkbox", [new("DefaultValue", "Ticked by default", ToggleView), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.MultipleChoice.Id] = ("icon-bulleted-list", [Text("DefaultValue", "Default value"), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.SingleChoice.Id] = ("icon-target", [Text("DefaultValue", "Default value"), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.Dropdown.Id] = ("icon-indent", [Text("DefaultValue", "Default value"), new("AllowMultipleSelections", "Allow multiple selections", ToggleView), Text("SelectPrompt", "Select prompt"), Text("AutocompleteAttribute", "Autocomplete attribute"), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.FileUpload.Id] = ("icon-download-alt", [new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.Password.Id] = ("icon-keychain", [Text("Placeholder", "Placeholder"), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.Hidden.Id] = ("icon-eye", [Text("DefaultValue", "Default value")]),
        [FormFieldTypes.DataConsent.Id] = ("icon-lock", [new("AcceptCopy", "Consent text", TextAreaView), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.TitleAndDescription.Id] = ("icon-font", [Text("Caption", "Title"), new("BodyText", "Description", TextAreaView), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.RichText.Id] = ("icon-code", [new("Html", "Text", TextAreaView), new("ShowLabel", "Show label", ToggleView)]),
        [FormFieldTypes.Recaptcha2.Id] = ("icon-shield", [Text("Theme", "Theme (light, dark)"), Text("Size", "Size (normal, compact)"), Text("ErrorMessage", "Error message")]),
        [FormFieldTypes.Recaptcha3.Id] = ("icon-shield", [Text("ScoreThreshold", "Score threshold (0 to 1)"), Text("ErrorMessage", "Error message")]),
    };

    public static IReadOnlyList<FieldTypeResponse> FieldTypes { get; } = FormFieldTypes.All
        .Select(t => new FieldTypeResponse(t.Id, t.Name, t.Alias, FieldTypeDetails[t.Id].Icon, t.SupportsPreValues, t.SupportsUploadTypes, FieldTypeDetails[t.Id].Settings))
        .ToList();

    private static WorkflowTypeSettingResponse Setting(string alias, string name, string description, string view = TextView) => new(alias, name, description, view);

    private static readonly WorkflowTypeSettingResponse[] EmailSettings =
    [
        Setting("Email", "Recipients", "Addresses separated by ; or , (magic strings allowed, e.g. {email})."),
        Setting("CcEmail", "Cc", "Addresses separated by ; or ,."),
        Setting("BccEmail", "Bcc", "Addresses separated by ; or ,."),
        Setting("SenderEmail", "Sender", "Leave empty for Umbraco:CMS:Global:Smtp:From."),
        Setting("ReplyToEmail", "Reply to", "Addresses separated by ; or ,."),
        Setting("Subject", "Subject", "Magic strings allowed."),
    ];

    /// <summary>Umbraco Forms' "Post as XML" (not in FormWorkflowTypes; the worker runs it beside "Send form to URL").</summary>
    // Declared before the lists that use it: static fields initialise in the order they are written.
    public static readonly Guid PostAsXml = Guid.Parse("470EEB3A-CB15-4b08-9FC0-A2F091583332");

    /// <summary>The workflow types the module's worker runs (src/Mahse.Forms/Workflows/Types), with the settings they read.</summary>
    public static IReadOnlyList<WorkflowTypeResponse> WorkflowTypes { get; } =
    [
        new(FormWorkflowTypes.SendEmail, "Send email", "sendEmail", "icon-message",
            [.. EmailSettings, Setting("Message", "Message", "The email's text; the entry's values follow it.", TextAreaView)]),
        new(FormWorkflowTypes.SendEmailWithRazorTemplate, "Send email with template", "sendEmailWithRazorTemplate", "icon-message",
            [.. EmailSettings, Setting("HeaderHtml", "Header", "HTML above the entry's values.", TextAreaView), Setting("FooterHtml", "Footer", "HTML below the entry's values.", TextAreaView)]),
        new(FormWorkflowTypes.SendFormToUrl, "Send form to URL", "sendFormToUrl", "icon-terminal",
        [
            Setting("Url", "URL", "Where the entry is sent."),
            Setting("Method", "Method", "POST, GET, PUT or DELETE."),
            Setting("Fields", "Fields", "Field mappings as JSON; empty sends every field.", TextAreaView),
            Setting("Username", "User name", "For basic authentication."),
            Setting("Password", "Password", "For basic authentication."),
        ]),
        new(PostAsXml, "Post as XML", "postAsXml", "icon-terminal",
        [
            Setting("Url", "URL", "Where the entry is posted as XML."),
            Setting("Method", "Method", "POST or PUT."),
            Setting("Fields", "Fields", "Field mappings as JSON; empty sends every field.", TextAreaView),
            Setting("Username", "User name", "For basic authentication."),
            Setting("Password", "Password", "For basic authentication."),
        ]),
        new(FormWorkflowTypes.ChangeRecordState, "Change record state", "changeRecordState", "icon-axis-rotation",
        [
            Setting("Words", "Words", "Comma-separated words to look for in the entry's values."),
            Setting("Action", "Action", "Approve, Reject or Delete when a word is found."),
        ]),
        new(FormWorkflowTypes.CreateMember, "Save as member", "saveAsUmbracoMember", "icon-user",
        [
            Setting("MemberTypeAlias", "Member type", "The alias of the member type to create (default Member)."),
            Setting("NameField", "Name field", "The alias of the field holding the member's name."),
            Setting("EmailField", "Email field", "The alias of the field holding the member's email (default email)."),
            Setting("Fields", "Fields", "Field to member property mappings as JSON.", TextAreaView),
            Setting("MemberGroup", "Member groups", "Comma-separated member groups to add the member to."),
            Setting("Approved", "Approved", "Create the member approved.", ToggleView),
        ]),
        new(FormWorkflowTypes.AddMemberToGroup, "Add member to group", "addMemberToGroup", "icon-users",
        [
            Setting("GroupName", "Member group", "The name of the member group."),
            Setting("EmailField", "Email field", "The field holding the member's email when no member is signed in (default email)."),
        ]),
    ];

    private static readonly HashSet<Guid> KnownWorkflowTypes = WorkflowTypes.Select(t => t.Id).ToHashSet();

    public static bool IsKnownWorkflowType(Guid id) => KnownWorkflowTypes.Contains(id);
}
