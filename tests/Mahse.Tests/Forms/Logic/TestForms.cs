using System.Text.Json.Nodes;
using Mahse.Forms.Entries;
using Mahse.Forms.Model;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Forms.Logic;

/// <summary>An application form (two pages, a condition, a pattern, prevalues, an upload, consent) and a valid entry for it.</summary>
public static class TestForms
{
    public static string Fixture(string name) => File.ReadAllText(Path.Combine(Repository.Shared, "contracts", "fixtures", "forms", name));

    public static FormField Field(string alias, FormFieldType type, bool mandatory = false, params string[] preValues) => new()
    {
        Id = Guid.NewGuid(),
        Alias = alias,
        Caption = char.ToUpperInvariant(alias[0]) + alias[1..],
        FieldTypeId = type.Id,
        Mandatory = mandatory,
        PreValues = preValues.Select(v => new FormPreValue { Value = v, Caption = v }).ToList(),
    };

    public static FormDefinition Application()
    {
        var hasProject = Field("hasProject", FormFieldTypes.Checkbox);
        var projectTitle = Field("projectTitle", FormFieldTypes.ShortAnswer, mandatory: true);
        projectTitle.Condition = new FormCondition { Rules = [new FormConditionRule { Field = hasProject.Id.ToString(), Operator = "Is", Value = "true" }] };
        var email = Field("email", FormFieldTypes.ShortAnswer, mandatory: true);
        email.Regex = @"^[^@\s]+@[^@\s]+\.[^@\s]+$";
        email.Settings["FieldType"] = "email";
        var upload = Field("supportingDocument", FormFieldTypes.FileUpload);
        upload.AllowedUploadTypes = ["pdf", "docx"];
        return new FormDefinition
        {
            Id = Guid.NewGuid(),
            Name = "Application",
            MessageOnSubmit = "Thank you for applying",
            Pages =
            [
                new FormPage
                {
                    Id = Guid.NewGuid(), Caption = "Applicant",
                    FieldSets = [new FormFieldSet { Id = Guid.NewGuid(), Containers = [new FormContainer { Fields = [Field("name", FormFieldTypes.ShortAnswer, mandatory: true), email, Field("careerStage", FormFieldTypes.Dropdown, true, "Trainee", "Clinical scientist", "Consultant")] }] }],
                },
                new FormPage
                {
                    Id = Guid.NewGuid(), Caption = "Project", SortOrder = 1,
                    FieldSets = [new FormFieldSet { Id = Guid.NewGuid(), Containers = [new FormContainer { Fields = [hasProject, projectTitle, Field("summary", FormFieldTypes.LongAnswer), upload, Field("dataConsent", FormFieldTypes.DataConsent, true)] }] }],
                },
            ],
        };
    }

    public static JsonObject ValidBody() => new()
    {
        ["values"] = new JsonObject
        {
            ["name"] = "Ada Applicant",
            ["email"] = "ada@nhs.test",
            ["careerStage"] = "Clinical scientist",
            ["hasProject"] = "on",
            ["projectTitle"] = "Faster ECG reporting",
            ["dataConsent"] = "on",
        },
    };

    public static PostedEntry Entry(JsonObject body) =>
        PostedEntry.TryParse(body.ToJsonString(), out var entry, out var problem) ? entry : throw new InvalidOperationException(problem);

    public static FormField FieldOf(FormDefinition form, string alias) => form.AllFields.Single(f => f.Alias == alias);
}
