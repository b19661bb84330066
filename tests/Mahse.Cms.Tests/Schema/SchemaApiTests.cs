using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Tests.Infrastructure;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Schema;

/// <summary>Validation of the schema itself: aliases, compositions, data types.</summary>
public abstract class SchemaApiTests(PortalHost host)
{
    private async Task<ManagementApi> ApiAsync() => new(await host.ClientAsync());

    [SkippableFact]
    public async Task Duplicate_alias_is_refused_case_insensitively()
    {
        host.SkipIfUnavailable();
        var api = await ApiAsync();
        var alias = Unique("stage");
        await api.CreateDocumentTypeAsync(alias, [Property("title", Textstring)]);

        var response = await api.Client.PostAsJsonAsync($"{Base}/document-type", DocumentTypeBody(alias.ToUpperInvariant(), [Property("title", Textstring)]));

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict, "alias");
        Assert.Equal("DuplicateAlias", problem.GetProperty("operationStatus").GetString());
    }

    [SkippableFact]
    public async Task Composition_cycle_is_refused()
    {
        host.SkipIfUnavailable();
        var api = await ApiAsync();
        var seo = await api.CreateDocumentTypeAsync(Unique("seo"), [Property("metaTitle", Textstring)], isElement: true);
        var page = await api.CreateDocumentTypeAsync(Unique("page"), [Property("title", Textstring)], compositions: [seo]);

        var seoDefinition = await api.Client.GetFromJsonAsync<JsonObject>($"{Base}/document-type/{seo}");
        seoDefinition!["compositions"] = new JsonArray(new JsonObject { ["documentType"] = new JsonObject { ["id"] = page.ToString() } });
        var response = await api.Client.PutAsJsonAsync($"{Base}/document-type/{seo}", seoDefinition);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "compositions");
        Assert.Equal("InvalidInheritance", problem.GetProperty("operationStatus").GetString());
    }

    [SkippableFact]
    public async Task Property_alias_clash_across_compositions_is_refused_with_the_alias_named()
    {
        host.SkipIfUnavailable();
        var api = await ApiAsync();
        var seo = await api.CreateDocumentTypeAsync(Unique("seo"), [Property("pageTitle", Textstring)], isElement: true);

        var response = await api.Client.PostAsJsonAsync($"{Base}/document-type",
            DocumentTypeBody(Unique("page"), [Property("pageTitle", Textstring)], compositions: [seo]));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "compositions");
        Assert.Equal("DuplicatePropertyTypeAlias", problem.GetProperty("operationStatus").GetString());
        Assert.Contains("pageTitle", problem.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Composed_properties_are_validated_on_content()
    {
        host.SkipIfUnavailable();
        var api = await ApiAsync();
        var seo = await api.CreateDocumentTypeAsync(Unique("seo"), [Property("metaTitle", Textstring, mandatory: true)], isElement: true);
        var page = await api.CreateDocumentTypeAsync(Unique("page"), [Property("title", Textstring)], compositions: [seo]);

        var id = await api.CreateDocumentAsync(page, Unique("Composed"), new JsonObject { ["title"] = "t" });
        var publish = await api.Client.PutAsJsonAsync($"{Base}/document/{id}/publish", new JsonObject());
        await ProblemAsync(publish, HttpStatusCode.UnprocessableEntity, "$.values[metaTitle]");

        await EnsureAsync(await api.PutDocumentAsync(id, "Composed", new JsonObject { ["title"] = "t", ["metaTitle"] = "SEO" }), HttpStatusCode.OK);
        await api.PublishAsync(id);
    }

    [SkippableFact]
    public async Task Unknown_data_type_invalid_alias_and_unknown_editor_are_refused()
    {
        host.SkipIfUnavailable();
        var api = await ApiAsync();

        var unknownDataType = await api.Client.PostAsJsonAsync($"{Base}/document-type", DocumentTypeBody(Unique("x"), [Property("title", Guid.NewGuid())]));
        Assert.Equal("DataTypeNotFound", (await ProblemAsync(unknownDataType, HttpStatusCode.BadRequest, "dataType")).GetProperty("operationStatus").GetString());

        var badAlias = await api.Client.PostAsJsonAsync($"{Base}/document-type", DocumentTypeBody("1 bad alias", [Property("title", Textstring)]));
        await ProblemAsync(badAlias, HttpStatusCode.BadRequest, "alias");

        var unknownEditor = await api.Client.PostAsJsonAsync($"{Base}/data-type", new JsonObject { ["name"] = Unique("dt"), ["editorAlias"] = "Acme.DoesNotExist", ["values"] = new JsonArray() });
        Assert.Equal("PropertyEditorNotFound", (await ProblemAsync(unknownEditor, HttpStatusCode.BadRequest, "editorAlias")).GetProperty("operationStatus").GetString());
    }

    [SkippableFact]
    public async Task Content_type_round_trips_in_umbracos_shape()
    {
        host.SkipIfUnavailable();
        var api = await ApiAsync();
        var alias = Unique("stage");
        var body = DocumentTypeBody(alias, [Property("title", Textstring, mandatory: true, regEx: "^.+$")]);
        body["description"] = "A roadmap stage";
        var id = await CreatedIdAsync(await api.Client.PostAsJsonAsync($"{Base}/document-type", body));

        var read = await api.Client.GetFromJsonAsync<JsonElement>($"{Base}/document-type/{id}");

        Assert.Equal(alias, read.GetProperty("alias").GetString());
        Assert.Equal("A roadmap stage", read.GetProperty("description").GetString());
        var property = read.GetProperty("properties")[0];
        Assert.Equal("title", property.GetProperty("alias").GetString());
        Assert.Equal(Textstring, property.GetProperty("dataType").GetProperty("id").GetGuid());
        Assert.True(property.GetProperty("validation").GetProperty("mandatory").GetBoolean());
        Assert.Equal("Group", read.GetProperty("containers")[0].GetProperty("type").GetString());
    }

    [SkippableFact]
    public async Task Default_umbraco_data_types_and_media_types_are_installed_with_their_well_known_keys()
    {
        host.SkipIfUnavailable();
        var api = await ApiAsync();
        var textstring = await api.Client.GetFromJsonAsync<JsonElement>($"{Base}/data-type/{Textstring}");
        Assert.Equal("Umbraco.TextBox", textstring.GetProperty("editorAlias").GetString());
        var image = await api.Client.GetFromJsonAsync<JsonElement>($"{Base}/media-type/{ImageMediaType}");
        Assert.Equal("Image", image.GetProperty("alias").GetString());
        Assert.Contains(image.GetProperty("properties").EnumerateArray(), p => p.GetProperty("alias").GetString() == "umbracoFile");
    }

    [SkippableFact]
    public async Task A_data_type_in_use_cannot_be_deleted()
    {
        host.SkipIfUnavailable();
        var api = await ApiAsync();
        var dataType = await api.CreateDataTypeAsync("Umbraco.TextBox");
        await api.CreateDocumentTypeAsync(Unique("user"), [Property("x", dataType)]);

        var problem = await ProblemAsync(await api.Client.DeleteAsync($"{Base}/data-type/{dataType}"), HttpStatusCode.BadRequest);
        Assert.Equal("NonDeletable", problem.GetProperty("operationStatus").GetString());
    }
}

public sealed class SchemaApiTestsOnSqlite(SqlitePortalHost host) : SchemaApiTests(host), IClassFixture<SqlitePortalHost>;

[Trait("Database", "PostgreSQL")]
public sealed class SchemaApiTestsOnPostgres(PostgresPortalHost host) : SchemaApiTests(host), IClassFixture<PostgresPortalHost>;
