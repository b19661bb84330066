using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Forms.Model;

namespace Mahse.Tests.Forms.Management;

/// <summary>Forms, folders, the tree and the catalogue over the forms Management API, as an administrator.</summary>
[Collection(FormsManagementCollection.Name)]
public sealed class FormsApiTests(FormsManagementSite site)
{
    private const string Api = FormsManagementSite.Api;

    [Fact]
    public async Task A_form_is_created_read_replaced_and_deleted()
    {
        var admin = await site.ClientAsync();
        var form = ManagementForms.Application("Crud " + Guid.NewGuid().ToString("N")[..6]);

        using var created = await admin.PostAsync(Api + "form", FormsManagementSite.Body(form));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"{Api}form/{form.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal(form.Id, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        var read = await admin.GetFromJsonAsync<JsonElement>($"{Api}form/{form.Id}");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("folderId").ValueKind);
        var stored = FormJson.Parse(read.GetProperty("form").GetRawText());
        Assert.Equal(form.Name, stored.Name);
        Assert.Equal(form.AllFields.Select(f => (f.Id, f.Alias)), stored.AllFields.Select(f => (f.Id, f.Alias)));
        Assert.True(read.GetProperty("form").GetProperty("pages")[0].TryGetProperty("fieldSets", out _), "the definition keeps its stored JSON names");

        stored.Name += " renamed";
        using (var replaced = await admin.PutAsync($"{Api}form/{form.Id}", FormsManagementSite.Body(stored)))
        {
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        }

        var list = await admin.GetFromJsonAsync<JsonElement>(Api + "form");
        var summary = list.EnumerateArray().Single(f => f.GetProperty("id").GetGuid() == form.Id);
        Assert.Equal(stored.Name, summary.GetProperty("name").GetString());
        Assert.True(summary.GetProperty("updated").GetDateTime() >= summary.GetProperty("created").GetDateTime());

        using (var again = await admin.PostAsync(Api + "form", FormsManagementSite.Body(form)))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var deleted = await admin.DeleteAsync($"{Api}form/{form.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await admin.GetAsync($"{Api}form/{form.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.StartsWith("application/problem+json", gone.Content.Headers.ContentType?.ToString());
        using var deletedAgain = await admin.DeleteAsync($"{Api}form/{form.Id}");
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
    }

    public static TheoryData<string, string> InvalidForms => new()
    {
        { "empty name", "name" },
        { "duplicate alias", "fields" },
        { "unknown field type", "fields" },
        { "unknown workflow type", "workflows" },
        { "unknown stage", "workflows" },
        { "unknown folder", "folderId" },
    };

    [Theory]
    [MemberData(nameof(InvalidForms))]
    public async Task An_invalid_form_is_a_422_validation_problem_and_is_not_stored(string fault, string errorKey)
    {
        var admin = await site.ClientAsync();
        var form = ManagementForms.Application("Invalid " + fault);
        Guid? folder = null;
        switch (fault)
        {
            case "empty name": form.Name = " "; break;
            case "duplicate alias": form.AllFields.Last().Alias = "NAME"; break;
            case "unknown field type": form.AllFields.First().FieldTypeId = Guid.NewGuid(); break;
            case "unknown workflow type": form.Workflows[0].WorkflowTypeId = Guid.NewGuid(); break;
            case "unknown stage": form.Workflows[0].ExecutesOn = "Tuesday"; break;
            case "unknown folder": folder = Guid.NewGuid(); break;
        }

        using var response = await admin.PostAsync(Api + "form", FormsManagementSite.Body(form, folder));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        // Umbraco's Management API writes validation errors as [{"$.member": ["message", …]}, …].
        Assert.True(problem.GetProperty("errors").EnumerateArray().SelectMany(e => e.EnumerateObject()).Any(e => e.Name == "$." + errorKey), problem.ToString());
        using var stored = await admin.GetAsync($"{Api}form/{form.Id}");
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"form": 5}""")]
    [InlineData("""{"folderId": "nope", "form": {"name": "x"}}""")]
    [InlineData("""{"form": {"name": "x", "pages": "not a list"}}""")]
    public async Task A_malformed_body_is_a_400_problem(string body)
    {
        var admin = await site.ClientAsync();

        using var response = await admin.PostAsync(Api + "form", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Folders_make_the_tree_and_refuse_cycles_and_deleting_when_not_empty()
    {
        var admin = await site.ClientAsync();
        var outer = await CreateFolderAsync(admin, "Outer " + Guid.NewGuid().ToString("N")[..6], null);
        var inner = await CreateFolderAsync(admin, "Inner", outer);
        var formId = await site.CreateFormAsync(ManagementForms.Application("Treed"), inner);

        var root = await admin.GetFromJsonAsync<JsonElement>(Api + "tree/root?skip=0&take=100");
        var outerItem = root.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == outer);
        Assert.Equal("folder", outerItem.GetProperty("type").GetString());
        Assert.True(outerItem.GetProperty("hasChildren").GetBoolean());
        Assert.DoesNotContain(root.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == formId);

        var children = await admin.GetFromJsonAsync<JsonElement>($"{Api}tree/children?parentId={outer}");
        Assert.Equal(1, children.GetProperty("total").GetInt32());
        Assert.Equal(inner, children.GetProperty("items")[0].GetProperty("id").GetGuid());
        var innerChildren = await admin.GetFromJsonAsync<JsonElement>($"{Api}tree/children?parentId={inner}");
        var formItem = innerChildren.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("form", formId, inner, false), (formItem.GetProperty("type").GetString(), formItem.GetProperty("id").GetGuid(), formItem.GetProperty("parentId").GetGuid(), formItem.GetProperty("hasChildren").GetBoolean()));

        var ancestors = await admin.GetFromJsonAsync<JsonElement>($"{Api}tree/ancestors?descendantId={formId}");
        Assert.Equal([outer, inner, formId], ancestors.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        // Under itself, or under its own child: a cycle.
        foreach (var parent in new[] { outer, inner })
        {
            using var cycle = await admin.PutAsJsonAsync($"{Api}folder/{outer}", new { name = "Outer", parentId = parent });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, cycle.StatusCode);
        }

        using (var notEmpty = await admin.DeleteAsync($"{Api}folder/{inner}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, notEmpty.StatusCode);
        }

        // The form to the root ("folderId": null), then the folders can go, inner first.
        var stored = await admin.GetFromJsonAsync<JsonElement>($"{Api}form/{formId}");
        using (var moved = await admin.PutAsync($"{Api}form/{formId}", JsonContent.Create(new JsonObject { ["folderId"] = null, ["form"] = JsonNode.Parse(stored.GetProperty("form").GetRawText()) })))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        Assert.Equal(JsonValueKind.Null, (await admin.GetFromJsonAsync<JsonElement>($"{Api}form/{formId}")).GetProperty("folderId").ValueKind);
        using (var outerNotEmpty = await admin.DeleteAsync($"{Api}folder/{outer}"))
        {
            Assert.Equal(HttpStatusCode.Conflict, outerNotEmpty.StatusCode);
        }

        using (var renamed = await admin.PutAsJsonAsync($"{Api}folder/{inner}", new { name = "Renamed", parentId = (Guid?)null }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        Assert.False((await admin.GetFromJsonAsync<JsonElement>(Api + "tree/root?take=1000")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetGuid() == outer).GetProperty("hasChildren").GetBoolean());
        foreach (var folder in new[] { outer, inner })
        {
            using var deleted = await admin.DeleteAsync($"{Api}folder/{folder}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var unknown = await admin.GetAsync($"{Api}tree/children?parentId={outer}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var noName = await admin.PostAsJsonAsync(Api + "folder", new { name = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noName.StatusCode);
        using var badPaging = await admin.GetAsync(Api + "tree/root?skip=-1");
        Assert.Equal(HttpStatusCode.BadRequest, badPaging.StatusCode);
    }

    [Fact]
    public async Task A_copy_gets_new_ids_and_its_conditions_follow_them()
    {
        var admin = await site.ClientAsync();
        var original = ManagementForms.Application("Original " + Guid.NewGuid().ToString("N")[..6]);
        await site.CreateFormAsync(original);

        using var response = await admin.PostAsync($"{Api}form/{original.Id}/copy", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var copyId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var copy = FormJson.Parse((await admin.GetFromJsonAsync<JsonElement>($"{Api}form/{copyId}")).GetProperty("form").GetRawText());
        Assert.Equal("Copy of " + original.Name, copy.Name);
        Assert.Equal(original.AllFields.Select(f => f.Alias), copy.AllFields.Select(f => f.Alias));
        Assert.Empty(copy.AllFields.Select(f => f.Id).Intersect(original.AllFields.Select(f => f.Id)));
        var statement = copy.AllFields.Single(f => f.Alias == "statement");
        Assert.Equal(copy.AllFields.Single(f => f.Alias == "hasProject").Id.ToString(), statement.Condition!.Rules[0].Field);
        using var missing = await admin.PostAsync($"{Api}form/{Guid.NewGuid()}/copy", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_catalogue_lists_field_types_workflow_types_and_prevalue_sources()
    {
        var admin = await site.ClientAsync();

        var fieldTypes = await admin.GetFromJsonAsync<JsonElement>(Api + "field-types");
        var workflowTypes = await admin.GetFromJsonAsync<JsonElement>(Api + "workflow-types");
        var sources = await admin.GetFromJsonAsync<JsonElement>(Api + "prevalue-sources");

        Assert.Equal(FormFieldTypes.All.Count, fieldTypes.GetArrayLength());
        var dropdown = fieldTypes.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == FormFieldTypes.Dropdown.Id);
        Assert.Equal("dropdown", dropdown.GetProperty("alias").GetString());
        Assert.True(dropdown.GetProperty("supportsPreValues").GetBoolean());
        Assert.Contains(dropdown.GetProperty("settings").EnumerateArray(), s => s.GetProperty("alias").GetString() == "AllowMultipleSelections");
        var email = workflowTypes.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == FormWorkflowTypes.SendEmail);
        Assert.Contains(email.GetProperty("settings").EnumerateArray(), s => s.GetProperty("alias").GetString() == "Email" && s.TryGetProperty("description", out _));
        Assert.Equal(JsonValueKind.Array, sources.ValueKind);
    }

    [Fact]
    public async Task The_api_has_its_own_openapi_document()
    {
        using var anonymous = site.Anonymous();

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("/umbraco/openapi/mahse-forms.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/umbraco/management/api/v1/mahse-forms/tree/root", paths);
        Assert.Contains("/umbraco/management/api/v1/mahse-forms/form/{id}/entry/export", paths);
        Assert.Contains("not Umbraco Forms", document.RootElement.GetProperty("info").GetProperty("description").GetString());
    }

    private static async Task<Guid> CreateFolderAsync(HttpClient admin, string name, Guid? parent)
    {
        using var response = await admin.PostAsJsonAsync(Api + "folder", new { name, parentId = parent });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
