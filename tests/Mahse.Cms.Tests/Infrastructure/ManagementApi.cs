using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mahse.Cms.Tests.Infrastructure;

/// <summary>Small helpers over the Management API, so tests read as what they check.</summary>
public sealed class ManagementApi(HttpClient client)
{
    public const string Base = "/umbraco/management/api/v1";
    public static readonly Guid Textstring = Guid.Parse("0cc0eba1-9960-42c9-bf9b-60e150b429ae");
    public static readonly Guid RichText = Guid.Parse("ca90c950-0aff-4e72-b976-a30b1ac57dad");
    public static readonly Guid Numeric = Guid.Parse("2e6d3631-066e-44b8-aec4-96f09099b2b5");
    public static readonly Guid TrueFalse = Guid.Parse("92897bc6-a5f3-4ffe-ae27-f2e7e33dda49");
    public static readonly Guid ContentPicker = Guid.Parse("fd1e0da5-5606-4862-b679-5d0cf3a52a59");
    public static readonly Guid MediaPicker = Guid.Parse("4309a3ea-0d78-4329-a06c-c80b036af19a");
    public static readonly Guid ImageMediaType = Guid.Parse("cc07b313-0843-4aa8-bbda-871c8da728c8");
    public static readonly Guid FileMediaType = Guid.Parse("4c52d8ab-54e6-40cd-999c-7a5f24903e4d");

    public HttpClient Client => client;

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    public async Task<Guid> CreateDataTypeAsync(string editorAlias, JsonObject? configuration = null, string? name = null)
    {
        var values = new JsonArray();
        foreach (var (alias, value) in configuration ?? [])
        {
            values.Add(new JsonObject { ["alias"] = alias, ["value"] = value?.DeepClone() });
        }

        var response = await client.PostAsJsonAsync($"{Base}/data-type", new JsonObject
        {
            ["name"] = name ?? Unique("dt "),
            ["editorAlias"] = editorAlias,
            ["values"] = values,
        });
        return await CreatedIdAsync(response);
    }

    public static JsonObject Property(string alias, Guid dataType, bool mandatory = false, string? regEx = null, Guid? container = null) => new()
    {
        ["alias"] = alias,
        ["name"] = alias,
        ["dataType"] = new JsonObject { ["id"] = dataType.ToString() },
        ["container"] = container is null ? null : new JsonObject { ["id"] = container.ToString() },
        ["validation"] = new JsonObject { ["mandatory"] = mandatory, ["regEx"] = regEx },
    };

    public static JsonObject DocumentTypeBody(string alias, IEnumerable<JsonObject> properties, bool allowedAtRoot = true,
        IEnumerable<Guid>? allowedChildren = null, IEnumerable<Guid>? compositions = null, bool isElement = false)
    {
        var container = Guid.NewGuid();
        var props = new JsonArray();
        foreach (var p in properties)
        {
            p["container"] ??= new JsonObject { ["id"] = container.ToString() };
            props.Add(p);
        }

        return new JsonObject
        {
            ["alias"] = alias,
            ["name"] = alias,
            ["icon"] = "icon-document",
            ["allowedAsRoot"] = allowedAtRoot,
            ["isElement"] = isElement,
            ["containers"] = new JsonArray(new JsonObject { ["id"] = container.ToString(), ["name"] = "Content", ["type"] = "Group", ["sortOrder"] = 0 }),
            ["properties"] = props,
            ["allowedDocumentTypes"] = new JsonArray((allowedChildren ?? []).Select(c => (JsonNode?)new JsonObject { ["documentType"] = new JsonObject { ["id"] = c.ToString() }, ["sortOrder"] = 0 }).ToArray()),
            ["compositions"] = new JsonArray((compositions ?? []).Select(c => (JsonNode?)new JsonObject { ["documentType"] = new JsonObject { ["id"] = c.ToString() } }).ToArray()),
        };
    }

    public async Task<Guid> CreateDocumentTypeAsync(string alias, IEnumerable<JsonObject> properties, bool allowedAtRoot = true,
        IEnumerable<Guid>? allowedChildren = null, IEnumerable<Guid>? compositions = null, bool isElement = false) =>
        await CreatedIdAsync(await client.PostAsJsonAsync($"{Base}/document-type", DocumentTypeBody(alias, properties, allowedAtRoot, allowedChildren, compositions, isElement)));

    public Task<HttpResponseMessage> PostDocumentAsync(Guid documentType, string name, JsonObject? values = null, Guid? parent = null) =>
        client.PostAsJsonAsync($"{Base}/document", DocumentBody(documentType, name, values, parent));

    public static JsonObject DocumentBody(Guid documentType, string name, JsonObject? values = null, Guid? parent = null) => new()
    {
        ["documentType"] = new JsonObject { ["id"] = documentType.ToString() },
        ["parent"] = parent is null ? null : new JsonObject { ["id"] = parent.ToString() },
        ["variants"] = new JsonArray(new JsonObject { ["name"] = name }),
        ["values"] = Values(values),
    };

    public static JsonArray Values(JsonObject? values) =>
        new((values ?? []).Select(kv => (JsonNode?)new JsonObject { ["alias"] = kv.Key, ["value"] = kv.Value?.DeepClone() }).ToArray());

    public async Task<Guid> CreateDocumentAsync(Guid documentType, string name, JsonObject? values = null, Guid? parent = null) =>
        await CreatedIdAsync(await PostDocumentAsync(documentType, name, values, parent));

    public Task<HttpResponseMessage> PutDocumentAsync(Guid id, string name, JsonObject? values, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Base}/document/{id}")
        {
            Content = JsonContent.Create(new JsonObject { ["variants"] = new JsonArray(new JsonObject { ["name"] = name }), ["values"] = Values(values) }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public async Task PublishAsync(Guid id)
    {
        var response = await client.PutAsJsonAsync($"{Base}/document/{id}/publish", new JsonObject { ["publishSchedules"] = new JsonArray(new JsonObject { ["culture"] = null }) });
        await EnsureAsync(response, HttpStatusCode.OK);
    }

    public async Task<JsonElement> GetDocumentAsync(Guid id)
    {
        var response = await client.GetAsync($"{Base}/document/{id}");
        await EnsureAsync(response, HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static JsonElement? Value(JsonElement document, string alias) =>
        document.GetProperty("values").EnumerateArray().Where(v => v.GetProperty("alias").GetString() == alias)
            .Select(v => (JsonElement?)v.GetProperty("value")).FirstOrDefault();

    public static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        await EnsureAsync(response, HttpStatusCode.Created);
        return Guid.Parse(response.Headers.GetValues("Umbraco-Generated-Resource").Single());
    }

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new Xunit.Sdk.XunitException($"Expected {(int)expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Reads a problem-details body and checks its status and that it names the field.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        await EnsureAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            var errors = problem.GetProperty("errors");
            Assert.True(errors.EnumerateObject().Any(e => e.Name.Contains(field, StringComparison.Ordinal)),
                $"Expected an error for '{field}', got {errors}");
        }

        return problem;
    }
}
