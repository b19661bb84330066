using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Search;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Delivery;

/// <summary>ETags on item endpoints, and thousands of generated hostile query strings that must never be a 500.</summary>
public sealed class DeliveryRobustnessTests(DeliveryHost host) : IClassFixture<DeliveryHost>
{
    private const string Content = "/umbraco/delivery/api/v2/content";
    private const string Media = "/umbraco/delivery/api/v2/media";

    private PublishedContentCache Cache => host.Services.GetRequiredService<PublishedContentCache>();

    [Fact]
    public async Task Item_endpoints_send_an_etag_answer_if_none_match_with_304_and_change_tag_when_content_changes()
    {
        var admin = new ManagementApi(await host.ClientAsync());
        var type = await admin.CreateDocumentTypeAsync(ManagementApi.Unique("etagPage"), [ManagementApi.Property("headline", ManagementApi.Textstring)]);
        var id = await admin.CreateDocumentAsync(type, ManagementApi.Unique("Etag page"), new JsonObject { ["headline"] = "first" });
        await admin.PublishAsync(id);
        var client = host.Delivery();

        var first = await client.GetAsync($"{Content}/item/{id}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.False(tag!.IsWeak);

        var notModified = await SendAsync(client, $"{Content}/item/{id}", tag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await SendAsync(client, $"{Content}/item/{id}", "W/" + tag.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, $"{Content}/item/{id}", "\"something-else\"")).StatusCode);

        // The same item narrowed by fields is a different body, so a different tag.
        var narrowed = await client.GetAsync($"{Content}/item/{id}?fields=properties[nothing]");
        Assert.NotEqual(tag, narrowed.Headers.ETag);

        var put = await admin.PutDocumentAsync(id, (await admin.GetDocumentAsync(id)).GetProperty("variants")[0].GetProperty("name").GetString()!, new JsonObject { ["headline"] = "second" });
        await ManagementApi.EnsureAsync(put, HttpStatusCode.OK);
        await admin.PublishAsync(id);

        var changed = await SendAsync(client, $"{Content}/item/{id}", tag.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Equal("second", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("properties").GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Thousands_of_generated_query_strings_get_200_400_401_or_404_with_a_well_formed_body()
    {
        await host.Services.GetRequiredService<IndexingQueue>().WhenIdleAsync();
        var items = Cache.All.ToList();
        var random = new Random(20261126);
        var client = host.Delivery();
        var failures = new List<string>();

        for (var i = 0; i < 3000; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Generate(random, items));
            if (random.Next(6) == 0)
            {
                request.Headers.TryAddWithoutValidation("Start-Item", Pick(random, ["mahse", "/", Guid.NewGuid().ToString(), "%%", items[random.Next(items.Count)].Key.ToString(), new string(Garbage(random).Where(char.IsAscii).ToArray())]));
            }

            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var problem = Check(response, body);
            if (problem is not null && failures.Count < 20)
            {
                failures.Add($"{request.RequestUri} → {(int)response.StatusCode}: {problem} {body[..Math.Min(body.Length, 200)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Content)).StatusCode); // still serving
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await client.SendAsync(request);
    }

    private static string? Check(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        // 401 is allowed too: the generated paths and ids reach the site's members-only guidance pages.
        if (status is not (200 or 400 or 401 or 404))
        {
            return "unexpected status";
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return "body is not JSON";
        }

        return status switch
        {
            200 when json.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) => "200 without an object or array",
            401 when json.ValueKind != JsonValueKind.Object || json.GetProperty("status").GetInt32() != 401 => "401 without problem details",
            400 when json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("title", out _) || json.GetProperty("status").GetInt32() != 400 => "400 without problem details",
            // Umbraco answers an unknown Start-Item with a JSON string; everything else is problem details.
            404 when json.ValueKind == JsonValueKind.String => null,
            404 when json.ValueKind != JsonValueKind.Object || json.GetProperty("status").GetInt32() != 404 => "404 without problem details",
            _ => null,
        };
    }

    private static string Generate(Random random, List<PublishedContentItem> items)
    {
        var item = items[random.Next(items.Count)];
        var id = Pick(random, [item.Key.ToString(), Guid.NewGuid().ToString(), "not-a-guid", "", "00000000-0000-0000-0000-000000000000", Garbage(random)]);
        var path = Pick(random, [item.Route, item.Route + "/extra", "/", "//", "/%2F/", "/.." + item.Route, Garbage(random)]);
        var endpoint = random.Next(8) switch
        {
            0 => $"{Content}/item/{Uri.EscapeDataString(id)}",
            1 => $"{Content}/item{path}",
            2 => $"{Content}/items?id={Uri.EscapeDataString(id)}&id={item.Key}",
            3 => $"{Media}?",
            4 => $"{Media}/item/{Uri.EscapeDataString(id)}",
            5 => $"{Media}/items?id={Uri.EscapeDataString(id)}",
            _ => $"{Content}?",
        };

        var query = new StringBuilder();
        var parameters = random.Next(0, 6);
        for (var p = 0; p < parameters; p++)
        {
            var (name, value) = random.Next(7) switch
            {
                0 => ("fetch", Pick(random, ["children:/", "descendants:" + item.Key, "ancestors:" + item.Route, "children:" + Garbage(random), "siblings:/", ":", "children", "descendants:", Garbage(random)])),
                1 => ("filter", Pick(random, ["contentType:roadmapStage", "contentType:!roadmapStage,mooc", "name:" + Garbage(random), "createDate>2020-01-01", "updateDate<:not-a-date", "createDate>", "fellowshipStatus:open", "fellowshipStatus:sometimes", "roadmapStage:" + Garbage(random), "discipline:", "colour:red", "mediaType:Image", Garbage(random)])),
                2 => ("sort", Pick(random, ["name:asc", "createDate:desc", "level:sideways", "sortOrder", "path:asc", "stageOrder:asc", "updateDate:", "popularity:desc", Garbage(random)])),
                3 => ("skip", Pick(random, ["0", "10", "-1", "abc", "99999999999", int.MaxValue.ToString(), ""])),
                4 => ("take", Pick(random, ["0", "10", "-5", "x", "1000000", int.MaxValue.ToString(), ""])),
                5 => ("expand", Pick(random, ["properties[$all]", "properties[skills[properties[$all]]]", "properties[", "properties]", "all", "property:skills", "properties[[[[", Garbage(random)])),
                _ => ("fields", Pick(random, ["properties[title]", "properties[$all]", "properties[a,b[properties[c]]]", "properties[a,,]", "]]", Garbage(random)])),
            };
            query.Append(query.Length == 0 && !endpoint.Contains('?') ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return endpoint + query;
    }

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];

    private static string Garbage(Random random)
    {
        const string alphabet = "abcXYZ019:,![]{}()<>=%$&#'\"\\/ ._-é\u00a0\u2028😀";
        var chars = new StringBuilder();
        var length = random.Next(0, 24);
        for (var i = 0; i < length; i++)
        {
            chars.Append(alphabet[random.Next(alphabet.Length)]);
        }

        // Keep surrogate pairs whole so the string stays valid UTF-16 before escaping.
        return new string(chars.ToString().Where(c => !char.IsSurrogate(c)).ToArray());
    }
}
