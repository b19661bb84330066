using System.Text.Json.Nodes;
using Mahse.Cms.Tests.Infrastructure;

namespace Mahse.Cms.Tests.Forms;

/// <summary>
/// The Forms API's OpenAPI document against Umbraco Forms' own (contracts/fixtures/forms): the Forms 13 document for
/// the /umbraco/forms/api/v1 paths and the schemas, the Forms 14 one for the /umbraco/forms/delivery/api/v1 paths.
/// Documented differences: the Forms 14 docs file leaves out <c>additionalData</c> and says int32 enums, both
/// stale against what Forms 15–17 accept and send; FormDto carries <c>validationRules</c> (sent by Forms 15) and
/// the extension <c>closesAt</c>.
/// </summary>
public sealed class FormsOpenApiContractTests(FormsHost host) : IClassFixture<FormsHost>
{
    private static readonly string FixtureFolder = Path.Combine(Fixtures.Shared, "contracts", "fixtures", "forms");

    private static readonly HashSet<string> DocumentedExtras = ["FormDto.validationRules", "FormDto.closesAt"];

    private static JsonObject Reference(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder, file)))!.AsObject();

    private async Task<JsonObject> OursAsync(string path)
    {
        var response = await host.Anonymous().GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
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
    public async Task A_served_definition_uses_only_what_the_document_describes()
    {
        var form = TestForms.Application();
        await host.SaveFormAsync(form);
        var served = JsonNode.Parse(await host.Forms().GetStringAsync($"/umbraco/forms/delivery/api/v1/definitions/{form.Id}"))!.AsObject();
        var ours = await OursAsync("/umbraco/openapi/forms.json");
        var schemas = ours["components"]!["schemas"]!;
        HashSet<string> Described(string schema) => schemas[schema]!["properties"]!.AsObject().Select(p => p.Key).ToHashSet();

        var undescribed = new List<string>();
        void Check(JsonObject? value, string schema) =>
            undescribed.AddRange(value?.Select(p => p.Key).Where(k => !Described(schema).Contains(k)).Select(k => $"{schema}.{k}") ?? []);

        Check(served, "FormDto");
        foreach (var page in served["pages"]!.AsArray().Select(p => p!.AsObject()))
        {
            Check(page, "FormPageDto");
            foreach (var fieldset in page["fieldsets"]!.AsArray().Select(f => f!.AsObject()))
            {
                Check(fieldset, "FormFieldsetDto");
                foreach (var column in fieldset["columns"]!.AsArray().Select(c => c!.AsObject()))
                {
                    Check(column, "FormFieldsetColumnDto");
                    foreach (var field in column["fields"]!.AsArray().Select(f => f!.AsObject()))
                    {
                        Check(field, "FormFieldDto");
                        Check(field["type"]?.AsObject(), "FormFieldTypeDto");
                        Check(field["condition"] as JsonObject, "FormConditionDto");
                    }
                }
            }
        }

        Assert.Empty(undescribed);
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
