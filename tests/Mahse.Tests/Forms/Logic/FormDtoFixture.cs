using System.Text.Json.Nodes;
using Mahse.Forms.Model;

namespace Mahse.Tests.Forms.Logic;

/// <summary>
/// Reads a FormDto fixture back into the stored definition it came from (the inverse of FormDtoBuilder), so the
/// contract's examples can be rebuilt and compared. Messages are left to the form's defaults unless the fixture's
/// differ from them, so the comparison also checks how messages are resolved.
/// </summary>
public static class FormDtoFixture
{
    public static FormDefinition ToDefinition(JsonObject dto)
    {
        var form = new FormDefinition
        {
            Id = Guid.Parse((string)dto["id"]!),
            Name = (string)dto["name"]!,
            Indicator = (string?)dto["indicator"] ?? "",
            CssClass = (string?)dto["cssClass"],
            NextLabel = (string?)dto["nextLabel"] ?? "",
            PrevLabel = (string?)dto["previousLabel"] ?? "",
            SubmitLabel = (string?)dto["submitLabel"] ?? "",
            DisableDefaultStylesheet = (bool?)dto["disableDefaultStylesheet"] ?? false,
            FieldIndicationType = (string)dto["fieldIndicationType"]!,
            HideFieldValidation = (bool?)dto["hideFieldValidation"] ?? false,
            MessageOnSubmit = (string?)dto["messageOnSubmit"],
            MessageOnSubmitIsHtml = (bool?)dto["messageOnSubmitIsHtml"] ?? false,
            ShowValidationSummary = (bool?)dto["showValidationSummary"] ?? false,
        };
        form.Pages = dto["pages"]!.AsArray().Select((page, index) => new FormPage
        {
            Id = Guid.NewGuid(),
            SortOrder = index,
            Caption = (string?)page!["caption"],
            ButtonCondition = Condition(page["condition"]),
            FieldSets = page["fieldsets"]!.AsArray().Select((set, order) => new FormFieldSet
            {
                Id = Guid.Parse((string)set!["id"]!),
                SortOrder = order,
                Caption = (string?)set["caption"],
                Condition = Condition(set["condition"]),
                Containers = set["columns"]!.AsArray().Select(column => new FormContainer
                {
                    Caption = (string?)column!["caption"],
                    Width = (int)column["width"]!,
                    Fields = column["fields"]!.AsArray().Select(field => Field(form, field!.AsObject())).ToList(),
                }).ToList(),
            }).ToList(),
        }).ToList();
        return form;
    }

    private static FormField Field(FormDefinition form, JsonObject dto)
    {
        var caption = (string)dto["caption"]!;
        var field = new FormField
        {
            Id = Guid.Parse((string)dto["id"]!),
            Alias = (string)dto["alias"]!,
            Caption = caption,
            FieldTypeId = Guid.Parse((string)dto["type"]!["id"]!),
            Tooltip = (string?)dto["helpText"],
            Placeholder = (string?)dto["placeholder"],
            CssClass = (string?)dto["cssClass"],
            Mandatory = (bool)dto["required"]!,
            Regex = (string?)dto["pattern"],
            Condition = Condition(dto["condition"]),
            PreValues = dto["preValues"]!.AsArray().Select(p => new FormPreValue { Value = (string)p!["value"]!, Caption = (string?)p["caption"] }).ToList(),
            Settings = dto["settings"]!.AsObject().ToDictionary(s => char.ToUpperInvariant(s.Key[0]) + s.Key[1..], s => (string?)s.Value ?? ""),
        };
        if ((string?)dto["requiredErrorMessage"] is { } required && required != form.RequiredErrorMessage.Replace("{0}", caption))
        {
            field.RequiredErrorMessage = required;
        }

        if ((string?)dto["patternInvalidErrorMessage"] is { } invalid && invalid != form.InvalidErrorMessage.Replace("{0}", caption))
        {
            field.InvalidErrorMessage = invalid;
        }

        if (dto["fileUploadOptions"] is JsonObject uploads)
        {
            field.AllowedUploadTypes = uploads["allowedUploadExtensions"]!.AsArray().Select(e => (string)e!).ToList();
            field.AllowMultipleFileUploads = (bool)uploads["allowMultipleFileUploads"]!;
        }

        return field;
    }

    private static FormCondition? Condition(JsonNode? dto) => dto is null ? null : new FormCondition
    {
        ActionType = (string)dto["actionType"]!,
        LogicType = (string)dto["logicType"]!,
        Rules = dto["rules"]!.AsArray().Select(r => new FormConditionRule { Field = (string)r!["field"]!, Operator = (string)r["operator"]!, Value = (string)r["value"]! }).ToList(),
    };
}
