using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Mahse.Bench.Hosting;

/// <summary>
/// Umbraco fills DeliveryApiContentIndex in the background after boot: measuring before it holds every document would
/// measure a smaller site. This waits until a query lists at least the expected number of items.
/// </summary>
public static class DeliveryIndex
{
    public const string Content = "/umbraco/delivery/api/v2/content";

    public static async Task<TimeSpan> WaitForAsync(Uri site, string query, int atLeast, TimeSpan timeout, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = site, Timeout = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < timeout)
        {
            using var response = await client.GetAsync($"{Content}?{query}&take=1", ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == HttpStatusCode.OK && Total(body) >= atLeast)
            {
                return clock.Elapsed;
            }

            last = $"{(int)response.StatusCode} {(body.Length > 300 ? body[..300] : body)}";
            await Task.Delay(500, ct);
        }

        throw new BenchFailedException($"The Delivery API did not list {atLeast} items for '{query}' within {timeout} (last: {last}).");
    }

    public static int Total(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("total").GetInt32();
    }
}
