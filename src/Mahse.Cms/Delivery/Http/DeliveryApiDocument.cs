using System.Text.Json.Nodes;
using Mahse.Cms.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Mahse.Cms.Delivery.Http;

// The Delivery API's OpenAPI document, served at /umbraco/openapi/delivery.json as Umbraco 18 serves it. These
// records only describe response bodies for the document (the endpoints write JsonObjects, property by property,
// to keep Umbraco's exact order); their names become Umbraco's schema names.

public sealed record ApiContentStartItemModel(Guid Id, string? Path);

// A constructor parameter with a default is optional in the document, matching Umbraco's required sets.
public sealed record ApiContentRouteModel(string? Path, ApiContentStartItemModel StartItem, string? QueryString = null);

public sealed record ApiContentResponseModel(
    string ContentType, string Name, DateTime CreateDate, DateTime UpdateDate, ApiContentRouteModel Route, Guid Id,
    JsonObject Properties, IReadOnlyDictionary<string, ApiContentRouteModel> Cultures);

public sealed record PagedApiContentResponseModel(long Total, IReadOnlyList<ApiContentResponseModel> Items);

public sealed record ImageFocalPointModel(double Left, double Top);

public sealed record ImageCropCoordinatesModel(double X1, double Y1, double X2, double Y2);

public sealed record ImageCropModel(string? Alias, int Width, int Height, ImageCropCoordinatesModel Coordinates);

public sealed record ApiMediaWithCropsResponseModel(
    string? Path, DateTime CreateDate, DateTime UpdateDate, Guid Id, string? Name, string? MediaType, string? Url, JsonObject? Properties,
    ImageFocalPointModel? FocalPoint = null, IReadOnlyList<ImageCropModel>? Crops = null, string? Extension = null,
    int? Width = null, int? Height = null, int? Bytes = null);

public sealed record PagedApiMediaWithCropsResponseModel(long Total, IReadOnlyList<ApiMediaWithCropsResponseModel> Items);

public static class DeliveryApiDocument
{
    public const string Name = "delivery";

    private static readonly Dictionary<string, string> SchemaNames = new()
    {
        [nameof(ApiContentResponseModel)] = "IApiContentResponseModel",
        [nameof(ApiContentRouteModel)] = "IApiContentRouteModel",
        [nameof(ApiContentStartItemModel)] = "IApiContentStartItemModel",
        [nameof(PagedApiContentResponseModel)] = "PagedIApiContentResponseModel",
        [nameof(ApiMediaWithCropsResponseModel)] = "IApiMediaWithCropsResponseModel",
        [nameof(PagedApiMediaWithCropsResponseModel)] = "PagedIApiMediaWithCropsResponseModel",
    };

    private static readonly (string Name, string Description, JsonSchemaType Type)[] ContentHeaders =
    [
        ("Accept-Language", "Defines the language to return. Use this when querying language variant content items.", JsonSchemaType.String),
        ("Accept-Segment", "Defines the segment to return. Use this when querying segment variant content items.", JsonSchemaType.String),
        ("Preview", "Whether to request draft content.", JsonSchemaType.Boolean),
        ("Start-Item", "URL segment or GUID of a root content item.", JsonSchemaType.String),
    ];

    public static IServiceCollection AddDeliveryApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, options =>
        {
            options.ShouldInclude = description => description.GroupName == Name;
            options.CreateSchemaReferenceId = type => SchemaNames.TryGetValue(type.Type.Name, out var name) ? name : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = "Umbraco Delivery API", Version = "Latest" };
                return Task.CompletedTask;
            });
            options.AddApiKeyScheme("API key specified through configuration to authorize access to the API.");
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.RelativePath?.StartsWith("umbraco/delivery/api/v2/content", StringComparison.Ordinal) == true)
                {
                    operation.Parameters ??= [];
                    foreach (var (name, description, type) in ContentHeaders)
                    {
                        operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Description = description, Schema = new OpenApiSchema { Type = type } });
                    }
                }

                return Task.CompletedTask;
            });
        });
}
