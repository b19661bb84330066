using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mahse.Cms.Infrastructure.Http;

/// <summary>The <c>Api-Key</c> header scheme Umbraco's Delivery API and Umbraco Forms both declare, on every operation of a document.</summary>
public static class ApiKeyOpenApi
{
    public const string SchemeName = "ApiKeyAuth";

    public static OpenApiOptions AddApiKeyScheme(this OpenApiOptions options, string description)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, Name = "Api-Key", In = ParameterLocation.Header, Description = description,
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            return Task.CompletedTask;
        });
        return options;
    }
}
