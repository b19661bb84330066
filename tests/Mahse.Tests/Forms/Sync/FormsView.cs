using System.Net;
using System.Text.Json;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Forms.Sync;

/// <summary>What the site stores for forms, as the forms Management API (the backoffice's view) answers it.</summary>
public sealed class FormsView(UmbracoSite site)
{
    public const string Root = "/umbraco/management/api/v1/mahse-forms/";

    public sealed record StoredForm(Guid Id, string Name, Guid? FolderId, JsonElement Definition)
    {
        /// <summary>The form's fields (alias → field JSON), across pages, fieldsets and columns, in order.</summary>
        public IReadOnlyList<JsonElement> Fields => Definition.GetProperty("pages").EnumerateArray()
            .SelectMany(p => p.GetProperty("fieldSets").EnumerateArray())
            .SelectMany(s => s.GetProperty("containers").EnumerateArray())
            .SelectMany(c => c.GetProperty("fields").EnumerateArray())
            .ToList();

        public JsonElement Field(string alias) => Fields.Single(f => f.GetProperty("alias").GetString() == alias);
    }

    public sealed record Source(Guid Id, string Name, Guid TypeId);

    public sealed record TreeItem(Guid Id, string Name, string Type, Guid? ParentId);

    private async Task<JsonElement> GetAsync(string path)
    {
        using var admin = await site.ManagementClientAsync();
        using var response = await admin.GetAsync(Root + path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<IReadOnlyList<(Guid Id, string Name)>> FormsAsync() =>
        (await GetAsync("form")).EnumerateArray().Select(f => (f.GetProperty("id").GetGuid(), f.GetProperty("name").GetString()!)).ToList();

    /// <summary>The form, or null when the API answers 404.</summary>
    public async Task<StoredForm?> FormAsync(Guid id)
    {
        using var admin = await site.ManagementClientAsync();
        using var response = await admin.GetAsync($"{Root}form/{id}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET form/{id}: {(int)response.StatusCode} {body}");
        var json = JsonDocument.Parse(body).RootElement.Clone();
        var form = json.GetProperty("form");
        return new StoredForm(form.GetProperty("id").GetGuid(), form.GetProperty("name").GetString()!,
            json.GetProperty("folderId").ValueKind == JsonValueKind.Null ? null : json.GetProperty("folderId").GetGuid(), form);
    }

    public async Task<IReadOnlyList<Source>> SourcesAsync() =>
        (await GetAsync("prevalue-sources")).EnumerateArray()
            .Select(s => new Source(s.GetProperty("id").GetGuid(), s.GetProperty("name").GetString()!, s.GetProperty("typeId").GetGuid())).ToList();

    /// <summary>The tree's items under a folder (null: the root).</summary>
    public async Task<IReadOnlyList<TreeItem>> TreeAsync(Guid? parentId = null) =>
        (await GetAsync(parentId is null ? "tree/root?skip=0&take=100" : $"tree/children?parentId={parentId}&skip=0&take=100"))
            .GetProperty("items").EnumerateArray()
            .Select(i => new TreeItem(i.GetProperty("id").GetGuid(), i.GetProperty("name").GetString()!, i.GetProperty("type").GetString()!,
                i.GetProperty("parentId").ValueKind == JsonValueKind.Null ? null : i.GetProperty("parentId").GetGuid()))
            .ToList();
}
