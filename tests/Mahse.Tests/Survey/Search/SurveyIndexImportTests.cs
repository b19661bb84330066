using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mahse.Tests.Survey.Search;

/// <summary>
/// SurveyIndex follows imports: a CSV posted to the survey's Management API import reaches the index without a
/// rebuild (SurveyImportedNotification), and the staff search (ISurveySearch behind the survey's endpoint) finds it
/// by a stemmed word, with highlights, facets and a range; a re-import that changes a comment changes what is found.
/// </summary>
public sealed class SurveyIndexImportTests(SurveyIndexSite site) : IClassFixture<SurveyIndexSite>
{
    private const string Staff = "/umbraco/management/api/v1/survey";
    private const string Organisation = "Import Index Test Trust";

    private const string Headings =
        "respondentId,organisation,site,subRegion,division,specialism,careerStage,audit,serviceImprovement,research,innovation,publication,grantHolding,barriers,championWilling,comments,contactConsent,contactName,contactEmail";

    [Fact]
    public async Task An_import_reaches_the_index_and_the_staff_search_finds_it_with_highlights_facets_and_ranges()
    {
        var lines = Enumerable.Range(1, 8).Select(i => Line(
            $"IMP-{i}", research: i, champion: i % 2 == 0, barriers: i % 2 == 0 ? "time;funding" : "skills",
            division: i <= 5 ? "Life sciences" : "Physiological sciences", specialism: i <= 5 ? "Virology" : "Audiology",
            comments: i <= 3 ? $"We started benchmarking turnaround times in {2020 + i}." : "Nothing to add.")).ToList();
        await ImportAsync(lines);

        using var admin = await site.ManagementClientAsync();
        var search = await EventuallyAsync(admin, $"{Staff}/search?q=benchmarks&organisation={Uri.EscapeDataString(Organisation)}&take=50",
            json => json.GetProperty("total").GetInt64() == 3);
        var items = search.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["IMP-1", "IMP-2", "IMP-3"], items.Select(i => i.GetProperty("respondentId").GetString()).Order());
        Assert.All(items, i => Assert.Contains("<mark>benchmarking</mark>", i.GetProperty("highlights")[0].GetString()));

        var all = await EventuallyAsync(admin, $"{Staff}/search?organisation={Uri.EscapeDataString(Organisation)}&take=0",
            json => json.GetProperty("total").GetInt64() == 8);
        var facets = all.GetProperty("facets");
        Assert.Equal(5, facets.GetProperty("division").GetProperty("Life sciences").GetInt32());
        Assert.Equal(3, facets.GetProperty("division").GetProperty("Physiological sciences").GetInt32());
        Assert.Equal(4, facets.GetProperty("barrier").GetProperty("time").GetInt32());
        Assert.Equal(4, facets.GetProperty("barrier").GetProperty("skills").GetInt32());
        Assert.Equal(4, facets.GetProperty("champion").GetProperty("yes").GetInt32());
        Assert.Equal(8, facets.GetProperty("activity").GetProperty("research").GetInt32());

        var ranged = await EventuallyAsync(admin, $"{Staff}/search?organisation={Uri.EscapeDataString(Organisation)}&rangeField=research&min=3&max=5&take=50",
            _ => true);
        Assert.Equal(3, ranged.GetProperty("total").GetInt64());
        Assert.Equal(["IMP-3", "IMP-4", "IMP-5"], ranged.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("respondentId").GetString()).Order());

        // A re-import that changes one comment: the index follows the respondents the import changed.
        lines[0] = Line("IMP-1", research: 1, champion: false, barriers: "skills", division: "Life sciences", specialism: "Virology",
            comments: "Our apprentices shadowed the sequencing team.");
        await ImportAsync(lines);
        await EventuallyAsync(admin, $"{Staff}/search?q=apprentice&organisation={Uri.EscapeDataString(Organisation)}&take=50",
            json => json.GetProperty("total").GetInt64() == 1 && json.GetProperty("items")[0].GetProperty("respondentId").GetString() == "IMP-1");
        await EventuallyAsync(admin, $"{Staff}/search?q=benchmarks&organisation={Uri.EscapeDataString(Organisation)}&take=50",
            json => json.GetProperty("total").GetInt64() == 2);
    }

    [Fact]
    public async Task Bad_search_syntax_is_a_400_with_the_reason()
    {
        using var admin = await site.ManagementClientAsync();
        using var response = await admin.GetAsync($"{Staff}/search?q=%22unclosed");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.Contains("could not be understood", body);
    }

    private async Task ImportAsync(IEnumerable<string> lines)
    {
        using var client = await site.ManagementClientAsync();
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Headings + "\n" + string.Join("\n", lines) + "\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", "survey.csv");
        using var response = await client.PostAsync($"{Staff}/import", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import: {(int)response.StatusCode} {body}");
    }

    private static string Line(string id, int research, bool champion, string barriers, string division, string specialism, string comments) =>
        string.Join(',', id, Organisation, "Main hospital", "Greater Manchester", division, specialism, "Clinical scientist",
            0, 0, research, 0, 0, 0, barriers, champion ? "yes" : "no", comments, "no", "", "");

    /// <summary>The JSON of a GET once it satisfies the condition (the index is written in the background, searchable within a second or so).</summary>
    private static async Task<JsonElement> EventuallyAsync(HttpClient client, string url, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string body;
        while (true)
        {
            using var response = await client.GetAsync(url);
            body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var json = JsonDocument.Parse(body).RootElement.Clone();
                if (done(json))
                {
                    return json;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"GET {url} did not come to the expected answer: {(int)response.StatusCode} {body}");
            }

            await Task.Delay(500);
        }
    }
}
