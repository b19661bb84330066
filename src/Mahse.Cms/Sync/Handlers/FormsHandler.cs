using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Mahse.Cms.Forms;
using Mahse.Cms.Forms.Model;

namespace Mahse.Cms.Sync.Handlers;

/// <summary>
/// Umbraco Forms forms in uSync.Forms' format (<c>Forms/</c>, root <c>forms-form</c>): <c>&lt;Info&gt;</c> with the
/// form settings and workflows, <c>&lt;Pages&gt;</c> as the stored JSON. Settings uSync.Forms does not write
/// (retention per state, the closing time) ride in extra <c>&lt;Info&gt;</c> elements (docs/usync-extensions.md).
/// </summary>
public sealed class FormsHandler(FormStore forms, UsyncNames names) : ISyncHandler
{
    private static readonly JsonSerializerOptions PagesJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string Name => "FormsHandler";

    public string Folder => "Forms";

    public string ItemType => "forms-form";

    // uSync.Forms runs at 2010, after content; here forms come before content (1150) so that a form picker's
    // value can be checked against forms that exist.
    public int Priority => 1150;

    public SyncGroups Group => SyncGroups.Settings;

    public bool OrderByLevel => false;

    public async Task<XElement?> CurrentAsync(SyncFile file, CancellationToken ct) =>
        file.Key is { } key && await forms.GetAsync(key, ct) is { } form ? Serialize(form) : null;

    public async Task<SyncItemOutcome> ImportAsync(SyncFile file, SyncChange change, SyncImportContext context, CancellationToken ct)
    {
        FormDefinition form;
        try
        {
            form = Deserialize(file.Root);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return SyncItemOutcome.Fail($"The form's pages are not valid: {ex.Message}");
        }

        if (Forms.Http.FormDefinitionRules.Check(form) is { Count: > 0 } errors)
        {
            return SyncItemOutcome.Fail(string.Join(" ", errors.Select(e => e.Message)));
        }

        await forms.SaveAsync(form, ct);
        return new SyncItemOutcome(change);
    }

    public async Task<SyncItemOutcome> DeleteAsync(SyncFile marker, CancellationToken ct) =>
        new(marker.Key is { } key && await forms.DeleteAsync(key, ct) ? SyncChange.Delete : SyncChange.NoChange);

    public string FileNameFor(XElement item) => names.SafeFileName(item.Attribute("Alias")!.Value) + ".config";

    public async Task<IReadOnlyList<(string FileName, Guid Key, XElement Xml)>> ExportAllAsync(CancellationToken ct) =>
        (await forms.AllAsync(ct)).Select(f => (names.SafeFileName(f.Name) + ".config", f.Id, Serialize(f))).ToList();

    public static FormDefinition Deserialize(XElement root)
    {
        var info = root.Element("Info") ?? new XElement("Info");
        string? Text(string name) => info.Element(name)?.Value is { Length: > 0 } v ? v : null;
        bool Bool(string name, bool fallback = false) => UsyncXml.ReadBool(info.Element(name), fallback);
        int Int(string name) => int.TryParse(Text(name), out var n) ? n : 0;
        var form = new FormDefinition
        {
            Id = UsyncXml.ReadGuid(root.Attribute("Key")?.Value) ?? throw new FormatException("The form has no Key."),
            Name = Text("Name") ?? root.Attribute("Alias")?.Value ?? "",
            FieldIndicationType = Text("FieldIndicationType") ?? "MarkMandatoryFields",
            Indicator = Text("Indicator") ?? "*",
            ShowValidationSummary = Bool("ShowValidationSummary"),
            HideFieldValidation = Bool("HideFieldValidation"),
            RequiredErrorMessage = Text("RequireErrorMessage") ?? "Please provide a value for {0}",
            InvalidErrorMessage = Text("InvalidErrorMessage") ?? "Please provide a valid value for {0}",
            MessageOnSubmit = Text("MessageOnSubmit"),
            MessageOnSubmitIsHtml = bool.TryParse(info.Element("MessageOnSubmit")?.Attribute("IsHtml")?.Value, out var isHtml) && isHtml,
            GoToPageOnSubmit = UsyncXml.ReadGuid(Text("GoToPageOnSubmit")) is { } page && page != Guid.Empty ? page : null,
            ManualApproval = Bool("ManualApproval"),
            StoreRecordsLocally = Bool("StoreRecordsLocally", true),
            CssClass = Text("CssClass"),
            DisableDefaultStylesheet = Bool("DisabledDefaultStylesheet"),
            AutocompleteAttribute = Text("AutocompleteAttribute"),
            SubmitLabel = Text("SubmitLabel") ?? "Submit",
            NextLabel = Text("NextLabel") ?? "Next",
            PrevLabel = Text("PreVLabel") ?? "Previous",
            DaysToRetainSubmittedRecordsFor = Int("DaysToRetainSubmittedRecordsFor"),
            DaysToRetainApprovedRecordsFor = Int("DaysToRetainApprovedRecordsFor"),
            DaysToRetainRejectedRecordsFor = Int("DaysToRetainRejectedRecordsFor"),
            ClosesAt = DateTime.TryParse(Text("ClosesAt"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var closes) ? closes : null,
            Workflows = (info.Element("Workflows")?.Elements("Workflow") ?? []).Select(w => new FormWorkflow
            {
                Id = UsyncXml.ReadGuid(w.Element("Id")?.Value) ?? Guid.NewGuid(),
                Name = w.Element("Name")?.Value ?? "",
                Active = UsyncXml.ReadBool(w.Element("Active"), true),
                IncludeSensitiveData = UsyncXml.ReadBool(w.Element("IncludeSensitiveData")),
                WorkflowTypeId = UsyncXml.ReadGuid(w.Element("WorkflowTypeId")?.Value) ?? Guid.Empty,
                ExecutesOn = w.Element("ExecutesOn")?.Value ?? "Submitted",
                SortOrder = int.TryParse(w.Element("SortOrder")?.Value, out var order) ? order : 0,
                Settings = (JsonNode.Parse(w.Element("Settings")?.Value is { Length: > 0 } s ? s : "{}") as JsonObject ?? [])
                    .ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var text) ? text : kv.Value?.ToJsonString() ?? ""),
            }).ToList(),
        };
        form.Pages = JsonSerializer.Deserialize<List<FormPage>>(root.Element("Pages")?.Value is { Length: > 0 } pages ? pages : "[]", PagesJson) ?? [];
        return form;
    }

    public static XElement Serialize(FormDefinition form) => new("forms-form",
        new XAttribute("Key", form.Id.ToString()),
        new XAttribute("Alias", form.Name),
        new XElement("Info",
            new XElement("Name", form.Name),
            new XElement("FieldIndicationType", form.FieldIndicationType),
            new XElement("Indicator", form.Indicator),
            new XElement("ShowValidationSummary", UsyncXml.CamelBool(form.ShowValidationSummary)),
            new XElement("HideFieldValidation", UsyncXml.CamelBool(form.HideFieldValidation)),
            new XElement("RequireErrorMessage", form.RequiredErrorMessage),
            new XElement("InvalidErrorMessage", form.InvalidErrorMessage),
            new XElement("MessageOnSubmit", new XAttribute("IsHtml", UsyncXml.CamelBool(form.MessageOnSubmitIsHtml)), form.MessageOnSubmit ?? ""),
            new XElement("GoToPageOnSubmit", (form.GoToPageOnSubmit ?? Guid.Empty).ToString()),
            new XElement("XPathOnSubmit", ""),
            new XElement("ManualApproval", UsyncXml.CamelBool(form.ManualApproval)),
            new XElement("StoreRecordsLocally", UsyncXml.CamelBool(form.StoreRecordsLocally)),
            new XElement("CssClass", form.CssClass ?? ""),
            new XElement("DisabledDefaultStylesheet", UsyncXml.CamelBool(form.DisableDefaultStylesheet)),
            new XElement("AutocompleteAttribute", form.AutocompleteAttribute ?? ""),
            new XElement("Workflows", form.Workflows.OrderBy(w => w.SortOrder).Select(w => new XElement("Workflow",
                new XElement("Id", w.Id.ToString()),
                new XElement("Name", w.Name),
                new XElement("Active", UsyncXml.CamelBool(w.Active)),
                new XElement("IncludeSensitiveData", UsyncXml.PascalBool(w.IncludeSensitiveData)),
                new XElement("WorkflowTypeId", w.WorkflowTypeId.ToString()),
                new XElement("ExecutesOn", w.ExecutesOn),
                new XElement("SortOrder", w.SortOrder),
                UsyncXml.CData("Settings", JsonSerializer.Serialize(w.Settings, PagesJson))))),
            new XElement("DataSource"),
            new XElement("Folder", ""),
            new XElement("SubmitLabel", form.SubmitLabel),
            new XElement("NextLabel", form.NextLabel),
            new XElement("PreVLabel", form.PrevLabel),
            new XElement("DaysToRetainSubmittedRecordsFor", form.DaysToRetainSubmittedRecordsFor),
            new XElement("DaysToRetainApprovedRecordsFor", form.DaysToRetainApprovedRecordsFor),
            new XElement("DaysToRetainRejectedRecordsFor", form.DaysToRetainRejectedRecordsFor),
            form.ClosesAt is { } closes ? new XElement("ClosesAt", UsyncXml.Date(closes)) : null),
        UsyncXml.CData("Pages", JsonSerializer.Serialize(form.Pages, PagesJson)));
}
