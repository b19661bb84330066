using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Mahse.Tests.Forms.Api.FormsApiForms;

namespace Mahse.Tests.Forms.Api;

/// <summary>Umbraco Forms' default: the API is off, and every endpoint at both generations of paths says so.</summary>
public sealed class FormsApiOffTests(FormsOffSite site) : IClassFixture<FormsOffSite>
{
    [Fact]
    public async Task Every_endpoint_answers_403_when_the_api_is_not_enabled()
    {
        var form = site.Forms.Application;
        using var client = site.Anonymous();
        var expected = JsonNode.Parse(Logic.TestForms.Fixture("derived.403.api-disabled.json"))!;

        var responses = new[]
        {
            await client.GetAsync($"{Base}/definitions/{form.Id}"),
            await client.GetAsync($"{Base13}/definitions/{Guid.NewGuid()}"),
            await client.PostAsJsonAsync($"{Base}/entries/{form.Id}", ValidEntry()),
            await client.PostAsJsonAsync($"{Base13}/entries/{form.Id}", ValidEntry()),
            await client.PostAsJsonAsync($"{Base}/drafts/{form.Id}", new JsonObject { ["values"] = new JsonObject(), ["email"] = "a@b.test" }),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var name in new[] { "type", "title", "detail" })
            {
                Assert.Equal((string?)expected[name], problem.GetProperty(name).GetString());
            }

            Assert.Equal(403, problem.GetProperty("status").GetInt32());
        }
    }
}

/// <summary>Browser clients (no API key configured): posts need the antiforgery token, and bursts are rate limited per address.</summary>
public sealed class FormsApiBrowserTests(FormsBrowserSite site) : IClassFixture<FormsBrowserSite>
{
    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_bursts_are_rate_limited()
    {
        var form = site.Forms.Application;
        using var client = site.Anonymous();

        // Reading a definition needs no token.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Base}/definitions/{form.Id}")).StatusCode);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await client.PostAsJsonAsync($"{Base}/entries/{form.Id}", ValidEntry()));
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            responses.Select(r => r.StatusCode).ToArray());
        var forged = await responses[0].Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Antiforgery token missing or invalid", forged.GetProperty("title").GetString());
        var limited = responses[3];
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType!.MediaType);
        Assert.Equal(429, (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());

        // Definitions are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Base13}/definitions/{form.Id}")).StatusCode);
    }
}
