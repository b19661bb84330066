using System.Net;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Delivery;

/// <summary>
/// The MAHSE site as a front end sees it after first boot: every document of the uSync folder served by Umbraco's
/// Delivery API, members-only guidance closed to visitors, the tree as the files describe it.
/// </summary>
public sealed class MahseContentTests(MahseSite site) : IClassFixture<MahseSite>
{
    [Fact]
    public async Task Every_public_document_of_the_usync_folder_is_served_by_id_with_its_name_and_type()
    {
        foreach (var document in site.Seed.Where(d => d.Published && !d.Protected))
        {
            var (status, item) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{document.Key}");
            Assert.True(status == HttpStatusCode.OK, $"{document.Name}: {(int)status}");
            Assert.Equal(document.Name, item.GetProperty("name").GetString());
            Assert.Equal(document.ContentType, item.GetProperty("contentType").GetString());
        }

        var listed = (await site.Delivery.QueryAsync("")).Select(DeliveryApi.Id).ToHashSet();
        Assert.Equal(site.Seed.Where(d => d.Published && !d.Protected).Select(d => d.Key).ToHashSet(), listed);
    }

    [Fact]
    public async Task Members_only_guidance_answers_401_to_a_visitor_and_is_left_out_of_queries()
    {
        var guidance = site.Seed.Where(d => d.Protected).ToList();
        Assert.NotEmpty(guidance);
        foreach (var document in guidance)
        {
            var (status, _) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{document.Key}");
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }

        Assert.Empty(await site.Delivery.QueryAsync("filter=contentType:guidancePage"));
    }

    [Fact]
    public async Task The_roadmap_lists_its_stages_with_skills_picked_from_the_skills_library()
    {
        var roadmap = site.Document("Roadmap");
        var stages = await site.Delivery.QueryAsync($"fetch=children:{roadmap.Key}&filter=contentType:roadmapStage&sort=sortOrder:asc");
        var expected = site.Seed.Where(d => d.Parent == roadmap.Key && d.ContentType == "roadmapStage").Select(d => d.Key).ToHashSet();
        Assert.Equal(expected, stages.Select(DeliveryApi.Id).ToHashSet());

        var stage = stages[0];
        var skills = stage.GetProperty("properties").GetProperty("skills").EnumerateArray().Select(DeliveryApi.Id).ToList();
        Assert.Equal(site.Seed.Single(d => d.Key == DeliveryApi.Id(stage)).Picked("skills"), skills);
        Assert.All(skills, key => Assert.Equal("skill", site.Seed.Single(d => d.Key == key).ContentType));
    }

    [Fact]
    public async Task Items_are_found_by_route_under_the_site_root()
    {
        var (status, item) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/roadmap/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(site.Document("Roadmap").Key, DeliveryApi.Id(item));

        var (missing, problem) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/roadmap/no-such-stage");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task A_fellowship_call_names_its_application_form_as_Umbraco_Forms_picker_does()
    {
        var call = site.Seed.First(d => d.ContentType == "fellowshipCall");
        var (status, item) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{call.Key}");
        Assert.Equal(HttpStatusCode.OK, status);
        var form = item.GetProperty("properties").GetProperty("applicationForm");
        Assert.Equal(Guid.Parse(call.Value("applicationForm")), form.GetProperty("id").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, form.GetProperty("form").ValueKind);
    }
}
