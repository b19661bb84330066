using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Delivery;

/// <summary>
/// The portal's own query options on Umbraco's Delivery API (fellowshipStatus, roadmapStage, resourceType, discipline
/// filters and the stageOrder sort), checked against what the seed files say.
/// </summary>
public sealed class PortalQueryTests(MahseSite site) : IClassFixture<MahseSite>
{
    private IEnumerable<SeedDocument> Public => site.Seed.Where(d => d.Published && !d.Protected);

    [Fact]
    public async Task Stage_order_sorts_the_roadmap_stages_both_ways()
    {
        var expected = Public.Where(d => d.ContentType == "roadmapStage").OrderBy(d => int.Parse(d.Value("stageOrder"))).Select(d => d.Key).ToList();
        Assert.True(expected.Count >= 5);

        var ascending = await site.Delivery.QueryAsync("filter=contentType:roadmapStage&sort=stageOrder:asc");
        Assert.Equal(expected, ascending.Select(DeliveryApi.Id));
        var descending = await site.Delivery.QueryAsync("filter=contentType:roadmapStage&sort=stageOrder:desc");
        Assert.Equal(Enumerable.Reverse(expected), descending.Select(DeliveryApi.Id));
    }

    [Fact]
    public async Task Roadmap_stage_finds_what_is_tagged_with_a_stage_and_the_stage_itself()
    {
        foreach (var stage in Public.Where(d => d.ContentType == "roadmapStage"))
        {
            var expected = Public.Where(d => d.Key == stage.Key || d.Picked("roadmapStages").Contains(stage.Key)).Select(d => d.Key).ToHashSet();
            var found = await site.Delivery.QueryAsync($"filter=roadmapStage:{stage.Key}");
            Assert.Equal(expected, found.Select(DeliveryApi.Id).ToHashSet());
        }
    }

    [Fact]
    public async Task Resource_type_filters_by_the_dropdown_value_with_or_and_not()
    {
        var resources = Public.Where(d => d.ContentType == "stakeholderResource").ToList();
        var guides = resources.Where(r => r.Listed("resourceType").Contains("Guide")).Select(r => r.Key).ToHashSet();
        Assert.NotEmpty(guides);
        Assert.Equal(guides, (await site.Delivery.QueryAsync("filter=resourceType:Guide")).Select(DeliveryApi.Id).ToHashSet());

        var guidesOrToolkits = resources.Where(r => r.Listed("resourceType").Intersect(["Guide", "Toolkit"]).Any()).Select(r => r.Key).ToHashSet();
        Assert.Equal(guidesOrToolkits, (await site.Delivery.QueryAsync("filter=resourceType:Guide,Toolkit")).Select(DeliveryApi.Id).ToHashSet());

        var notGuides = resources.Where(r => !r.Listed("resourceType").Contains("Guide")).Select(r => r.Key).ToHashSet();
        Assert.Equal(notGuides, (await site.Delivery.QueryAsync("filter=contentType:stakeholderResource&filter=resourceType:!Guide")).Select(DeliveryApi.Id).ToHashSet());
    }

    [Fact]
    public async Task Discipline_filters_by_the_checked_divisions()
    {
        const string discipline = "Life sciences";
        var expected = Public.Where(d => d.Listed("disciplines").Contains(discipline)).Select(d => d.Key).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, (await site.Delivery.QueryAsync($"filter=discipline:{Uri.EscapeDataString(discipline)}")).Select(DeliveryApi.Id).ToHashSet());
    }

    [Fact]
    public async Task Fellowship_status_follows_each_calls_dates_and_todays_date()
    {
        var now = DateTime.UtcNow;
        string Status(SeedDocument call) =>
            DateTime.Parse(call.Value("opens")) is var opens && now < opens.Date ? "upcoming"
            : DateTime.Parse(call.Value("closes")) is var closes && now >= closes.Date.AddDays(1) ? "closed"
            : "open";

        var calls = Public.Where(d => d.ContentType == "fellowshipCall").ToList();
        Assert.NotEmpty(calls);
        foreach (var status in new[] { "open", "upcoming", "closed" })
        {
            var expected = calls.Where(c => Status(c) == status).Select(c => c.Key).ToHashSet();
            var found = await site.Delivery.QueryAsync($"filter=fellowshipStatus:{status}");
            Assert.Equal(expected, found.Select(DeliveryApi.Id).ToHashSet());
        }
    }

    [Theory]
    [InlineData("filter=fellowshipStatus:")]
    [InlineData("filter=fellowshipStatus:sometime")]
    [InlineData("filter=roadmapStage:not-a-key")]
    [InlineData("filter=roadmapStage:!")]
    [InlineData("filter=resourceType:,,,")]
    [InlineData("filter=discipline:%00%FF")]
    [InlineData("filter=discipline:" + "x%22%27%3C%3E%5C")]
    [InlineData("sort=stageOrder:sideways")]
    [InlineData("sort=stageOrder:")]
    [InlineData("filter=contentType:roadmapStage&sort=stageOrder:asc&skip=-1&take=-5")]
    [InlineData("filter=nosuchfilter:x")]
    [InlineData("sort=nosuchsort:asc")]
    [InlineData("fetch=children:not-a-key")]
    public async Task Odd_query_strings_get_an_answer_never_a_server_error(string query)
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync($"{DeliveryApi.Root}?{query}");
        Assert.True((int)response.StatusCode is 200 or 400 or 404, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == System.Net.HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_negative_skip_or_take_is_a_400_validation_problem_naming_the_parameter()
    {
        using var client = site.Anonymous();
        foreach (var (query, parameter) in new[] { ("skip=-1", "skip"), ("take=-5", "take") })
        {
            using var response = await client.GetAsync($"{DeliveryApi.Root}?filter=contentType:roadmapStage&{query}");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), problem.RootElement.ToString());
        }
    }
}
