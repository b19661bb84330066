using System.Text;
using System.Text.Json.Nodes;
using Mahse.Forms.Delivery;
using Mahse.Forms.Entries;
using Mahse.Forms.Model;
using Microsoft.Extensions.Options;

namespace Mahse.Tests.Forms.Logic;

/// <summary>Server-side validation of a whole submission, as Umbraco Forms does it: conditions, pattern, required, prevalues, length, uploads.</summary>
public sealed class EntryValidatorTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00];

    private static EntryValidator Validator(FormUploadOptions? options = null) => new(Options.Create(options ?? new FormUploadOptions()));

    private static JsonObject WithFile(string name, byte[] bytes)
    {
        var body = TestForms.ValidBody();
        body["values"]!["supportingDocument"] = new JsonArray(new JsonObject { ["fileName"] = name, ["fileContents"] = "data:application/octet-stream;base64," + Convert.ToBase64String(bytes) });
        return body;
    }

    private static string[] Errors(EntryValidation validation, string alias) => validation.Errors.TryGetValue(alias, out var messages) ? messages : [];

    [Fact]
    public void A_valid_entry_passes_and_keeps_ticked_boxes_as_true()
    {
        var form = TestForms.Application();

        var validation = Validator().Validate(form, TestForms.Entry(TestForms.ValidBody()));

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors.SelectMany(e => e.Value)));
        Assert.Equal(["true"], validation.Values[TestForms.FieldOf(form, "dataConsent").Id]);
        Assert.Equal(["true"], validation.Values[TestForms.FieldOf(form, "hasProject").Id]);
        Assert.Equal(["Ada Applicant"], validation.Values[TestForms.FieldOf(form, "name").Id]);
        Assert.Empty(validation.Values[TestForms.FieldOf(form, "summary").Id]); // missing fields still get a value list
    }

    [Fact]
    public void A_required_field_hidden_by_its_condition_is_not_required()
    {
        var body = TestForms.ValidBody();
        body["values"]!["hasProject"] = "";
        body["values"]!.AsObject().Remove("projectTitle");

        Assert.True(Validator().Validate(TestForms.Application(), TestForms.Entry(body)).IsValid);

        body["values"]!["hasProject"] = "on";
        Assert.Equal(["Please provide a value for ProjectTitle"], Errors(Validator().Validate(TestForms.Application(), TestForms.Entry(body)), "projectTitle"));
    }

    [Fact]
    public void A_required_field_hidden_by_its_fieldset_condition_is_not_required()
    {
        var form = TestForms.Application();
        var employed = TestForms.Field("employed", FormFieldTypes.SingleChoice, false, "yes", "no");
        form.Pages[0].FieldSets[0].Containers[0].Fields.Add(employed);
        form.Pages[1].FieldSets.Add(new FormFieldSet
        {
            Id = Guid.NewGuid(),
            Condition = new FormCondition { ActionType = "Hide", Rules = [new FormConditionRule { Field = employed.Id.ToString(), Operator = "Is", Value = "no" }] },
            Containers = [new FormContainer { Fields = [TestForms.Field("employer", FormFieldTypes.ShortAnswer, mandatory: true)] }],
        });
        var body = TestForms.ValidBody();

        body["values"]!["employed"] = "no";
        Assert.True(Validator().Validate(form, TestForms.Entry(body)).IsValid);

        body["values"]!["employed"] = "yes";
        Assert.Equal(["Please provide a value for Employer"], Errors(Validator().Validate(form, TestForms.Entry(body)), "employer"));
    }

    [Fact]
    public void Every_rule_reports_under_the_field_alias_with_umbraco_forms_messages()
    {
        var body = TestForms.ValidBody();
        body["values"]!.AsObject().Remove("projectTitle");
        body["values"]!["careerStage"] = "Astronaut";
        body["values"]!["email"] = "not an email";
        body["values"]!["name"] = new string('x', 256);
        body["values"]!["dataConsent"] = JsonValue.Create(true); // booleans are dropped, so consent is missing
        body["values"]!["summary"] = JsonValue.Create(42); // so are numbers (not required here, so no error)
        body["values"]!["unknownAlias"] = "kept aside";

        var validation = Validator().Validate(TestForms.Application(), TestForms.Entry(body));

        Assert.False(validation.IsValid);
        Assert.Equal(["Please provide a value for ProjectTitle"], Errors(validation, "projectTitle"));
        Assert.Equal(["Unexpected value: 'Astronaut'. Expected one of these: 'Trainee', 'Clinical scientist', 'Consultant'"], Errors(validation, "careerStage"));
        Assert.Equal(["Please provide a valid value for Email"], Errors(validation, "email"));
        Assert.Equal(["The value provided exceeds 255 characters."], Errors(validation, "name"));
        Assert.Equal(["Please provide a value for DataConsent"], Errors(validation, "dataConsent"));
        Assert.Equal(new[] { "careerStage", "dataConsent", "email", "name", "projectTitle" }, validation.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Length_limits_follow_the_maximum_length_setting_and_long_answers_have_none_by_default()
    {
        var form = TestForms.Application();
        TestForms.FieldOf(form, "name").Settings["MaximumLength"] = "10";
        var body = TestForms.ValidBody();
        body["values"]!["name"] = "Ada Lovelace-King";
        body["values"]!["summary"] = new string('y', 5000);

        var validation = Validator().Validate(form, TestForms.Entry(body));

        Assert.Equal(["The value provided exceeds 10 characters."], Errors(validation, "name"));
        Assert.Empty(Errors(validation, "summary"));
    }

    [Fact]
    public void The_fields_own_messages_win_and_their_magic_strings_are_resolved_but_posted_values_are_not()
    {
        var form = TestForms.Application();
        TestForms.FieldOf(form, "name").RequiredErrorMessage = "Tell us your name for [+call]";
        var body = TestForms.ValidBody();
        body["values"]!["name"] = "";
        body["values"]!["careerStage"] = "[+call]";
        var magic = new FormMagicStrings(null, null, new Dictionary<string, string> { ["call"] = "Autumn call" }, null);

        var validation = Validator().Validate(form, TestForms.Entry(body), magic);

        Assert.Equal(["Tell us your name for Autumn call"], Errors(validation, "name"));
        Assert.StartsWith("Unexpected value: '[+call]'.", Assert.Single(Errors(validation, "careerStage")));
    }

    [Fact]
    public void A_number_may_not_exceed_the_limit_the_hosting_page_sets()
    {
        var form = TestForms.Application();
        var costs = TestForms.Field("costs", FormFieldTypes.ShortAnswer);
        costs.Settings["MaximumFromContent"] = "maximumAward";
        form.Pages[1].FieldSets[0].Containers[0].Fields.Add(costs);
        var body = TestForms.ValidBody();
        body["values"]!["costs"] = "15000.50";

        Assert.Equal(["The amount may not be more than 15,000."], Errors(Validator().Validate(form, TestForms.Entry(body), pageValue: a => a == "maximumAward" ? "15000" : null), "costs"));
        Assert.True(Validator().Validate(form, TestForms.Entry(body), pageValue: _ => "20000").IsValid);
        Assert.True(Validator().Validate(form, TestForms.Entry(body)).IsValid); // no hosting page, no limit
    }

    [Fact]
    public void An_upload_of_an_allowed_type_with_matching_content_is_accepted()
    {
        var form = TestForms.Application();

        var validation = Validator().Validate(form, TestForms.Entry(WithFile(@"C:\Users\ada\plan.pdf", Pdf)));

        Assert.True(validation.IsValid);
        var file = Assert.Single(validation.Files);
        Assert.Equal(("plan.pdf", TestForms.FieldOf(form, "supportingDocument").Id), (file.FileName, file.FieldId));
        Assert.Equal(Pdf, file.Content);
    }

    [Fact]
    public void Uploads_are_refused_by_type_by_content_and_by_size()
    {
        var form = TestForms.Application();
        string Refusal(string name, byte[] bytes, FormUploadOptions? options = null)
        {
            var validation = Validator(options).Validate(form, TestForms.Entry(WithFile(name, bytes)));
            Assert.Empty(validation.Files);
            return Assert.Single(Errors(validation, "supportingDocument"));
        }

        Assert.Equal("The file plan.pdf is not a valid .pdf file.", Refusal("plan.pdf", Exe));
        Assert.Equal("The file type (.png) you tried to upload is not allowed.", Refusal("photo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.Equal("The file type (.) you tried to upload is not allowed.", Refusal("README", Pdf)); // no extension, no way to vouch for it
        Assert.Equal("The file big.pdf is larger than 0.1 MB.", Refusal("big.pdf", [.. Pdf, .. new byte[200_000]], new FormUploadOptions { MaxFileBytes = 104_858 }));
        Assert.Equal("The file type (.pdf) you tried to upload is not allowed.", Refusal("plan.pdf", Pdf, new FormUploadOptions { AllowedFileUploadExtensions = "docx" }));
    }

    [Fact]
    public void The_global_disallowed_list_wins_over_a_field_that_allows_the_type()
    {
        var form = TestForms.Application();
        TestForms.FieldOf(form, "supportingDocument").AllowedUploadTypes!.Add("exe");
        TestForms.FieldOf(form, "supportingDocument").AllowedUploadTypes!.Add("txt");

        var exe = Validator().Validate(form, TestForms.Entry(WithFile("tool.exe", Exe)));
        Assert.Equal(["The file type (.exe) you tried to upload is not allowed."], Errors(exe, "supportingDocument"));

        var txt = Validator(new FormUploadOptions { DisallowedFileUploadExtensions = "txt, exe" }).Validate(form, TestForms.Entry(WithFile("notes.TXT", "plain notes"u8.ToArray())));
        Assert.Equal(["The file type (.txt) you tried to upload is not allowed."], Errors(txt, "supportingDocument"));
    }

    [Fact]
    public void One_file_per_field_unless_the_field_allows_several_and_then_up_to_the_limit()
    {
        var form = TestForms.Application();
        var body = WithFile("a.pdf", Pdf);
        body["values"]!["supportingDocument"]!.AsArray().Add(new JsonObject { ["fileName"] = "b.pdf", ["fileContents"] = Convert.ToBase64String(Pdf) });

        Assert.Equal(["Only one file may be uploaded here."], Errors(Validator().Validate(form, TestForms.Entry(body)), "supportingDocument"));

        TestForms.FieldOf(form, "supportingDocument").AllowMultipleFileUploads = true;
        Assert.Equal(2, Validator().Validate(form, TestForms.Entry(body)).Files.Count);
        Assert.Equal(["At most 1 files may be uploaded here."], Errors(Validator(new FormUploadOptions { MaxFilesPerField = 1 }).Validate(form, TestForms.Entry(body)), "supportingDocument"));
    }

    [Fact]
    public void A_required_upload_is_satisfied_by_a_file_and_a_broken_data_url_is_refused()
    {
        var form = TestForms.Application();
        TestForms.FieldOf(form, "supportingDocument").Mandatory = true;

        Assert.Equal(["Please provide a value for SupportingDocument"], Errors(Validator().Validate(form, TestForms.Entry(TestForms.ValidBody())), "supportingDocument"));
        Assert.True(Validator().Validate(form, TestForms.Entry(WithFile("plan.pdf", Pdf))).IsValid);

        var broken = TestForms.ValidBody();
        broken["values"]!["supportingDocument"] = new JsonArray(new JsonObject { ["fileName"] = "plan.pdf", ["fileContents"] = "data:application/pdf;base64,@@not base64@@" });
        Assert.Equal(["The file plan.pdf could not be read (expected a base64 data URL)."], Errors(Validator().Validate(form, TestForms.Entry(broken)), "supportingDocument"));
    }

    [Fact]
    public void The_constructed_fellowship_submission_is_valid_against_its_definition()
    {
        var form = FormDtoFixture.ToDefinition(JsonNode.Parse(TestForms.Fixture("constructed.form-definition.fellowship-multipage.json"))!.AsObject());
        var entry = TestForms.Entry(JsonNode.Parse(TestForms.Fixture("constructed.entry-submit.fellowship.request.json"))!.AsObject());

        var validation = Validator().Validate(form, entry);

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        Assert.Equal("cv.pdf", Assert.Single(validation.Files).FileName);
        Assert.Equal(["clin-biochem", "genomics"], validation.Values[TestForms.FieldOf(form, "specialisms").Id]);
        Assert.Equal(["true"], validation.Values[TestForms.FieldOf(form, "dataConsent").Id]);
        Assert.False(validation.Values.ContainsKey(TestForms.FieldOf(form, "recaptcha").Id)); // verified apart, never stored

        // Registration "none" hides the registration number's fieldset; "yes" to publications shows its required list.
        var values = JsonNode.Parse(TestForms.Fixture("constructed.entry-submit.fellowship.request.json"))!.AsObject();
        values["values"]!["registrationBody"] = "none";
        values["values"]!.AsObject().Remove("registrationNumber");
        values["values"]!["hasPublications"] = "yes";
        var errors = Validator().Validate(form, TestForms.Entry(values)).Errors;
        Assert.Equal(["publications"], errors.Keys);
        Assert.Equal(["Please provide a value for List your key publications"], errors["publications"]);
    }
}
