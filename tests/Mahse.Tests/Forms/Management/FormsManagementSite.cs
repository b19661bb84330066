using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Forms.Model;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Forms.Management;

/// <summary>
/// One site for the forms management tests (its classes share it and run one after another): no uSync folder, the
/// Development environment (so the OpenAPI document is served), and a fourth API user in the Reviewers group that
/// the forms package migration creates.
/// </summary>
public sealed class FormsManagementSite : UmbracoSite
{
    public const string Api = "/umbraco/management/api/v1/mahse-forms/";

    public const string FormsApiKey = "forms-api-key-for-tests";

    public static readonly string[] AllGroups = [.. Groups, "Reviewers"];

    protected override string? UsyncSource => null;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["uSync:Settings:ImportOnFirstBoot"] = "false",
        ["Umbraco:Forms:Options:EnableFormsApi"] = "true",
        ["Umbraco:Forms:Security:FormsApiKey"] = FormsApiKey,

        // The worker polls rarely here, so a workflow that runs at once after an approval shows the API nudged it.
        ["Mahse:Forms:Workflows:PollInterval"] = "00:10:00",
        ["Mahse:Forms:Workflows:StartDelay"] = "00:00:01",
        [$"Mahse:ApiUsers:{Groups.Length}:ClientId"] = ClientId("Reviewers"),
        [$"Mahse:ApiUsers:{Groups.Length}:ClientSecret"] = Secret("Reviewers"),
        [$"Mahse:ApiUsers:{Groups.Length}:UserGroup"] = "reviewers",
    };

    public string Database => Path.Combine(TemplateDatabase.DataFolder(ContentRoot), "Umbraco.sqlite.db");

    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>A signed-in client per group, kept for the site's life (a token request per call would be slow).</summary>
    public async Task<HttpClient> ClientAsync(string group = "Administrators")
    {
        if (!_clients.TryGetValue(group, out var client))
        {
            client = _clients[group] = await ManagementClientAsync(group);
        }

        return client;
    }

    public override async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await base.DisposeAsync();
    }

    /// <summary>Creates a form over the API as an administrator, answering its id.</summary>
    public async Task<Guid> CreateFormAsync(FormDefinition form, Guid? folderId = null)
    {
        var admin = await ClientAsync();
        using var response = await admin.PostAsync(Api + "form", Body(form, folderId));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"create form: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    public static JsonContent Body(FormDefinition form, Guid? folderId = null) =>
        JsonContent.Create(new JsonObject { ["folderId"] = folderId?.ToString(), ["form"] = JsonNode.Parse(FormJson.Serialize(form)) });
}

[CollectionDefinition(Name)]
public sealed class FormsManagementCollection : ICollectionFixture<FormsManagementSite>
{
    public const string Name = "Forms management site";
}
