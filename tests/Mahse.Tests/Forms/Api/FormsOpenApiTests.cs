using System.Text.Json.Nodes;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Forms.Api;

/// <summary>
/// The Forms API's OpenAPI document against Umbraco Forms' own (contracts/fixtures/forms): the Forms 13 document for
/// the /umbraco/forms/api/v1 paths and the schemas, the Forms 14 one for the /umbraco/forms/delivery/api/v1 paths.
/// Documented differences: the Forms 14 docs file leaves out <c>additionalData</c> and says int32 enums, both stale
/// against what Forms 15–17 accept and send; FormDto carries <c>validationRules</c> (sent by Forms 15) and the
/// extension <c>closesAt</c>. The document is served whether or not the API is switched on (here: off).
/// </summary>
public sealed class FormsOpenApiTests(FormsOffSite site) : IClassFixture<FormsOffSite>
{
    private static readonly HashSet<string> DocumentedExtras = ["FormDto.validationRules", "FormDto.closesAt"];

    private static JsonObject Reference(string file) => JsonNode.Parse(Logic.TestForms.Fixture(file))!.AsObject();

    private async Task<JsonObject> OursAsync(string path)
    {
        using var client = site.Anonymous();
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}\n{site.Diagnostics()}");
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task Both_generations_of_paths_are_described_with_umbraco_forms_parameters_and_responses()
    {
        var ours = await OursAsync("/umbraco/swagger/forms/swagger.json");
        var differences = new List<string>();
        OpenApiComparison.CompareOperations(Reference("umbraco_forms_swagger_v13.json"), ours, differences);
        OpenApiComparison.CompareOperations(Reference("umbraco_forms_swagger_v14.json"), ours, differences,
            allowedExtraParameters: new HashSet<string> { "GET /umbraco/forms/delivery/api/v1/definitions/{id} additionalData:query:object" });

        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.Equal(ours.ToJsonString(), (await OursAsync("/umbraco/openapi/forms.json")).ToJsonString());
    }

    [Fact]
    public async Task The_definition_and_the_entry_have_umbraco_forms_schemas()
    {
        var theirs = Reference("umbraco_forms_swagger_v13.json");
        var ours = await OursAsync("/umbraco/openapi/forms.json");
        var differences = new List<string>();
        var theirDefinition = theirs["paths"]!["/umbraco/forms/api/v1/definitions/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var theirEntry = theirs["paths"]!["/umbraco/forms/api/v1/entries/{id}"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        foreach (var path in new[] { "/umbraco/forms/api/v1", "/umbraco/forms/delivery/api/v1" })
        {
            var definition = ours["paths"]?[$"{path}/definitions/{{id}}"]?["get"]?["responses"]?["200"]?["content"]?["application/json"]?["schema"];
            var entry = ours["paths"]?[$"{path}/entries/{{id}}"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"];
            Assert.NotNull(definition);
            Assert.NotNull(entry);
            OpenApiComparison.CompareSchemas(theirs, theirDefinition, ours, definition!, "FormDto", differences, DocumentedExtras);
            OpenApiComparison.CompareSchemas(theirs, theirEntry, ours, entry!, "FormEntryDto", differences);
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task The_document_declares_the_forms_api_key_header()
    {
        var ours = await OursAsync("/umbraco/openapi/forms.json");
        var scheme = ours["components"]?["securitySchemes"]?.AsObject().Select(s => s.Value).Single(s => (string?)s?["type"] == "apiKey");
        Assert.Equal("Api-Key", (string?)scheme!["name"]);
        Assert.Equal("header", (string?)scheme["in"]);
        Assert.Equal("Umbraco Forms API", (string?)ours["info"]?["title"]);
    }
}
