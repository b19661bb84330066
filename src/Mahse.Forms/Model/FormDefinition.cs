namespace Mahse.Forms.Model;

/// <summary>
/// An Umbraco Forms form as Forms 13–17 persist it (and uSync.Forms writes it): form → pages → fieldsets →
/// containers (columns) → fields. Settings keep their stored PascalCase names. The JSON names of pages and
/// below are the stored ones (<c>fieldSets</c>, <c>containers</c>, <c>tooltip</c>, <c>mandatory</c>, <c>regex</c>).
/// </summary>
public sealed class FormDefinition
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public string FieldIndicationType { get; set; } = "MarkMandatoryFields";

    public string Indicator { get; set; } = "*";

    public bool ShowValidationSummary { get; set; }

    public bool HideFieldValidation { get; set; }

    public string RequiredErrorMessage { get; set; } = "Please provide a value for {0}";

    public string InvalidErrorMessage { get; set; } = "Please provide a valid value for {0}";

    public string? MessageOnSubmit { get; set; }

    public bool MessageOnSubmitIsHtml { get; set; }

    /// <summary>The content key of the page to go to after submitting, instead of the message.</summary>
    public Guid? GoToPageOnSubmit { get; set; }

    public bool ManualApproval { get; set; }

    public bool StoreRecordsLocally { get; set; } = true;

    public string? CssClass { get; set; }

    public bool DisableDefaultStylesheet { get; set; }

    public string? AutocompleteAttribute { get; set; }

    public string SubmitLabel { get; set; } = "Submit";

    public string NextLabel { get; set; } = "Next";

    public string PrevLabel { get; set; } = "Previous";

    /// <summary>Days to keep entries in each state; 0 keeps them for ever.</summary>
    public int DaysToRetainSubmittedRecordsFor { get; set; }

    public int DaysToRetainApprovedRecordsFor { get; set; }

    public int DaysToRetainRejectedRecordsFor { get; set; }

    /// <summary>Extension: after this moment (UTC) the form takes no more entries (a fellowship call's closing date).</summary>
    public DateTime? ClosesAt { get; set; }

    public List<FormWorkflow> Workflows { get; set; } = [];

    public List<FormPage> Pages { get; set; } = [];

    public IEnumerable<FormField> AllFields => Pages.SelectMany(p => p.FieldSets).SelectMany(s => s.Containers).SelectMany(c => c.Fields);

    public IEnumerable<(FormFieldSet FieldSet, FormField Field)> FieldsWithFieldSets =>
        Pages.SelectMany(p => p.FieldSets).SelectMany(s => s.Containers.SelectMany(c => c.Fields).Select(f => (s, f)));
}

public sealed class FormPage
{
    public Guid Id { get; set; }

    public string? Caption { get; set; }

    public int SortOrder { get; set; }

    public FormCondition? ButtonCondition { get; set; }

    public List<FormFieldSet> FieldSets { get; set; } = [];
}

public sealed class FormFieldSet
{
    public Guid Id { get; set; }

    public string? Caption { get; set; }

    public int SortOrder { get; set; }

    public FormCondition? Condition { get; set; }

    public List<FormContainer> Containers { get; set; } = [];
}

public sealed class FormContainer
{
    public string? Caption { get; set; }

    public int Width { get; set; } = 12;

    public List<FormField> Fields { get; set; } = [];
}

public sealed class FormField
{
    public Guid Id { get; set; }

    public string Alias { get; set; } = "";

    public Guid FieldTypeId { get; set; }

    public string Caption { get; set; } = "";

    /// <summary>Help text (the API's <c>helpText</c>).</summary>
    public string? Tooltip { get; set; }

    public string? Placeholder { get; set; }

    public string? CssClass { get; set; }

    /// <summary>A prevalue source by id, or by name as uSync.Forms writes it (see <c>PreValueSources</c>).</summary>
    public string? PrevalueSourceId { get; set; }

    public List<FormPreValue> PreValues { get; set; } = [];

    public bool Mandatory { get; set; }

    public string? Regex { get; set; }

    public string? RequiredErrorMessage { get; set; }

    public string? InvalidErrorMessage { get; set; }

    public bool ContainsSensitiveData { get; set; }

    public FormCondition? Condition { get; set; }

    public Dictionary<string, string> Settings { get; set; } = [];

    public List<string>? AllowedUploadTypes { get; set; }

    public bool AllowMultipleFileUploads { get; set; }

    public string? Setting(string name) =>
        Settings.FirstOrDefault(s => string.Equals(s.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } value ? value : null;
}

public sealed class FormPreValue
{
    public string Value { get; set; } = "";

    public string? Caption { get; set; }
}

/// <summary>A show/hide condition; stored with <c>enabled</c>, which the API leaves out (a disabled condition is null there).</summary>
public sealed class FormCondition
{
    public bool Enabled { get; set; } = true;

    public string ActionType { get; set; } = "Show";

    public string LogicType { get; set; } = "All";

    public List<FormConditionRule> Rules { get; set; } = [];
}

public sealed class FormConditionRule
{
    /// <summary>The id (GUID) of the field the rule reads.</summary>
    public string Field { get; set; } = "";

    /// <summary>Umbraco's spelling: Is, IsNot, GreaterThen, LessThen, Contains, StartsWith, … (and …IgnoreCase, Not…).</summary>
    public string Operator { get; set; } = "Is";

    public string Value { get; set; } = "";
}

public sealed class FormWorkflow
{
    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    public bool Active { get; set; } = true;

    public bool IncludeSensitiveData { get; set; }

    public Guid WorkflowTypeId { get; set; }

    /// <summary>The stage: Submitted, Approved or Rejected.</summary>
    public string ExecutesOn { get; set; } = "Submitted";

    public int SortOrder { get; set; }

    public Dictionary<string, string> Settings { get; set; } = [];
}
