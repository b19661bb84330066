using System.Text.Json.Nodes;
using Mahse.Cms.Tests.Infrastructure;

namespace Mahse.Cms.Tests.Delivery;

/// <summary>
/// Our served OpenAPI document against Umbraco's own Delivery API v2 document in the contracts.
/// Compared: paths, methods, operation ids, parameters (name, location, type), response codes and the
/// resolved response schemas (property names, required sets, property types). Normalised on purpose:
/// Umbraco's generator wraps polymorphic models in anyOf + discriminator and writes nullable as
/// <c>nullable</c>; ASP.NET Core's writes plain refs and type arrays. Both describe the same JSON.
/// </summary>
public sealed class DeliveryOpenApiContractTests(DeliveryHost host) : IClassFixture<DeliveryHost>
{
    private static readonly string FixturePath =
        Path.Combine(Fixtures.Shared, "contracts", "fixtures", "delivery-api", "umbraco-delivery-api.openapi.json");

    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

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

        foreach (var (path, theirItem) in theirs["paths"]!.AsObject())
        {
            var ourItem = ours["paths"]?[path];
            if (ourItem is null) { differences.Add($"missing path {path}"); continue; }
            foreach (var method in Methods.Where(m => theirItem![m] is not null))
            {
                var theirOp = theirItem![method]!;
                var ourOp = ourItem[method];
                var where = $"{method.ToUpperInvariant()} {path}";
                if (ourOp is null) { differences.Add($"missing {where}"); continue; }

                if ((string?)theirOp["operationId"] != (string?)ourOp["operationId"])
                    differences.Add($"{where}: operationId {ourOp["operationId"]} != {theirOp["operationId"]}");

                var theirParameters = Parameters(theirs, theirOp);
                var ourParameters = Parameters(ours, ourOp);
                foreach (var missing in theirParameters.Except(ourParameters)) differences.Add($"{where}: parameter {missing} missing or different");
                foreach (var extra in ourParameters.Except(theirParameters)) differences.Add($"{where}: extra parameter {extra}");

                var theirCodes = theirOp["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
                var ourCodes = ourOp["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
                if (!theirCodes.SetEquals(ourCodes))
                    differences.Add($"{where}: responses [{string.Join(",", ourCodes.Order())}] != [{string.Join(",", theirCodes.Order())}]");
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public async Task Success_response_schemas_have_umbracos_properties_required_sets_and_types()
    {
        var (theirs, ours) = await DocumentsAsync();
        var differences = new List<string>();

        foreach (var (path, theirItem) in theirs["paths"]!.AsObject())
        {
            foreach (var method in Methods.Where(m => theirItem![m] is not null))
            {
                var theirSchema = theirItem![method]!["responses"]?["200"]?["content"]?["application/json"]?["schema"];
                var ourSchema = ours["paths"]?[path]?[method]?["responses"]?["200"]?["content"]?["application/json"]?["schema"];
                if (theirSchema is null) continue;
                if (ourSchema is null) { differences.Add($"{path}: no 200 application/json schema"); continue; }
                CompareSchemas(theirs, theirSchema, ours, ourSchema, path, differences, depth: 0);
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

    private static HashSet<string> Parameters(JsonObject document, JsonNode operation) =>
        (operation["parameters"]?.AsArray() ?? [])
            .Select(p => Resolve(document, p!))
            .Select(p => $"{p["name"]}:{p["in"]}:{TypeOf(document, p["schema"])}")
            .ToHashSet();

    private static void CompareSchemas(JsonObject theirDoc, JsonNode theirs, JsonObject ourDoc, JsonNode ours, string where, List<string> differences, int depth)
    {
        if (depth > 6) return;
        theirs = Normalise(theirDoc, theirs);
        ours = Normalise(ourDoc, ours);

        var theirType = TypeOf(theirDoc, theirs);
        var ourType = TypeOf(ourDoc, ours);
        if (theirType != ourType) { differences.Add($"{where}: type {ourType} != {theirType}"); return; }

        if (theirType == "array")
        {
            CompareSchemas(theirDoc, theirs["items"]!, ourDoc, ours["items"]!, where + "[]", differences, depth + 1);
            return;
        }

        var theirProperties = theirs["properties"]?.AsObject();
        if (theirProperties is null) return; // free-form object (for example "properties") or a scalar
        var ourProperties = ours["properties"]?.AsObject();
        if (ourProperties is null) { differences.Add($"{where}: no properties declared"); return; }

        var theirNames = theirProperties.Select(p => p.Key).ToHashSet();
        var ourNames = ourProperties.Select(p => p.Key).ToHashSet();
        if (!theirNames.SetEquals(ourNames))
            differences.Add($"{where}: properties [{string.Join(",", ourNames.Order())}] != [{string.Join(",", theirNames.Order())}]");

        var theirRequired = Strings(theirs["required"]);
        var ourRequired = Strings(ours["required"]);
        if (!theirRequired.SetEquals(ourRequired))
            differences.Add($"{where}: required [{string.Join(",", ourRequired.Order())}] != [{string.Join(",", theirRequired.Order())}]");

        foreach (var name in theirNames.Intersect(ourNames))
            CompareSchemas(theirDoc, theirProperties[name]!, ourDoc, ourProperties[name]!, $"{where}.{name}", differences, depth + 1);
    }

    /// <summary>Follows $ref and unwraps a single-member anyOf/oneOf/allOf, the polymorphism wrapper Umbraco's generator adds.</summary>
    private static JsonNode Normalise(JsonObject document, JsonNode schema)
    {
        for (var guard = 0; guard < 10; guard++)
        {
            schema = Resolve(document, schema);
            var wrapper = new[] { "anyOf", "oneOf", "allOf" }.Select(k => schema[k]?.AsArray()).FirstOrDefault(a => a is not null);
            if (wrapper is null) return schema;
            var members = wrapper.Where(m => !IsNullSchema(m!)).ToList();
            if (members.Count != 1) return schema;
            schema = members[0]!;
        }
        return schema;
    }

    private static JsonNode Resolve(JsonObject document, JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode?)document, (n, segment) => n?[segment]);
            node = target ?? throw new InvalidOperationException($"unresolved {reference}");
        }
        return node;
    }

    /// <summary>The JSON type, with nullability and integer-or-numeric-string unions reduced to the main type.</summary>
    private static string TypeOf(JsonObject document, JsonNode? schema)
    {
        if (schema is null) return "none";
        schema = Normalise(document, schema);
        var type = schema["type"];
        var types = type switch
        {
            JsonArray array => array.Select(t => (string)t!).Where(t => t != "null").ToList(),
            JsonValue value => [(string)value!],
            _ => schema["properties"] is not null || schema["additionalProperties"] is not null ? ["object"] : [],
        };
        // ASP.NET Core's web JSON defaults read numbers from strings too, so it declares integer|string and
        // number|string where Umbraco declares integer and number.
        if (types.Count == 2 && types.Contains("string") && types.FirstOrDefault(t => t is "integer" or "number") is { } numeric) return numeric;
        return types.Count == 1 ? types[0] : string.Join("|", types.Order());
    }

    private static bool IsNullSchema(JsonNode schema) => schema["type"] is JsonValue v && (string?)v == "null";

    private static HashSet<string> Strings(JsonNode? array) =>
        (array?.AsArray() ?? []).Select(s => (string)s!).ToHashSet();
}
