using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Mahse.Forms.Model;
using Mahse.Sync.Serialization;

namespace Mahse.Forms.Sync;

/// <summary>
/// A form ↔ uSync.Forms' <c>forms-form</c> file, byte for byte as uSync.Forms writes it: <c>&lt;Info&gt;</c> with the
/// form's settings and <c>&lt;Workflows&gt;</c>, <c>&lt;Pages&gt;</c> as indented JSON in CDATA in Umbraco Forms' own
/// property order. uSync.Forms serialises with Newtonsoft.Json, which escapes only quotes, backslashes and control
/// characters; System.Text.Json's relaxed encoder writes the same for the text forms carry. Retention and the closing
/// time ride in extra <c>&lt;Info&gt;</c> elements (docs/usync-extensions.md).
/// </summary>
public static class FormFileSerializer
{
    public const string ItemType = "forms-form";

    /// <summary>Indented like Newtonsoft's <c>Formatting.Indented</c> (2 spaces, LF as uSync files keep it).</summary>
    public static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Compact, as uSync.Forms writes a text file's items.</summary>
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Reads a file. Throws <see cref="FormatException"/> (or <see cref="JsonException"/>) with a reason a person can act on
    /// when the file is not a form this module can store.
    /// </summary>
    public static FormDefinition Deserialize(XElement root)
    {
        var info = root.Element("Info") ?? new XElement("Info");
        string? Text(string name) => info.Element(name)?.Value is { Length: > 0 } v ? v : null;
        bool Bool(string name, bool fallback = false) => UsyncXml.ReadBool(info.Element(name), fallback);
        int Int(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

        var form = new FormDefinition
        {
            Id = UsyncXml.ReadGuid(root.Attribute("Key")?.Value) ?? throw new FormatException("The form has no valid Key."),
            Name = (Text("Name") ?? root.Attribute("Alias")?.Value ?? "").Trim(),
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
            ClosesAt = Text("ClosesAt") is { } closes
                ? DateTime.TryParse(closes, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
                    ? DateTime.SpecifyKind(at, DateTimeKind.Utc)
                    : throw new FormatException($"ClosesAt '{closes}' is not a date.")
                : null,
        };

        var order = 0;
        foreach (var w in info.Element("Workflows")?.Elements("Workflow") ?? [])
        {
            var name = w.Element("Name")?.Value ?? "";
            form.Workflows.Add(new FormWorkflow
            {
                Id = UsyncXml.ReadGuid(w.Element("Id")?.Value) ?? throw new FormatException($"The workflow '{name}' has no valid Id."),
                Name = name,
                Active = UsyncXml.ReadBool(w.Element("Active"), true),
                IncludeSensitiveData = UsyncXml.ReadBool(w.Element("IncludeSensitiveData")),
                WorkflowTypeId = UsyncXml.ReadGuid(w.Element("WorkflowTypeId")?.Value) ?? throw new FormatException($"The workflow '{name}' has no valid WorkflowTypeId."),
                ExecutesOn = w.Element("ExecutesOn")?.Value is { Length: > 0 } stage ? stage : "Submitted",
                SortOrder = int.TryParse(w.Element("SortOrder")?.Value, out var sort) ? sort : order,
                Settings = ReadSettings(w.Element("Settings")?.Value, $"The settings of workflow '{name}'"),
            });
            order++;
        }

        var pages = root.Element("Pages")?.Value;
        try
        {
            form.Pages = string.IsNullOrWhiteSpace(pages) ? [] : JsonSerializer.Deserialize<List<FormPage>>(pages, FormJson.Options) ?? [];
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The form's <Pages> JSON is not valid: {ex.Message}", ex);
        }

        return form;
    }

    /// <summary>uSync.Forms reads settings as a string dictionary (Newtonsoft turns numbers and booleans into text).</summary>
    private static Dictionary<string, string> ReadSettings(string? json, string what)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            if (JsonNode.Parse(json) is not JsonObject settings)
            {
                throw new FormatException($"{what} are not a JSON object.");
            }

            return settings.ToDictionary(kv => kv.Key, kv => kv.Value switch
            {
                null => "",
                JsonValue v when v.TryGetValue<string>(out var text) => text,
                JsonValue v => v.ToJsonString(),
                _ => throw new FormatException($"{what}: '{kv.Key}' is not a single value."),
            });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{what} are not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The file for a form; <paramref name="folderPath"/> is uSync.Forms' "/Parent/Child" (empty at the root).</summary>
    public static XElement Serialize(FormDefinition form, string folderPath) => new(ItemType,
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
                new XElement("SortOrder", w.SortOrder.ToString(CultureInfo.InvariantCulture)),
                UsyncXml.CData("Settings", Settings(w.Settings).ToJsonString(Indented))))),
            new XElement("DataSource"),
            new XElement("Folder", folderPath),
            new XElement("SubmitLabel", form.SubmitLabel),
            new XElement("NextLabel", form.NextLabel),
            new XElement("PreVLabel", form.PrevLabel),
            new XElement("DaysToRetainSubmittedRecordsFor", form.DaysToRetainSubmittedRecordsFor.ToString(CultureInfo.InvariantCulture)),
            new XElement("DaysToRetainApprovedRecordsFor", form.DaysToRetainApprovedRecordsFor.ToString(CultureInfo.InvariantCulture)),
            new XElement("DaysToRetainRejectedRecordsFor", form.DaysToRetainRejectedRecordsFor.ToString(CultureInfo.InvariantCulture)),
            form.ClosesAt is { } closes ? new XElement("ClosesAt", UsyncXml.Date(closes)) : null),
        UsyncXml.CData("Pages", PagesJson(form.Pages)));

    /// <summary>The pages in Umbraco Forms' property order (the order uSync.Forms' files have).</summary>
    public static string PagesJson(IEnumerable<FormPage> pages) =>
        new JsonArray([.. pages.Select(Page)]).ToJsonString(Indented);

    private static JsonObject Page(FormPage page) => new()
    {
        ["id"] = page.Id.ToString(),
        ["caption"] = page.Caption,
        ["sortOrder"] = page.SortOrder,
        ["buttonCondition"] = Condition(page.ButtonCondition),
        ["fieldSets"] = new JsonArray([.. page.FieldSets.Select(FieldSet)]),
    };

    private static JsonObject FieldSet(FormFieldSet set) => new()
    {
        ["id"] = set.Id.ToString(),
        ["caption"] = set.Caption,
        ["sortOrder"] = set.SortOrder,
        ["condition"] = Condition(set.Condition),
        ["containers"] = new JsonArray([.. set.Containers.Select(c => (JsonNode)new JsonObject
        {
            ["caption"] = c.Caption,
            ["width"] = c.Width,
            ["fields"] = new JsonArray([.. c.Fields.Select(Field)]),
        })]),
    };

    private static JsonNode Field(FormField field) => new JsonObject
    {
        ["caption"] = field.Caption,
        ["tooltip"] = field.Tooltip,
        ["placeholder"] = field.Placeholder,
        ["cssClass"] = field.CssClass,
        ["alias"] = field.Alias,
        ["id"] = field.Id.ToString(),
        ["fieldTypeId"] = field.FieldTypeId.ToString(),
        ["prevalueSourceId"] = field.PrevalueSourceId,
        ["preValues"] = new JsonArray([.. field.PreValues.Select(p => (JsonNode)new JsonObject { ["value"] = p.Value, ["caption"] = p.Caption })]),
        ["mandatory"] = field.Mandatory,
        ["regex"] = field.Regex,
        ["requiredErrorMessage"] = field.RequiredErrorMessage,
        ["invalidErrorMessage"] = field.InvalidErrorMessage,
        ["containsSensitiveData"] = field.ContainsSensitiveData,
        ["condition"] = Condition(field.Condition),
        ["settings"] = Settings(field.Settings),
        ["allowedUploadTypes"] = field.AllowedUploadTypes is { } types ? new JsonArray([.. types.Select(t => (JsonNode?)JsonValue.Create(t))]) : null,
        ["allowMultipleFileUploads"] = field.AllowMultipleFileUploads,
    };

    private static JsonObject? Condition(FormCondition? condition) => condition is null ? null : new JsonObject
    {
        ["enabled"] = condition.Enabled,
        ["actionType"] = condition.ActionType,
        ["logicType"] = condition.LogicType,
        ["rules"] = new JsonArray([.. condition.Rules.Select(r => (JsonNode)new JsonObject { ["field"] = r.Field, ["operator"] = r.Operator, ["value"] = r.Value })]),
    };

    private static JsonObject Settings(Dictionary<string, string> settings)
    {
        var json = new JsonObject();
        foreach (var (key, value) in settings)
        {
            json[key] = value;
        }

        return json;
    }
}
