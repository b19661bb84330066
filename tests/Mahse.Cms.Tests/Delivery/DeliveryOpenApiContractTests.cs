using System.Text.Json.Nodes;
using Mahse.Cms.Tests.Infrastructure;

namespace Mahse.Cms.Tests.Delivery;

/// <summary>
/// Our served OpenAPI document against Umbraco's own Delivery API v2 document in the contracts: paths, methods,
/// operation ids, parameters, response codes and the resolved response schemas (<see cref="OpenApiComparison"/>).
/// </summary>
public sealed class DeliveryOpenApiContractTests(DeliveryHost host) : IClassFixture<DeliveryHost>
{
    private static readonly string FixturePath =
        Path.Combine(Fixtures.Shared, "contracts", "fixtures", "delivery-api", "umbraco-delivery-api.openapi.json");

    private async Task<(JsonObject Theirs, JsonObject Ours)> DocumentsAsync()
    {
        var theirs = JsonNode.Parse(await File.ReadAllTextAsync(FixturePath))!.AsObject();
        var response = await host.Anonymous().GetAsync("/umbraco/openapi/delivery.json");
        response.EnsureSuccessStatusCode();
        var ours = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (theirs, ours);
    }

    [Fact]
    public async Task Every_umbraco_operation_is_served_with_the_same_id_parameters_and_responses()
    {
        var (theirs, ours) = await DocumentsAsync();
        var differences = new List<string>();
        OpenApiComparison.CompareOperations(theirs, ours, differences);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task Success_response_schemas_have_umbracos_properties_required_sets_and_types()
    {
        var (theirs, ours) = await DocumentsAsync();
        var differences = new List<string>();

        foreach (var (path, theirItem) in theirs["paths"]!.AsObject())
        {
            foreach (var method in OpenApiComparison.Methods.Where(m => theirItem![m] is not null))
            {
                var theirSchema = theirItem![method]!["responses"]?["200"]?["content"]?["application/json"]?["schema"];
                var ourSchema = ours["paths"]?[path]?[method]?["responses"]?["200"]?["content"]?["application/json"]?["schema"];
                if (theirSchema is null) continue;
                if (ourSchema is null) { differences.Add($"{path}: no 200 application/json schema"); continue; }
                OpenApiComparison.CompareSchemas(theirs, theirSchema, ours, ourSchema, path, differences);
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task The_document_declares_the_api_key_scheme_umbraco_uses()
    {
        var (_, ours) = await DocumentsAsync();

        var scheme = ours["components"]?["securitySchemes"]?.AsObject().Select(s => s.Value).FirstOrDefault(s => (string?)s?["type"] == "apiKey");
        Assert.NotNull(scheme);
        Assert.Equal("Api-Key", (string?)scheme!["name"]);
        Assert.Equal("header", (string?)scheme["in"]);
    }
}
