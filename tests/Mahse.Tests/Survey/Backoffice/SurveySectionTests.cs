using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mahse.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using BackofficeUi = Mahse.Tests.Infrastructure.Backoffice;

namespace Mahse.Tests.Survey.Backoffice;

/// <summary>
/// The Survey section in Chromium. A programme lead (an Administrator, who may import) opens it, imports a small CSV,
/// watches the upload progress and reads the import report, sees the charts drawn by chart.js with the summary API's
/// numbers, searches the responses with highlights and reads the centres-of-excellence ranking with its formula. A
/// reviewer gets the section too (the survey's package migration grants it); a writer does not. Each view is checked
/// with axe-core.
/// </summary>
public sealed class SurveySectionTests(SurveyBackofficeSite site, ITestOutputHelper output) : IClassFixture<SurveyBackofficeSite>
{
    private const string Password = "Survey-Lead-Horse-42";
    private const string TrustA = "Section Test Trust A";
    private const string TrustB = "Section Test Trust B";

    /// <summary>Six responses at A (research, a champion who consented), five at B (audits), and one with an unknown division.</summary>
    private static string Csv()
    {
        var lines = new List<string>();
        lines.AddRange(Enumerable.Range(1, 6).Select(i => SurveyApi.Line($"SEC-A{i}", TrustA, research: 2, publication: 1,
            comments: i == 1 ? "We need protected time for translational work" : null,
            champion: i == 1, consent: i == 1, name: i == 1 ? "Rosalind Champion" : null, email: i == 1 ? "rosalind@nhs.test" : null)));
        lines.AddRange(Enumerable.Range(1, 5).Select(i => SurveyApi.Line($"SEC-B{i}", TrustB, division: "Physiological sciences", specialism: "Audiology", audit: 1)));
        lines.Add(SurveyApi.Line("SEC-X1", TrustB, division: "Astrology"));
        return SurveyApi.Csv([.. lines]);
    }

    private async Task<IPage> SignedInAsync(IBrowser browser, string email)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1100 } });
        SurveyBackoffice.LogProblems(page, output);
        await BackofficeUi.SignInAsync(page, site.BaseAddress, email, Password);
        return page;
    }

    [SkippableFact]
    public async Task A_programme_lead_imports_a_csv_with_progress_and_report_and_sees_the_charts_the_search_and_the_ranking()
    {
        const string email = "survey-lead@mahse.test";
        await BackofficeUsers.CreateAsync(site, email, Password, "admin");
        using var admin = await site.ManagementClientAsync();

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInAsync(browser, email);

        await BackofficeUi.WithScreenshotOnFailureAsync(page, "survey-section-lead", output, async () =>
        {
            await SurveyBackoffice.OpenSectionAsync(page);
            var overview = page.Locator("mahse-survey-overview");
            await Assertions.Expect(overview.GetByRole(AriaRole.Status).Filter(new() { HasText = "responses" })).ToContainTextAsync("0 responses", new() { Timeout = 30_000 });
            await Axe.CheckAsync(page, overview, "the Survey overview (empty)", output);

            // Import: the file goes up with XMLHttpRequest; the progress bar reaches 100% and the report follows.
            await overview.GetByLabel("Survey file (CSV or XLSX)").SetInputFilesAsync(new FilePayload
            {
                Name = "survey.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv()),
            });
            var clock = Stopwatch.StartNew();
            await overview.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            var progress = overview.GetByRole(AriaRole.Progressbar, new() { Name = "Upload" });
            await Assertions.Expect(progress).ToBeVisibleAsync();
            var report = overview.Locator("section.report");
            await Assertions.Expect(report).ToBeVisibleAsync(new() { Timeout = 60_000 });
            output.WriteLine($"import through the section: {clock.ElapsedMilliseconds} ms");
            Assert.Equal(100, await progress.EvaluateAsync<int>("p => p.value"));
            await Assertions.Expect(overview.GetByText("Import finished.")).ToBeVisibleAsync();
            await Assertions.Expect(report.Locator("[data-count=rowsRead]")).ToHaveTextAsync("12");
            await Assertions.Expect(report.Locator("[data-count=imported]")).ToHaveTextAsync("11");
            await Assertions.Expect(report.Locator("[data-count=updated]")).ToHaveTextAsync("0");
            await Assertions.Expect(report.Locator("[data-count=unchanged]")).ToHaveTextAsync("0");
            await Assertions.Expect(report.Locator("[data-count=rejected]")).ToHaveTextAsync("1");
            await Assertions.Expect(report.Locator("table.rejected tbody tr")).ToContainTextAsync("Unknown division 'Astrology'");

            // The charts: drawn by chart.js on canvases, with the summary API's numbers.
            await Assertions.Expect(overview.Locator("[data-total=responses]")).ToHaveTextAsync("11", new() { Timeout = 30_000 });
            var summary = await SurveySite.GetJsonAsync(admin, SurveyApi.Staff + "/summary");
            Assert.Equal(11, summary.GetProperty("responses").GetInt64());
            foreach (var key in new[] { "divisions", "subRegions", "careerStages", "activities" })
            {
                var canvas = overview.Locator($"canvas[data-chart={key}]");
                await Assertions.Expect(canvas).ToBeVisibleAsync();
                var drawn = await canvas.EvaluateAsync<JsonElement>(
                    "c => { const chart = globalThis.Chart && globalThis.Chart.getChart(c); return chart ? { labels: chart.data.labels, data: chart.data.datasets[0].data, width: c.width, height: c.height } : null; }");
                Assert.True(drawn.ValueKind == JsonValueKind.Object, $"no chart.js chart on the {key} canvas");
                Assert.True(drawn.GetProperty("width").GetInt32() > 0 && drawn.GetProperty("height").GetInt32() > 0, $"the {key} canvas is empty");
                var expected = summary.GetProperty(key).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
                var values = drawn.GetProperty("data").EnumerateArray().Select(v => v.GetInt32()).ToList();
                var labels = drawn.GetProperty("labels").EnumerateArray().Select(v => v.GetString()!).ToList();
                Assert.Equal(expected.Count, labels.Count);
                Assert.Equal(expected.Values.Sum(), values.Sum());
                if (key != "activities")
                {
                    Assert.Equal(expected, labels.Zip(values).ToDictionary(p => p.First, p => p.Second));
                }
            }

            var divisions = await overview.Locator("canvas[data-chart=divisions]").EvaluateAsync<JsonElement>("c => globalThis.Chart.getChart(c).data");
            Assert.Equal(["Life sciences", "Physiological sciences"], divisions.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToArray());
            Assert.Equal([6, 5], divisions.GetProperty("datasets")[0].GetProperty("data").EnumerateArray().Select(v => v.GetInt32()).ToArray());
            output.WriteLine("overview screenshot: " + await BackofficeUi.ScreenshotAsync(page, "survey-overview"));
            await Axe.CheckAsync(page, overview, "the Survey overview with the report and charts", output);

            // The accessibility check is not vacuous: an unlabelled input put into our element's shadow root fails it.
            await overview.EvaluateAsync("e => { const i = document.createElement('input'); i.id = 'axe-probe'; e.shadowRoot.append(i); }");
            var caught = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Axe.CheckAsync(page, overview, "the overview with an unlabelled input", output));
            Assert.Contains("#axe-probe", caught.Message);
            await overview.EvaluateAsync("e => e.shadowRoot.getElementById('axe-probe').remove()");

            // The responses: a search of the comments, the word highlighted; facets to narrow by.
            await page.GetByRole(AriaRole.Tab, new() { Name = "Responses", Exact = true }).ClickAsync();
            var responses = page.Locator("mahse-survey-responses");
            await Assertions.Expect(responses.GetByRole(AriaRole.Status)).ToHaveTextAsync("11 responses found.", new() { Timeout = 30_000 });
            await responses.GetByRole(AriaRole.Searchbox, new() { Name = "Words in comments and specialisms" }).FillAsync("translational");
            await responses.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await Assertions.Expect(responses.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 response found.");
            await Assertions.Expect(responses.Locator("li.response")).ToContainTextAsync("SEC-A1");
            await Assertions.Expect(responses.Locator("li.response mark").First).ToHaveTextAsync(new Regex("^translational$", RegexOptions.IgnoreCase));
            await Axe.CheckAsync(page, responses, "the Survey responses search", output);
            await responses.GetByRole(AriaRole.Searchbox, new() { Name = "Words in comments and specialisms" }).FillAsync("");
            await responses.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
            await responses.GetByRole(AriaRole.Button, new() { Name = "Physiological sciences (5)" }).ClickAsync();
            await Assertions.Expect(responses.GetByRole(AriaRole.Status)).ToHaveTextAsync("5 responses found.");

            // The ranking with its formula and evidence, the champions and the export links.
            await page.GetByRole(AriaRole.Tab, new() { Name = "Centres and champions", Exact = true }).ClickAsync();
            var centres = page.Locator("mahse-survey-centres");
            var method = await SurveySite.GetJsonAsync(admin, SurveyApi.Staff + "/centres/method");
            await Assertions.Expect(centres.Locator(".formula")).ToHaveTextAsync(method.GetProperty("formula").GetString()!, new() { Timeout = 30_000 });
            var ranking = await SurveySite.GetJsonAsync(admin, SurveyApi.Staff + "/centres");
            var rows = centres.Locator("table.ranking tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(ranking.GetArrayLength());
            Assert.Equal(2, ranking.GetArrayLength());
            await Assertions.Expect(rows.First).ToContainTextAsync(ranking[0].GetProperty("organisation").GetString()!);
            await Assertions.Expect(rows.First.Locator("td").Nth(3)).ToHaveTextAsync(ranking[0].GetProperty("evidence").GetProperty("responses").GetInt32().ToString());
            await Assertions.Expect(centres.Locator("table.champions tbody tr")).ToContainTextAsync("Rosalind Champion");
            await Assertions.Expect(centres.GetByRole(AriaRole.Link, new() { Name = "Export responses as CSV" })).ToHaveAttributeAsync("href", SurveyApi.Staff + "/export?format=csv");
            await Assertions.Expect(centres.GetByRole(AriaRole.Link, new() { Name = "Export responses as XLSX" })).ToHaveAttributeAsync("href", SurveyApi.Staff + "/export?format=xlsx");
            output.WriteLine("centres screenshot: " + await BackofficeUi.ScreenshotAsync(page, "survey-centres"));
            await Axe.CheckAsync(page, centres, "the centres and champions view", output);
        });
    }

    [SkippableFact]
    public async Task A_reviewer_gets_the_Survey_section_and_its_charts()
    {
        const string email = "survey-reviewer@mahse.test";
        await BackofficeUsers.CreateAsync(site, email, Password, "reviewers");

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInAsync(browser, email);

        await BackofficeUi.WithScreenshotOnFailureAsync(page, "survey-section-reviewer", output, async () =>
        {
            await SurveyBackoffice.OpenSectionAsync(page);
            var overview = page.Locator("mahse-survey-overview");
            await Assertions.Expect(overview.Locator("[data-total=responses]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(overview.Locator("canvas[data-chart=divisions]")).ToBeVisibleAsync();
            Assert.True(await overview.Locator("canvas[data-chart=divisions]").EvaluateAsync<bool>("c => !!(globalThis.Chart && globalThis.Chart.getChart(c))"));

            // The import is for Administrators (the API refuses others): a reviewer gets no import form.
            await Assertions.Expect(overview.GetByText("Importing survey files is for Administrators.")).ToBeVisibleAsync();
            await Assertions.Expect(overview.GetByLabel("Survey file (CSV or XLSX)")).ToHaveCountAsync(0);
        });
    }

    [SkippableFact]
    public async Task A_writer_does_not_get_the_Survey_section()
    {
        const string email = "survey-writer@mahse.test";
        await BackofficeUsers.CreateAsync(site, email, Password, "writer");

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await SignedInAsync(browser, email);

        await BackofficeUi.WithScreenshotOnFailureAsync(page, "survey-writer-sections", output, async () =>
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Content", Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Survey", Exact = true })).ToHaveCountAsync(0);
        });
    }
}

/// <summary>The Survey section as the browser tests drive it.</summary>
public static class SurveyBackoffice
{
    public static void LogProblems(IPage page, ITestOutputHelper output)
    {
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                output.WriteLine($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => output.WriteLine("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && (response.Url.Contains("/survey/", StringComparison.Ordinal) || response.Url.Contains("MahseSurvey", StringComparison.Ordinal)))
            {
                output.WriteLine($"HTTP {response.Status} {response.Request.Method} {response.Url}");
            }
        };
    }

    /// <summary>Opens the Survey section from the section tabs (only users whose groups have Mahse.Section.Survey see it).</summary>
    public static async Task OpenSectionAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Survey", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/umbraco/section/mahse-survey"));
    }
}
