using System.Xml.Linq;
using Mahse.Forms.Model;
using Mahse.Forms.Sync;
using Mahse.Sync.Serialization;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Forms.Sync;

/// <summary>
/// uSync.Forms' file format in-process: the MAHSE forms and prevalue sources read and write back byte for byte, the
/// uSync.Forms fixture reads, and broken content is refused with a reason.
/// </summary>
public sealed class FormFileSerializerTests
{
    public static TheoryData<string> MahseForms => new(Directory.EnumerateFiles(Path.Combine(Repository.MahseUsync, "Forms"), "*.config").Select(Path.GetFileName).Order()!);

    public static TheoryData<string> MahsePreValues => new(Directory.EnumerateFiles(Path.Combine(Repository.MahseUsync, "Forms-PreValues"), "*.config").Select(Path.GetFileName).Order()!);

    private static string UsyncFormsFixture(string name) => Path.Combine(Repository.Shared, "contracts", "fixtures", "forms", "usync-forms", name);

    [Theory]
    [MemberData(nameof(MahseForms))]
    public void A_mahse_form_file_reads_and_writes_back_byte_for_byte(string name)
    {
        var path = Path.Combine(Repository.MahseUsync, "Forms", name);
        var form = FormFileSerializer.Deserialize(XElement.Load(path));

        // Through the stored JSON too, as an import then an export does.
        var stored = FormJson.Parse(FormJson.Serialize(form));
        var written = FormFileSerializer.Serialize(stored, "");

        Assert.Equal(File.ReadAllText(path), UsyncXml.ToText(written)); // the first difference, readable
        Assert.Equal(File.ReadAllBytes(path), UsyncXml.ToBytes(written));
        Assert.Empty(FormFileRules.Check(form));
    }

    [Theory]
    [MemberData(nameof(MahsePreValues))]
    public void A_mahse_prevalue_source_file_reads_and_writes_back_byte_for_byte(string name)
    {
        var path = Path.Combine(Repository.MahseUsync, "Forms-PreValues", name);

        var row = FormPreValuesHandler.Deserialize(XElement.Load(path));

        Assert.Equal(File.ReadAllBytes(path), UsyncXml.ToBytes(FormPreValuesHandler.Serialize(row)));
    }

    [Fact]
    public void The_usync_forms_test_form_reads_with_its_workflow_and_fields()
    {
        var form = FormFileSerializer.Deserialize(XElement.Load(UsyncFormsFixture("test-form.config")));

        Assert.Equal(Guid.Parse("cfd53d45-b300-4980-a792-4148aa092911"), form.Id);
        Assert.Equal("Test Form", form.Name);
        Assert.True(form.MessageOnSubmitIsHtml);
        Assert.Equal("<p>Thank you</p>", form.MessageOnSubmit);
        var workflow = Assert.Single(form.Workflows);
        Assert.Equal(FormWorkflowTypes.SendEmailWithRazorTemplate, workflow.WorkflowTypeId);
        Assert.Equal("kevin@thejumps.co.uk", workflow.Settings["Email"]);
        Assert.Contains(form.AllFields, f => f.Alias == "dataConsent" && f.Mandatory);
        Assert.Empty(FormFileRules.Check(form));
    }

    [Fact]
    public void The_usync_forms_text_file_source_keeps_its_items_and_the_documents_source_its_settings()
    {
        var text = FormPreValuesHandler.Deserialize(XElement.Load(UsyncFormsFixture("prevalue-test.config")));
        var documents = FormPreValuesHandler.Deserialize(XElement.Load(UsyncFormsFixture("prevalue-documents.config")));

        Assert.Equal("test", text.Name);
        Assert.Equal(["test", "tes2", "test3"], Mahse.Forms.PreValueTextFile.Parse(text.Items).Select(p => p.Value));
        Assert.Contains("\"DocType\":\"simpleDocumentType\"", documents.Settings);
        Assert.Null(documents.Items);
    }

    [Theory]
    [InlineData("<Pages><![CDATA[[{\"fieldSets\": [}]]]></Pages>", "not valid")]
    [InlineData("<Pages><![CDATA[" + "[{\"fieldSets\":[{\"containers\":[{\"fields\":[{\"alias\":\"a\",\"id\":\"11111111-1111-1111-1111-111111111111\",\"fieldTypeId\":\"22222222-2222-2222-2222-222222222222\"}]}]}]}]" + "]]></Pages>", "unknown field type id 22222222-2222-2222-2222-222222222222")]
    [InlineData("<Pages><![CDATA[" + "[{\"fieldSets\":[{\"containers\":[{\"fields\":[{\"alias\":\"a\",\"id\":\"11111111-1111-1111-1111-111111111111\",\"fieldTypeId\":\"3f92e01b-29e2-4a30-bf33-9df5580ed52c\"},{\"alias\":\"a\",\"id\":\"11111111-1111-1111-1111-111111111112\",\"fieldTypeId\":\"3f92e01b-29e2-4a30-bf33-9df5580ed52c\"}]}]}]}]" + "]]></Pages>", "The alias 'a' is used by 2 fields")]
    public void A_broken_form_is_refused_with_its_reason(string pages, string reason)
    {
        var root = XElement.Parse($"""<forms-form Key="{Guid.NewGuid()}" Alias="Broken"><Info><Name>Broken</Name></Info>{pages}</forms-form>""");

        string message;
        try
        {
            message = string.Join(" ", FormFileRules.Check(FormFileSerializer.Deserialize(root)));
        }
        catch (FormatException ex)
        {
            message = ex.Message;
        }

        Assert.Contains(reason, message);
    }
}
