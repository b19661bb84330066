using System.Net;
using System.Text.Json;

namespace Mahse.Tests.Infrastructure;

/// <summary>Reads of Umbraco's Content Delivery API v2 as a front end makes them.</summary>
public sealed class DeliveryApi(HttpClient client)
{
    public const string Root = "/umbraco/delivery/api/v2/content";

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string pathAndQuery, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        configure?.Invoke(request);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    /// <summary>A query's items (all pages of up to 100), failing the test on anything but 200.</summary>
    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string query)
    {
        var items = new List<JsonElement>();
        for (var skip = 0; ; skip += 100)
        {
            var separator = query.Length == 0 ? "?" : "&";
            var (status, body) = await GetAsync($"{Root}{(query.Length == 0 ? "" : "?" + query)}{separator}skip={skip}&take=100");
            Assert.True(status == HttpStatusCode.OK, $"{query}: {(int)status} {body}");
            items.AddRange(body.GetProperty("items").EnumerateArray());
            if (items.Count >= body.GetProperty("total").GetInt32())
            {
                return items;
            }
        }
    }

    public static Guid Id(JsonElement item) => item.GetProperty("id").GetGuid();

    /// <summary>
    /// Umbraco fills DeliveryApiContentIndex in the background after start-up; wait until a query returns at least
    /// the expected number of items.
    /// </summary>
    public async Task WaitForAsync(string query, int atLeast, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var (status, body) = await GetAsync($"{Root}?{query}&take=1");
            if (status == HttpStatusCode.OK && body.GetProperty("total").GetInt32() >= atLeast)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The Delivery API did not list {atLeast} items for '{query}' in time (last: {(int)status} {body}).");
            await Task.Delay(250);
        }
    }
}
