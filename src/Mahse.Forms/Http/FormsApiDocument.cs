using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Mahse.Forms.Http;

// The Forms API's OpenAPI document, served where Umbraco Forms' docs put it, /umbraco/swagger/forms/swagger.json, and
// beside Umbraco's own documents at /umbraco/openapi/forms.json (by Umbraco itself where its OpenAPI is on). These types only describe the bodies (the endpoints write JsonObjects in
// Umbraco Forms' order, see FormDtoBuilder); their names are Umbraco Forms' schema names. Shape: the Forms 13
// document (enums as strings, the full operator list, additionalData), which is what Forms 15–17 send; the Forms 14
// docs file says int32 enums and is stale (contracts/forms.md).

[JsonConverter(typeof(JsonStringEnumConverter<FieldConditionActionType>))]
public enum FieldConditionActionType { Show, Hide }

[JsonConverter(typeof(JsonStringEnumConverter<FieldConditionLogicType>))]
public enum FieldConditionLogicType { All, Any }

[JsonConverter(typeof(JsonStringEnumConverter<FieldConditionRuleOperator>))]
public enum FieldConditionRuleOperator
{
    Is, IsNot, GreaterThen, LessThen, Contains, ContainsIgnoreCase, StartsWith, StartsWithIgnoreCase, EndsWith, EndsWithIgnoreCase,
    NotContains, NotContainsIgnoreCase, NotStartsWith, NotStartsWithIgnoreCase, NotEndsWith, NotEndsWithIgnoreCase,
}

[JsonConverter(typeof(JsonStringEnumConverter<FormFieldIndication>))]
public enum FormFieldIndication { NoIndicator, MarkMandatoryFields, MarkOptionalFields }

public sealed class FormConditionRuleDto
{
    public string Field { get; init; } = "";
    public FieldConditionRuleOperator Operator { get; init; }
    public string Value { get; init; } = "";
}

public sealed class FormConditionDto
{
    public FieldConditionActionType ActionType { get; init; }
    public FieldConditionLogicType LogicType { get; init; }
    public IReadOnlyList<FormConditionRuleDto> Rules { get; init; } = [];
}

public sealed class FormFieldPrevalueDto
{
    public string Value { get; init; } = "";
    public string? Caption { get; init; }
}

public sealed class FormFieldTypeDto
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public bool SupportsPreValues { get; init; }
    public bool SupportsUploadTypes { get; init; }
    public string RenderInputType { get; init; } = "";
}

public sealed class FormFileUploadOptionsDto
{
    public bool AllowAllUploadExtensions { get; init; }
    public IReadOnlyList<string> AllowedUploadExtensions { get; init; } = [];
    public bool AllowMultipleFileUploads { get; init; }
}

public sealed class FormFieldDto
{
    public Guid Id { get; init; }
    public string Caption { get; init; } = "";
    public string? HelpText { get; init; }
    public string? Placeholder { get; init; }
    public string? CssClass { get; init; }
    public string Alias { get; init; } = "";
    public bool Required { get; init; }
    public string? RequiredErrorMessage { get; init; }
    public string? Pattern { get; init; }
    public string? PatternInvalidErrorMessage { get; init; }
    public FormConditionDto? Condition { get; init; }
    public FormFileUploadOptionsDto? FileUploadOptions { get; init; }
    public IReadOnlyList<FormFieldPrevalueDto> PreValues { get; init; } = [];
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    public FormFieldTypeDto Type { get; init; } = new();
}

public sealed class FormFieldsetColumnDto
{
    public string? Caption { get; init; }
    public int Width { get; init; }
    public IReadOnlyList<FormFieldDto> Fields { get; init; } = [];
}

public sealed class FormFieldsetDto
{
    public Guid Id { get; init; }
    public string? Caption { get; init; }
    public FormConditionDto? Condition { get; init; }
    public IReadOnlyList<FormFieldsetColumnDto> Columns { get; init; } = [];
}

public sealed class FormPageDto
{
    public string? Caption { get; init; }
    public FormConditionDto? Condition { get; init; }
    public IReadOnlyList<FormFieldsetDto> Fieldsets { get; init; } = [];
}

/// <summary>A form-level validation rule, as Forms 15 sends them (not in Umbraco Forms' published documents).</summary>
public sealed class FormValidationRuleDto
{
    public string ErrorMessage { get; init; } = "";
    public string Rule { get; init; } = "";
    public Guid? FieldId { get; init; }
}

public sealed class FormDto
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Indicator { get; init; } = "";
    public string? CssClass { get; init; }
    public string? NextLabel { get; init; }
    public string? PreviousLabel { get; init; }
    public string? SubmitLabel { get; init; }
    public bool DisableDefaultStylesheet { get; init; }
    public FormFieldIndication FieldIndicationType { get; init; }
    public bool HideFieldValidation { get; init; }
    public string? MessageOnSubmit { get; init; }
    public bool MessageOnSubmitIsHtml { get; init; }
    public bool ShowValidationSummary { get; init; }
    public Guid? GotoPageOnSubmit { get; init; }
    public FormsContentRouteModel? GotoPageOnSubmitRoute { get; init; }
    public IReadOnlyList<FormPageDto> Pages { get; init; } = [];

    /// <summary>As Forms 15 sends it; not in the published documents.</summary>
    public IReadOnlyList<FormValidationRuleDto> ValidationRules { get; init; } = [];

    /// <summary>Extension: when the form (or the fellowship call hosting it) stops taking entries.</summary>
    public DateTime? ClosesAt { get; init; }
}

/// <summary>The route of the page to go to after submitting, as the Delivery API writes routes (path and start item).</summary>
public sealed class FormsContentRouteModel
{
    public string Path { get; init; } = "";
    public FormsContentStartItemModel StartItem { get; init; } = new();
}

public sealed class FormsContentStartItemModel
{
    public Guid Id { get; init; }
    public string Path { get; init; } = "";
}

public sealed class FormEntryDto
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public string? ContentId { get; init; }
    public string? Culture { get; init; }
    public IReadOnlyDictionary<string, string>? AdditionalData { get; init; }
}

public static class FormsApiDocument
{
    public const string Name = "forms";
    public const string Title = "Umbraco Forms API";
    public const string SwaggerPath = "/umbraco/swagger/forms/swagger.json";
    public const string OpenApiPath = "/umbraco/openapi/forms.json";
    private const string ApiKeyScheme = "ApiKeyAuth";

    private static readonly Dictionary<string, string> SchemaNames = new()
    {
        [nameof(FormsContentRouteModel)] = "IApiContentRouteModel",
        [nameof(FormsContentStartItemModel)] = "IApiContentStartItemModel",
    };

    public static IServiceCollection AddFormsApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.ShouldInclude = description => description.GroupName == Name;
            options.CreateSchemaReferenceId = type => SchemaNames.TryGetValue(type.Type.Name, out var name) ? name : OpenApiOptions.CreateDefaultSchemaReferenceId(type);

            // The enums are written as strings (JsonStringEnumConverter); say so, as Umbraco Forms' document does.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type.IsEnum)
                {
                    schema.Type = JsonSchemaType.String;
                }

                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = Title,
                    Version = "Latest",
                    Description = "The MAHSE Forms module's API, compatible with Umbraco Forms' API for rendering and submitting forms, at the Forms 14–17 paths and the Forms 13 ones.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, Name = FormsApiAccess.ApiKeyHeader, In = ParameterLocation.Header,
                    Description = "Umbraco:Forms:Security:FormsApiKey, when one is configured.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] });
                if (context.Description.RelativePath?.Contains("/definitions/", StringComparison.Ordinal) == true)
                {
                    // Read from the query string by hand (additionalData[key]=value), so described here.
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "additionalData", In = ParameterLocation.Query, Description = "Values for [+key] magic strings, as additionalData[key]=value.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } },
                    });
                }

                return Task.CompletedTask;
            });
        });
}
