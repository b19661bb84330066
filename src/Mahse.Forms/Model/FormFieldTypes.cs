namespace Mahse.Forms.Model;

/// <summary>One of Umbraco Forms' field types, with its Umbraco id and how the API describes it.</summary>
public sealed record FormFieldType(Guid Id, string Alias, string Name, bool SupportsPreValues, bool SupportsUploadTypes, string RenderInputType, bool StoresValue = true);

/// <summary>Umbraco Forms' built-in field types (ids from its type details).</summary>
public static class FormFieldTypes
{
    public static readonly FormFieldType ShortAnswer = new(Guid.Parse("3F92E01B-29E2-4a30-BF33-9DF5580ED52C"), "shortAnswer", "Short answer", false, false, "Single");
    public static readonly FormFieldType LongAnswer = new(Guid.Parse("023F09AC-1445-4bcb-B8FA-AB49F33BD046"), "longAnswer", "Long answer", false, false, "Single");
    public static readonly FormFieldType Date = new(Guid.Parse("F8B4C3B8-AF28-11DE-9DD8-EF5956D89593"), "date", "Date", false, false, "Single");
    public static readonly FormFieldType Checkbox = new(Guid.Parse("D5C0C390-AE9A-11DE-A69E-666455D89593"), "checkbox", "Checkbox", false, false, "Single");
    public static readonly FormFieldType MultipleChoice = new(Guid.Parse("FAB43F20-A6BF-11DE-A28F-9B5755D89593"), "multipleChoice", "Multiple choice", true, false, "Multiple");
    public static readonly FormFieldType SingleChoice = new(Guid.Parse("903DF9B0-A78C-11DE-9FC1-DB7A56D89593"), "singleChoice", "Single choice", true, false, "Single");
    public static readonly FormFieldType Dropdown = new(Guid.Parse("0DD29D42-A6A5-11DE-A2F2-222256D89593"), "dropdown", "Dropdown", true, false, "Single");
    public static readonly FormFieldType FileUpload = new(Guid.Parse("84A17CF8-B711-46a6-9840-0E4A072AD000"), "fileUpload", "File upload", false, true, "Single");
    public static readonly FormFieldType Password = new(Guid.Parse("FB37BC60-D41E-11DE-AEAE-37C155D89593"), "password", "Password", false, false, "Single", StoresValue: false);
    public static readonly FormFieldType Hidden = new(Guid.Parse("DA206CAE-1C52-434E-B21A-4A7C198AF877"), "hidden", "Hidden", false, false, "Custom");
    public static readonly FormFieldType DataConsent = new(Guid.Parse("A72C9DF9-3847-47CF-AFB8-B86773FD12CD"), "dataConsent", "Data Consent", false, false, "Single");
    public static readonly FormFieldType TitleAndDescription = new(Guid.Parse("e3fbf6c4-f46c-495e-aff8-4b3c227b4a98"), "titleAndDescription", "Title and description", false, false, "Custom", StoresValue: false);
    public static readonly FormFieldType RichText = new(Guid.Parse("1F8D45F8-76E6-4550-A0F5-9637B8454619"), "richText", "Rich text", false, false, "Custom", StoresValue: false);
    public static readonly FormFieldType Recaptcha2 = new(Guid.Parse("B69DEAEB-ED75-4DC9-BFB8-D036BF9D3730"), "recaptcha2", "reCAPTCHA v2", false, false, "Custom", StoresValue: false);
    public static readonly FormFieldType Recaptcha3 = new(Guid.Parse("663AA19B-423D-4F38-A1D6-C840C926EF86"), "recaptcha3", "reCAPTCHA v3 with score", false, false, "Custom", StoresValue: false);

    public static readonly IReadOnlyList<FormFieldType> All =
        [ShortAnswer, LongAnswer, Date, Checkbox, MultipleChoice, SingleChoice, Dropdown, FileUpload, Password, Hidden, DataConsent, TitleAndDescription, RichText, Recaptcha2, Recaptcha3];

    private static readonly Dictionary<Guid, FormFieldType> ById = All.ToDictionary(t => t.Id);

    public static FormFieldType? Find(Guid id) => ById.GetValueOrDefault(id);
}

/// <summary>Umbraco Forms' built-in workflow types used here.</summary>
public static class FormWorkflowTypes
{
    public static readonly Guid SendEmail = Guid.Parse("E96BADD7-05BE-4978-B8D9-B3D733DE70A5");
    public static readonly Guid SendEmailWithRazorTemplate = Guid.Parse("17c61629-d984-4e86-b43b-a8407b3efea9");
    public static readonly Guid SendFormToUrl = Guid.Parse("FD02C929-4E7D-4f90-B9FA-13D074A76688");
    public static readonly Guid ChangeRecordState = Guid.Parse("4C40A092-0CB5-481d-96A7-A02D8E7CDB2F");

    /// <summary>Extensions (Umbraco Forms has none built in): create a member from a registration form; add the entry's member to a group.</summary>
    public static readonly Guid CreateMember = Guid.Parse("6d3b0b87-4ad1-4c55-9a2f-2f4f5c8a1e01");
    public static readonly Guid AddMemberToGroup = Guid.Parse("6d3b0b87-4ad1-4c55-9a2f-2f4f5c8a1e02");
}
