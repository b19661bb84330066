using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Mahse.Cms.Tests.Infrastructure.ManagementApi;

namespace Mahse.Cms.Tests.Content;

public sealed class SchedulerPortalHost : SqlitePortalHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Mahse:ScheduledPublishing:Interval"] = "00:01:00",
    };
}

/// <summary>The background scheduler itself, driven by moving the injected clock rather than sleeping.</summary>
public sealed class SchedulerTests(SchedulerPortalHost host) : IClassFixture<SchedulerPortalHost>
{
    [Fact]
    public async Task Background_service_publishes_when_the_clock_passes_the_schedule()
    {
        var api = new ManagementApi(await host.ClientAsync());
        var type = await api.CreateDocumentTypeAsync(Unique("call"), [Property("title", Textstring)]);
        var id = await api.CreateDocumentAsync(type, "Fellowship call 2027", new JsonObject { ["title"] = "Call" });
        var schedule = new JsonObject
        {
            ["publishSchedules"] = new JsonArray(new JsonObject
            {
                ["schedule"] = new JsonObject { ["publishTime"] = host.Clock.GetUtcNow().AddMinutes(30).ToString("O") },
            }),
        };
        await EnsureAsync(await api.Client.PutAsJsonAsync($"{Base}/document/{id}/publish", schedule), HttpStatusCode.OK);
        var cache = host.Services.GetRequiredService<PublishedContentCache>();

        // Tick by tick: the timer fires each minute of fake time; nothing may publish before the half hour.
        for (var minute = 1; minute < 30; minute++)
        {
            host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await Task.Delay(200);
        Assert.Null(cache.Get(id));

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (cache.Get(id) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.NotNull(cache.Get(id));
    }
}
