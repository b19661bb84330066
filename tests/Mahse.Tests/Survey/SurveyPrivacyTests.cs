using System.Net;
using System.Text.Json;

namespace Mahse.Tests.Survey;

/// <summary>
/// The three views per reader (decision 0009): a visitor sees aggregates without small groups, a member also the
/// champions who consented, a Writer none of the staff API, an Administrator every response with contact details.
/// </summary>
[Collection(SurveySiteCollection.Name)]
public sealed class SurveyPrivacyTests(SurveySite site) : IAsyncLifetime
{
    private const string Big = "Privacy Big Trust";
    private const string Small = "Privacy Small Trust";

    public async Task InitializeAsync() => await site.ImportAsync(SurveyApi.Csv(
    [
        // Big: eight responses, three willing champions (two consented), so its champion count is under five.
        SurveyApi.Line("PRV-B1", Big, champion: true, consent: true, name: "Cara Champion", email: "cara@nhs.test", research: 1, comments: "Private thoughts of Cara"),
        SurveyApi.Line("PRV-B2", Big, champion: true, consent: true, name: "Dan Champion", email: "dan@nhs.test", research: 1),
        SurveyApi.Line("PRV-B3", Big, champion: true, consent: false, name: "Hidden Champion", email: "hidden@nhs.test"),
        SurveyApi.Line("PRV-B4", Big, consent: true, name: "Not A Champion", email: "nac@nhs.test"),
        SurveyApi.Line("PRV-B5", Big), SurveyApi.Line("PRV-B6", Big), SurveyApi.Line("PRV-B7", Big), SurveyApi.Line("PRV-B8", Big),
        // Small: three responses, one a consenting champion.
        SurveyApi.Line("PRV-S1", Small, division: "Clinical bioinformatics", specialism: "Health informatics", champion: true, consent: true, name: "Sam Small", email: "sam@nhs.test"),
        SurveyApi.Line("PRV-S2", Small, division: "Clinical bioinformatics", specialism: "Health informatics"),
        SurveyApi.Line("PRV-S3", Small, division: "Clinical bioinformatics", specialism: "Health informatics"),
    ]));

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonElement? Organisation(JsonElement profiles, string name) =>
        profiles.EnumerateArray().Where(p => p.GetProperty("organisation").GetString() == name).Select(p => (JsonElement?)p).FirstOrDefault();

    [Fact]
    public async Task A_visitor_sees_aggregates_only_with_groups_under_five_left_out()
    {
        using var visitor = site.Anonymous();

        var profiles = await SurveySite.GetJsonAsync(visitor, $"{SurveyApi.Public}/organisations");
        Assert.Null(Organisation(profiles, Small)); // three responses: not shown at all
        var big = Organisation(profiles, Big)!.Value;
        Assert.Equal(8, big.GetProperty("responses").GetInt32());
        Assert.Equal(0, big.GetProperty("champions").GetInt32()); // three champions: under five, so 0
        Assert.All(big.GetProperty("divisions").EnumerateObject(), d => Assert.True(d.Value.GetInt32() >= 5));

        var summary = await SurveySite.GetJsonAsync(visitor, $"{SurveyApi.Public}/summary");
        Assert.False(summary.GetProperty("suppressed").GetBoolean());
        Assert.False(summary.GetProperty("divisions").TryGetProperty("Clinical bioinformatics", out _)); // three responses in it
        foreach (var facet in new[] { "divisions", "subRegions", "careerStages", "activities" })
        {
            Assert.All(summary.GetProperty(facet).EnumerateObject(), v => Assert.True(v.Value.GetInt32() >= 5, $"{facet}.{v.Name} = {v.Value}"));
        }

        var everything = profiles.GetRawText() + summary.GetRawText() + (await SurveySite.GetJsonAsync(visitor, $"{SurveyApi.Public}/centres?take=100")).GetRawText();
        Assert.DoesNotContain("@nhs.test", everything);
        Assert.DoesNotContain("Cara", everything);

        using (var champions = await visitor.GetAsync($"{SurveyApi.Public}/champions"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, champions.StatusCode);
        }

        foreach (var path in new[] { "/responses", "/export", "/centres", "/champions" })
        {
            using var staff = await visitor.GetAsync(SurveyApi.Staff + path);
            Assert.True(staff.StatusCode is HttpStatusCode.Unauthorized, $"{path}: {(int)staff.StatusCode}");
        }
    }

    [Fact]
    public async Task A_member_also_sees_the_champions_who_consented_and_nothing_else_personal()
    {
        using var member = await site.MemberAsync();

        var champions = await SurveySite.GetJsonAsync(member, $"{SurveyApi.Public}/champions?take=100");
        var names = champions.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("Cara Champion", names);
        Assert.Contains("Dan Champion", names);
        Assert.Contains("Sam Small", names);
        Assert.DoesNotContain("Hidden Champion", names); // no consent: the import dropped the name
        Assert.DoesNotContain("Not A Champion", names);
        Assert.Equal("cara@nhs.test", champions.EnumerateArray().First(c => c.GetProperty("name").GetString() == "Cara Champion").GetProperty("email").GetString());
        Assert.DoesNotContain("Private thoughts", champions.GetRawText()); // comments are for staff only

        var filtered = await SurveySite.GetJsonAsync(member, $"{SurveyApi.Public}/champions?division=Clinical%20bioinformatics");
        Assert.Equal(["Sam Small"], filtered.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());

        // The aggregates are the public ones.
        Assert.Null(Organisation(await SurveySite.GetJsonAsync(member, $"{SurveyApi.Public}/organisations"), Small));

        // A member token is not a backoffice token: Umbraco's Management API refuses it (403, the token is valid but not a user's).
        using var staff = await member.GetAsync($"{SurveyApi.Staff}/responses");
        Assert.True(staff.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{(int)staff.StatusCode}");
    }

    [Theory]
    [InlineData("Writers")]
    [InlineData("Editors")]
    public async Task Users_outside_the_viewer_groups_get_403_from_every_staff_endpoint(string group)
    {
        using var user = await site.ManagementClientAsync(group);
        foreach (var path in new[] { "/responses", "/export", "/export?format=xlsx", "/centres", "/champions", "/organisations", "/summary", "/search" })
        {
            using var response = await user.GetAsync(SurveyApi.Staff + path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{group} {path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_administrator_sees_every_response_with_contact_details_and_comments()
    {
        using var admin = await site.ManagementClientAsync();

        var page = await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/responses?organisation={Uri.EscapeDataString(Small)}");
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        var sam = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("respondentId").GetString() == "PRV-S1");
        Assert.Equal("sam@nhs.test", sam.GetProperty("contactEmail").GetString());

        var cara = (await site.ResponseAsync("PRV-B1", Big))!.Value;
        Assert.Equal("Private thoughts of Cara", cara.GetProperty("comments").GetString());
        var hidden = (await site.ResponseAsync("PRV-B3", Big))!.Value;
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("contactName").ValueKind); // dropped at import, so not even staff see it

        var profiles = await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/organisations");
        Assert.Equal(3, Organisation(profiles, Small)!.Value.GetProperty("responses").GetInt32());
        Assert.Equal(3, Organisation(profiles, Big)!.Value.GetProperty("champions").GetInt32()); // every champion count

        var champions = await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/champions?take=1000");
        Assert.Contains(champions.EnumerateArray(), c => c.GetProperty("name").GetString() == "Sam Small");
    }

    /// <summary>
    /// Search through the survey index (Search/, registered by the index part): skipped where no index is registered
    /// (503), so this branch's tests run alone and the merged site's run it for real.
    /// </summary>
    [SkippableFact]
    public async Task Search_shows_staff_the_responses_and_everyone_else_totals_over_five_only()
    {
        using var admin = await site.ManagementClientAsync();
        using (var probe = await admin.GetAsync($"{SurveyApi.Staff}/search?take=0"))
        {
            Skip.If(probe.StatusCode == HttpStatusCode.ServiceUnavailable, "No survey index is registered on this site.");
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        }

        // The index follows imports in the background: wait until it holds the small trust's three responses.
        var smallPath = $"{SurveyApi.Staff}/search?organisation={Uri.EscapeDataString(Small)}&take=50";
        JsonElement staff = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(500))
        {
            staff = await SurveySite.GetJsonAsync(admin, smallPath);
            if (staff.GetProperty("total").GetInt64() == 3)
            {
                break;
            }
        }

        Assert.Equal(3, staff.GetProperty("total").GetInt64());
        Assert.Contains(staff.GetProperty("items").EnumerateArray(), i => i.GetProperty("contactEmail").GetString() == "sam@nhs.test");

        using var visitor = site.Anonymous();
        using var member = await site.MemberAsync();
        foreach (var reader in new[] { visitor, member })
        {
            var small = await SurveySite.GetJsonAsync(reader, $"{SurveyApi.Public}/search?organisation={Uri.EscapeDataString(Small)}&take=50");
            Assert.True(small.GetProperty("suppressed").GetBoolean());
            Assert.Equal(0, small.GetProperty("total").GetInt64());
            Assert.Equal(JsonValueKind.Null, small.GetProperty("items").ValueKind);

            var big = await SurveySite.GetJsonAsync(reader, $"{SurveyApi.Public}/search?organisation={Uri.EscapeDataString(Big)}&take=50");
            Assert.Equal(8, big.GetProperty("total").GetInt64());
            Assert.Equal(JsonValueKind.Null, big.GetProperty("items").ValueKind);
            foreach (var facet in big.GetProperty("facets").EnumerateObject())
            {
                Assert.All(facet.Value.EnumerateObject(), v => Assert.True(v.Value.GetInt32() >= 5, $"{facet.Name}.{v.Name} = {v.Value}"));
            }

            Assert.DoesNotContain("@nhs.test", big.GetRawText());
        }
    }

    [Fact]
    public async Task Search_parameters_are_checked_before_the_index_is_asked()
    {
        using var visitor = site.Anonymous();
        using var range = await visitor.GetAsync($"{SurveyApi.Public}/search?rangeField=patents&min=1");
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        Assert.Contains("Ranges are on activity counts", await range.Content.ReadAsStringAsync());

        using var admin = await site.ManagementClientAsync();
        using var paging = await admin.GetAsync($"{SurveyApi.Staff}/search?take=100000");
        Assert.Equal(HttpStatusCode.BadRequest, paging.StatusCode);
    }
}
