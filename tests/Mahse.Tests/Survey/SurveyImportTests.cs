using System.Net;
using System.Text;
using System.Text.Json;

namespace Mahse.Tests.Survey;

/// <summary>
/// The staff import on the real site: a real export through a mapping with a report, re-import changes nothing,
/// bad files refused as problem details with nothing written, and only Administrators may import.
/// </summary>
[Collection(SurveySiteCollection.Name)]
public sealed class SurveyImportTests(SurveySite site)
{
    private const string Mapping = """
        {"columns": {"respondentId": "Response ID", "organisation": "Trust", "subRegion": "ICS", "division": "HCS division",
          "specialism": "Specialism", "careerStage": "Role", "research": "Research projects (12 months)", "audit": "Audits",
          "championWilling": "Champion?", "comments": "Anything else?", "contactConsent": "May we contact you?", "contactName": "Name",
          "contactEmail": "Email", "barriers": "Barriers"}, "listSeparator": ";"}
        """;

    private static int[] RejectedRows(JsonElement report) => report.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()).ToArray();

    [Fact]
    public async Task A_real_export_loads_through_a_mapping_with_bad_rows_reported_and_re_importing_it_changes_nothing()
    {
        const string csv = """
            Response ID,Trust,ICS,HCS division,Specialism,Role,Research projects (12 months),Audits,Champion?,Anything else?,May we contact you?,Name,Email,Barriers
            IMP-R1,Import Test Trust A,Greater Manchester,Life Sciences,clinical biochemistry,Clinical scientist,2,5,Yes,"Protected time, please",yes,Ruth Import,r1@nhs.test,Time;Funding
            IMP-R2,Import Test Trust A,Greater Manchester,Astrology,Stars,Clinical scientist,0,0,No,,no,,,
            IMP-R3,Import Test Trust A,Narnia,Physiological sciences,Audiology,Clinical scientist,0,1,No,,no,,,
            IMP-R4,Import Test Trust A,Greater Manchester,Physiological sciences,Audiology,Clinical scientist,lots,1,No,,no,,,
            IMP-R5,Import Test Trust A,Greater Manchester,Physiological sciences,Audiology,Clinical scientist,1,1,No,"=HYPERLINK(""https://evil.example"",""x"")",no,Secret Person,secret@nhs.test,
            IMP-R5,Import Test Trust A,Greater Manchester,Physiological sciences,Audiology,Clinical scientist,9,9,No,,no,,,
            IMP-R6,Import Test Trust A,greater manchester,Physical Sciences & Biomedical Engineering,Radiotherapy physics,Consultant clinical scientist,4,2,yes,,no,,,skills
            """;

        var report = await site.ImportAsync(csv, Mapping);

        Assert.Equal(7, report.GetProperty("rowsRead").GetInt32());
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        Assert.Equal([3, 4, 5, 7], RejectedRows(report));
        var reasons = report.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("reason").GetString()!).ToList();
        Assert.Contains("Unknown division 'Astrology'", reasons[0]);
        Assert.Contains("Life sciences, Physiological sciences", reasons[0]); // the known values, to fix the file by
        Assert.Contains("Unknown sub-region 'Narnia'", reasons[1]);
        Assert.Contains("'lots' is not a count for research", reasons[2]);
        Assert.Contains("Duplicate respondent 'IMP-R5'", reasons[3]);

        var r1 = (await site.ResponseAsync("IMP-R1", "Import Test Trust A"))!.Value;
        Assert.Equal("Life sciences", r1.GetProperty("division").GetString());
        Assert.Equal("Clinical biochemistry", r1.GetProperty("specialism").GetString());
        Assert.Equal(2, r1.GetProperty("activities").GetProperty("research").GetInt32());
        Assert.Equal(["time", "funding"], r1.GetProperty("barriers").EnumerateArray().Select(b => b.GetString()!).ToArray());
        Assert.Equal("r1@nhs.test", r1.GetProperty("contactEmail").GetString());
        var r5 = (await site.ResponseAsync("IMP-R5", "Import Test Trust A"))!.Value;
        Assert.Equal("=HYPERLINK(\"https://evil.example\",\"x\")", r5.GetProperty("comments").GetString()); // kept as text; neutralised on export
        Assert.Equal(JsonValueKind.Null, r5.GetProperty("contactEmail").ValueKind); // no consent: not kept
        Assert.Equal(JsonValueKind.Null, r5.GetProperty("contactName").ValueKind);
        Assert.Equal("Physical sciences and biomedical engineering", (await site.ResponseAsync("IMP-R6", "Import Test Trust A"))!.Value.GetProperty("division").GetString());

        var again = await site.ImportAsync(csv, Mapping);
        Assert.Equal((0, 0, 3), (again.GetProperty("imported").GetInt32(), again.GetProperty("updated").GetInt32(), again.GetProperty("unchanged").GetInt32()));

        // One value changed: that row is updated, the others stay.
        var changed = await site.ImportAsync(csv.Replace("Clinical scientist,2,5,Yes", "Clinical scientist,3,5,Yes"), Mapping);
        Assert.Equal((0, 1, 2), (changed.GetProperty("imported").GetInt32(), changed.GetProperty("updated").GetInt32(), changed.GetProperty("unchanged").GetInt32()));
        Assert.Equal(3, (await site.ResponseAsync("IMP-R1", "Import Test Trust A"))!.Value.GetProperty("activities").GetProperty("research").GetInt32());
    }

    [Fact]
    public async Task An_export_imports_again_unchanged_as_csv_and_as_xlsx()
    {
        await site.ImportAsync(SurveyApi.Csv(
            SurveyApi.Line("RT-1", "Round Trip Trust", research: 2, comments: "=1+1 is not a formula here", consent: true, name: "Ada", email: "ada@nhs.test", champion: true),
            SurveyApi.Line("RT-2", "Round Trip Trust", site: null, publication: 3, barriers: "time;access to data")));
        using var admin = await site.ManagementClientAsync();

        foreach (var format in new[] { "csv", "xlsx" })
        {
            using var response = await admin.GetAsync($"{SurveyApi.Staff}/export?format={format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var file = await response.Content.ReadAsByteArrayAsync();
            if (format == "csv")
            {
                var text = Encoding.UTF8.GetString(file);
                Assert.Contains("'=1+1 is not a formula here", text); // neutralised for spreadsheets
                Assert.StartsWith("respondentId,organisation,organisationKind,site", text.TrimStart('\uFEFF'));
            }

            using var again = await site.PostImportAsync(file, "export." + format);
            var body = await again.Content.ReadAsStringAsync();
            Assert.True(again.StatusCode == HttpStatusCode.OK, body);
            var report = JsonDocument.Parse(body).RootElement;
            Assert.Equal(0, report.GetProperty("imported").GetInt32());
            Assert.Equal(0, report.GetProperty("updated").GetInt32());
            Assert.Empty(report.GetProperty("rejected").EnumerateArray());
            Assert.Equal(report.GetProperty("rowsRead").GetInt32(), report.GetProperty("unchanged").GetInt32());
        }

        Assert.Equal("=1+1 is not a formula here", (await site.ResponseAsync("RT-1", "Round Trip Trust"))!.Value.GetProperty("comments").GetString());
    }

    [Fact]
    public async Task Bad_files_are_refused_as_problem_details_and_nothing_of_them_is_written()
    {
        using var admin = await site.ManagementClientAsync();
        var before = (await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/responses?take=0")).GetProperty("total").GetInt64();

        // Headings that do not fit: refused before any row (422), naming the missing columns and the headings found.
        using (var wrong = await site.PostImportAsync(Encoding.UTF8.GetBytes("Name,Colour\nAda,Blue\n"), "wrong.csv"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
            var problem = await SurveySite.ProblemTextAsync(wrong);
            Assert.Contains("no column for organisation ('organisation')", problem);
            Assert.Contains("Headings found: Name, Colour", problem);
        }

        // A workbook that is not one, a type we do not read, no file at all, a mapping that is not JSON: 400.
        using (var broken = await site.PostImportAsync(Encoding.UTF8.GetBytes("PK\u0003\u0004 not really a zip"), "broken.xlsx"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            Assert.Contains("could not be read as XLSX", await SurveySite.ProblemTextAsync(broken));
        }

        using (var json = await site.PostImportAsync([1, 2, 3], "survey.json"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        }

        using (var mapping = await site.PostImportAsync(Encoding.UTF8.GetBytes(SurveyApi.Csv(SurveyApi.Line("BAD-M", "Bad Mapping Trust"))), "survey.csv", "{not json"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, mapping.StatusCode);
            Assert.Contains("The mapping is not valid", await SurveySite.ProblemTextAsync(mapping));
        }

        using (var none = await admin.PostAsync($"{SurveyApi.Staff}/import", new MultipartFormDataContent { { new StringContent("x"), "other" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        }

        // A CSV that breaks at row 1,302 (an unterminated quote swallows the rest, longer than any field may be): the
        // first 1,000 rows were already written as a batch, yet none is kept, because the whole import is one transaction.
        var good = Enumerable.Range(1, 1300).Select(i => SurveyApi.Line($"HALF-{i}", "Half Written Trust", research: 1)).ToArray();
        var swallowed = string.Concat(Enumerable.Repeat("more text after a stray quote\n", 5000));
        var brokenCsv = SurveyApi.Csv(good) + "HALF-X,\"Half Written Trust,unterminated\n" + swallowed;
        using (var half = await site.PostImportAsync(Encoding.UTF8.GetBytes(brokenCsv), "half.csv"))
        {
            var body = await SurveySite.ProblemTextAsync(half);
            Assert.True(half.StatusCode == HttpStatusCode.BadRequest, body);
            Assert.True(body.Contains("could not be read at row 1302", StringComparison.Ordinal) && body.Contains("Nothing was imported", StringComparison.Ordinal), body);
        }

        Assert.Equal(0, (await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/responses?organisation=Half%20Written%20Trust&take=0")).GetProperty("total").GetInt64());
        Assert.Equal(0, (await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/responses?organisation=Bad%20Mapping%20Trust&take=0")).GetProperty("total").GetInt64());
        Assert.Equal(before, (await SurveySite.GetJsonAsync(admin, $"{SurveyApi.Staff}/responses?take=0")).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("Writers")]
    [InlineData("Editors")]
    public async Task Only_administrators_may_import(string group)
    {
        using var response = await site.PostImportAsync(Encoding.UTF8.GetBytes(SurveyApi.Csv(SurveyApi.Line("NOPE-1", "Not Allowed Trust"))), "survey.csv", group: group);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await site.ResponseAsync("NOPE-1", "Not Allowed Trust"));
    }
}
