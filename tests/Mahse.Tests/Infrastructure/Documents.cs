using System.Net.Http.Json;
using System.Text.Json;

namespace Mahse.Tests.Infrastructure;

/// <summary>Documents written through Umbraco's Management API, as the backoffice writes them.</summary>
public static class Documents
{
    public const string Management = "/umbraco/management/api/v1/document/";

    /// <summary>
    /// Saves a document's values and name as the backoffice's "Save and publish" does (or "Save" only), keeping the
    /// values not named in <paramref name="changes"/>.
    /// </summary>
    public static async Task UpdateAsync(HttpClient admin, Guid key, string name, IReadOnlyDictionary<string, object?> changes, bool publish = true)
    {
        var current = JsonDocument.Parse(await admin.GetStringAsync(Management + key)).RootElement;
        var values = current.GetProperty("values").EnumerateArray()
            .Select(v => v.GetProperty("alias").GetString()!)
            .Concat(changes.Keys)
            .Distinct()
            .Select(alias => new
            {
                alias,
                culture = (string?)null,
                segment = (string?)null,
                value = changes.TryGetValue(alias, out var changed) ? changed : current.GetProperty("values").EnumerateArray().First(v => v.GetProperty("alias").GetString() == alias).GetProperty("value"),
            })
            .ToList();
        var body = new
        {
            values,
            variants = new[] { new { culture = (string?)null, segment = (string?)null, name } },
            template = (object?)null,
            culturesToPublish = Array.Empty<string>(),
        };
        using var response = await admin.PutAsJsonAsync(publish ? $"{Management}{key}/update-and-publish" : Management + key, body);
        Assert.True(response.IsSuccessStatusCode, $"update: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Creates a document of the same type and under the same parent as <paramref name="sibling"/>, and publishes it.</summary>
    public static async Task<Guid> CreateAndPublishBesideAsync(HttpClient admin, SeedDocument sibling, string name)
    {
        var existing = JsonDocument.Parse(await admin.GetStringAsync(Management + sibling.Key)).RootElement;
        var key = Guid.NewGuid();
        using (var created = await admin.PostAsJsonAsync(Management.TrimEnd('/'), new
        {
            id = key,
            documentType = new { id = existing.GetProperty("documentType").GetProperty("id").GetGuid() },
            parent = new { id = sibling.Parent },
            template = (object?)null,
            values = new[] { new { alias = "title", culture = (string?)null, segment = (string?)null, value = name } },
            variants = new[] { new { culture = (string?)null, segment = (string?)null, name } },
        }))
        {
            Assert.True(created.IsSuccessStatusCode, $"create: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        using var published = await admin.PutAsJsonAsync($"{Management}{key}/publish", new { publishSchedules = new[] { new { culture = (string?)null } } });
        Assert.True(published.IsSuccessStatusCode, $"publish: {(int)published.StatusCode} {await published.Content.ReadAsStringAsync()}");
        return key;
    }
}
