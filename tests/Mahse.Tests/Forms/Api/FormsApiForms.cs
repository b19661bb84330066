using System.Text;
using System.Text.Json.Nodes;
using Mahse.Forms.Model;
using Mahse.Tests.Forms.Logic;

namespace Mahse.Tests.Forms.Api;

/// <summary>The forms the Forms API sites start with, and bodies to post to them.</summary>
public static class FormsApiForms
{
    public const string Base = "/umbraco/forms/delivery/api/v1";
    public const string Base13 = "/umbraco/forms/api/v1";

    /// <summary>The application form of the logic tests, with a workflow on each stage (so entries queue outbox rows).</summary>
    public static FormDefinition Application()
    {
        var form = TestForms.Application();
        form.Workflows =
        [
            new FormWorkflow { Id = Guid.NewGuid(), Name = "Thank the applicant", WorkflowTypeId = FormWorkflowTypes.SendEmail, ExecutesOn = "Submitted" },
            new FormWorkflow { Id = Guid.NewGuid(), Name = "Tell the panel", WorkflowTypeId = FormWorkflowTypes.SendEmail, ExecutesOn = "Approved", SortOrder = 1 },
            new FormWorkflow { Id = Guid.NewGuid(), Name = "Switched off", WorkflowTypeId = FormWorkflowTypes.SendEmail, ExecutesOn = "Submitted", Active = false },
        ];
        return form;
    }

    public static FormDefinition Closed()
    {
        var form = TestForms.Application();
        form.Name = "Closed application";
        form.ClosesAt = new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        return form;
    }

    /// <summary>Magic strings in a caption (text) and in a rich text field's HTML (encoded), and a page to go to after submitting.</summary>
    public static FormDefinition Magic()
    {
        var name = TestForms.Field("name", FormFieldTypes.ShortAnswer, mandatory: true);
        name.Caption = "Your name, [@who|upper]";
        name.Tooltip = "For [#pageName] ([+source])";
        var intro = TestForms.Field("intro", FormFieldTypes.RichText);
        intro.Settings["Html"] = "<p>Hello [@who]</p>";
        return new FormDefinition
        {
            Id = Guid.NewGuid(),
            Name = "Magic",
            MessageOnSubmit = "Thanks",
            Pages = [new FormPage { Id = Guid.NewGuid(), Caption = "Applying to [#pageName]", FieldSets = [new FormFieldSet { Id = Guid.NewGuid(), Containers = [new FormContainer { Fields = [intro, name] }] }] }],
        };
    }

    /// <summary>A form that keeps no records of its own (Umbraco Forms' StoreRecordsLocally off) but has a workflow to run.</summary>
    public static FormDefinition NotStored()
    {
        var form = TestForms.Application();
        form.Name = "Not stored";
        form.StoreRecordsLocally = false;
        form.Workflows = [new FormWorkflow { Id = Guid.NewGuid(), Name = "Post it on", WorkflowTypeId = FormWorkflowTypes.SendFormToUrl, ExecutesOn = "Submitted" }];
        return form;
    }

    /// <summary>A dropdown whose choices come from a text-file prevalue source.</summary>
    public static FormDefinition FromSources()
    {
        var region = TestForms.Field("region", FormFieldTypes.Dropdown, mandatory: true, "stale inline value");
        region.PrevalueSourceId = SeededForms.TextFileSource.ToString();
        return new FormDefinition
        {
            Id = Guid.NewGuid(),
            Name = "Regions",
            Pages = [new FormPage { Id = Guid.NewGuid(), FieldSets = [new FormFieldSet { Id = Guid.NewGuid(), Containers = [new FormContainer { Fields = [region] }] }] }],
        };
    }

    public static JsonObject ValidEntry() => TestForms.ValidBody();

    public static JsonObject WithFile(string name, byte[] bytes)
    {
        var entry = ValidEntry();
        entry["values"]!["supportingDocument"] = new JsonArray(File(name, bytes));
        return entry;
    }

    public static JsonObject File(string name, byte[] bytes) =>
        new() { ["fileName"] = name, ["fileContents"] = "data:application/octet-stream;base64," + Convert.ToBase64String(bytes) };

    public static byte[] Pdf(string text = "plan") => Encoding.ASCII.GetBytes($"%PDF-1.7\n{text}\n1 0 obj\n<<>>\nendobj\n%%EOF");

    /// <summary>A Windows executable's first bytes.</summary>
    public static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00];

    /// <summary>Every field of a served definition, across pages, fieldsets and columns.</summary>
    public static IReadOnlyList<System.Text.Json.JsonElement> Fields(System.Text.Json.JsonElement definition) =>
        definition.GetProperty("pages").EnumerateArray().SelectMany(p => p.GetProperty("fieldsets").EnumerateArray())
            .SelectMany(s => s.GetProperty("columns").EnumerateArray()).SelectMany(c => c.GetProperty("fields").EnumerateArray()).ToList();
}
