using Mahse.Forms.Model;

namespace Mahse.Tests.Forms.Management;

/// <summary>Forms for the management tests: small, with unique names so tests sharing the site never meet.</summary>
public static class ManagementForms
{
    public static FormField Field(string alias, FormFieldType type, string? caption = null) => new()
    {
        Id = Guid.NewGuid(),
        Alias = alias,
        Caption = caption ?? char.ToUpperInvariant(alias[0]) + alias[1..],
        FieldTypeId = type.Id,
    };

    /// <summary>A one-page application: name, email, a statement, a sensitive note, an upload; manual approval and an email on approval.</summary>
    public static FormDefinition Application(string name, bool manualApproval = true)
    {
        var statement = Field("statement", FormFieldTypes.LongAnswer, "Personal statement");
        var note = Field("healthNote", FormFieldTypes.LongAnswer, "Health note");
        note.ContainsSensitiveData = true;
        var hasProject = Field("hasProject", FormFieldTypes.Checkbox);
        statement.Condition = new FormCondition { Rules = [new FormConditionRule { Field = hasProject.Id.ToString(), Operator = "Is", Value = "true" }] };
        return new FormDefinition
        {
            Id = Guid.NewGuid(),
            Name = name,
            ManualApproval = manualApproval,
            Workflows =
            [
                new FormWorkflow { Id = Guid.NewGuid(), Name = "Tell the applicant", WorkflowTypeId = FormWorkflowTypes.SendEmail, ExecutesOn = "Approved", Settings = { ["Email"] = "{email}", ["Subject"] = "Approved" } },
                new FormWorkflow { Id = Guid.NewGuid(), Name = "Tell the applicant no", WorkflowTypeId = FormWorkflowTypes.SendEmail, ExecutesOn = "Rejected", Settings = { ["Email"] = "{email}", ["Subject"] = "Sorry" } },
            ],
            Pages =
            [
                new FormPage
                {
                    Id = Guid.NewGuid(), Caption = "Applicant",
                    FieldSets =
                    [
                        new FormFieldSet
                        {
                            Id = Guid.NewGuid(),
                            Containers = [new FormContainer { Fields = [Field("name", FormFieldTypes.ShortAnswer, "Full name"), Field("email", FormFieldTypes.ShortAnswer, "Email"), hasProject, statement, note, Field("cv", FormFieldTypes.FileUpload, "CV")] }],
                        },
                    ],
                },
            ],
        };
    }
}
