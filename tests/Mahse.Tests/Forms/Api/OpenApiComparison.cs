using System.Text.Json.Nodes;

namespace Mahse.Tests.Forms.Api;

/// <summary>
/// Compares a served OpenAPI document with a reference one from the contracts: operations (parameters by name,
/// location and type; response codes; operation ids where the reference has them) and schemas (property names,
/// required sets, property types). Normalised on purpose: generators differ in how they wrap polymorphic models
/// (anyOf + discriminator) and write nullability (<c>nullable</c> or a type array); both describe the same JSON.
/// </summary>
public static class OpenApiComparison
{
    public static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    /// <summary>Every operation of the reference, served with the same id, parameters and response codes.</summary>
    public static void CompareOperations(JsonObject theirs, JsonObject ours, List<string> differences, ISet<string>? allowedExtraParameters = null)
    {
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

                if (theirOp["operationId"] is not null && (string?)theirOp["operationId"] != (string?)ourOp["operationId"])
                    differences.Add($"{where}: operationId {ourOp["operationId"]} != {theirOp["operationId"]}");

                var theirParameters = Parameters(theirs, theirOp);
                var ourParameters = Parameters(ours, ourOp);
                foreach (var missing in theirParameters.Except(ourParameters)) differences.Add($"{where}: parameter {missing} missing or different");
                foreach (var extra in ourParameters.Except(theirParameters).Where(p => allowedExtraParameters?.Contains($"{where} {p}") != true))
                    differences.Add($"{where}: extra parameter {extra}");

                var theirCodes = theirOp["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
                var ourCodes = ourOp["responses"]!.AsObject().Select(r => r.Key).ToHashSet();
                if (!theirCodes.SetEquals(ourCodes))
                    differences.Add($"{where}: responses [{string.Join(",", ourCodes.Order())}] != [{string.Join(",", theirCodes.Order())}]");
            }
        }
    }

    /// <summary>
    /// Two schemas, recursively: the same type, property names, required sets and property types. Extra properties
    /// named in <paramref name="allowedExtras"/> (as <c>where.name</c>) are documented dialect differences.
    /// </summary>
    public static void CompareSchemas(JsonObject theirDoc, JsonNode theirs, JsonObject ourDoc, JsonNode ours, string where, List<string> differences,
        ISet<string>? allowedExtras = null, int depth = 0)
    {
        if (depth > 6) return;
        theirs = Normalise(theirDoc, theirs);
        ours = Normalise(ourDoc, ours);

        var theirType = TypeOf(theirDoc, theirs);
        var ourType = TypeOf(ourDoc, ours);
        if (theirType != ourType) { differences.Add($"{where}: type {ourType} != {theirType}"); return; }

        if (theirType == "array")
        {
            CompareSchemas(theirDoc, theirs["items"]!, ourDoc, ours["items"]!, where + "[]", differences, allowedExtras, depth + 1);
            return;
        }

        if (theirs["enum"] is JsonArray theirEnum)
        {
            var theirValues = theirEnum.Select(v => v!.ToJsonString()).ToHashSet();
            var ourValues = (ours["enum"]?.AsArray() ?? []).Select(v => v!.ToJsonString()).ToHashSet();
            if (!theirValues.SetEquals(ourValues))
                differences.Add($"{where}: enum [{string.Join(",", ourValues.Order())}] != [{string.Join(",", theirValues.Order())}]");
        }

        var theirProperties = theirs["properties"]?.AsObject();
        if (theirProperties is null) return; // a free-form object or a scalar
        var ourProperties = ours["properties"]?.AsObject();
        if (ourProperties is null) { differences.Add($"{where}: no properties declared"); return; }

        var theirNames = theirProperties.Select(p => p.Key).ToHashSet();
        var ourNames = ourProperties.Select(p => p.Key).Where(n => theirNames.Contains(n) || allowedExtras?.Contains($"{where}.{n}") != true).ToHashSet();
        if (!theirNames.SetEquals(ourNames))
            differences.Add($"{where}: properties [{string.Join(",", ourNames.Order())}] != [{string.Join(",", theirNames.Order())}]");

        var theirRequired = Strings(theirs["required"]);
        var ourRequired = Strings(ours["required"]);
        if (!theirRequired.SetEquals(ourRequired))
            differences.Add($"{where}: required [{string.Join(",", ourRequired.Order())}] != [{string.Join(",", theirRequired.Order())}]");

        foreach (var name in theirNames.Intersect(ourNames))
            CompareSchemas(theirDoc, theirProperties[name]!, ourDoc, ourProperties[name]!, $"{where}.{name}", differences, allowedExtras, depth + 1);
    }

    /// <summary>The JSON type, with nullability and integer-or-numeric-string unions reduced to the main type.</summary>
    public static string TypeOf(JsonObject document, JsonNode? schema)
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

    /// <summary>Follows $ref and unwraps a single-member anyOf/oneOf/allOf (polymorphism or nullability wrappers).</summary>
    public static JsonNode Normalise(JsonObject document, JsonNode schema)
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

    public static JsonNode Resolve(JsonObject document, JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
        {
            var target = reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode?)document, (n, segment) => n?[segment]);
            node = target ?? throw new InvalidOperationException($"unresolved {reference}");
        }
        return node;
    }

    private static HashSet<string> Parameters(JsonObject document, JsonNode operation) =>
        (operation["parameters"]?.AsArray() ?? [])
            .Select(p => Resolve(document, p!))
            .Select(p => $"{p["name"]}:{p["in"]}:{TypeOf(document, p["schema"])}")
            .ToHashSet();

    private static bool IsNullSchema(JsonNode schema) => schema["type"] is JsonValue v && (string?)v == "null";

    private static HashSet<string> Strings(JsonNode? array) =>
        (array?.AsArray() ?? []).Select(s => (string)s!).ToHashSet();
}
