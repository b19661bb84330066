using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mahse.Cms.Persistence;
using Mahse.Cms.Search;
using Mahse.Cms.Survey;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Survey;

/// <summary>The MAHSE site with 400 generated survey responses and a member who can get a token by client credentials.</summary>
public sealed class SurveyViewsHost : SqlitePortalHost
{
    protected override string UsyncSource => Path.Combine(Fixtures.RepositoryRoot, "uSync", "v17");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ImportOnFirstBoot"] = "true",
        ["Mahse:Survey:SeedOnFirstBoot"] = "400",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientId"] = "survey-tests",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientSecret"] = "survey-tests-secret-0123",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:UserName"] = "lead@nhs.test",
    };

    public async Task<HttpClient> MemberAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MemberRow>>();
            if (await users.FindByEmailAsync("lead@nhs.test") is null)
            {
                await using var db = Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
                var type = await db.ContentTypes.SingleAsync(t => t.Alias == "Member");
                var member = new MemberRow { Key = Guid.NewGuid(), Email = "lead@nhs.test", Name = "Programme Lead", MemberTypeId = type.Id, EmailConfirmed = true, IsApproved = true, SecurityStamp = Guid.NewGuid().ToString("N") };
                var created = await users.CreateAsync(member, "a programme chair passphrase");
                Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
            }
        }

        var response = await Anonymous().PostAsync("/umbraco/delivery/api/v1/security/member/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "umbraco-member-survey-tests", ["client_secret"] = "survey-tests-secret-0123",
        }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        return client;
    }

    public async Task IndexedAsync()
    {
        await Services.GetRequiredService<IndexingQueue>().WhenIdleAsync();
        Services.GetRequiredService<IndexManager>().Survey.WaitForChanges();
    }
}

/// <summary>The three views of the survey, from the outside: public aggregates, members' champions, staff's full rows.</summary>
public sealed class SurveyViewsTests(SurveyViewsHost host) : IClassFixture<SurveyViewsHost>
{
    [Fact]
    public async Task The_public_sees_aggregates_without_small_groups_or_any_person()
    {
        await host.IndexedAsync();

        var raw = await host.Anonymous().GetStringAsync("/mahse/api/v1/survey/search?division=Life%20sciences");
        var result = JsonDocument.Parse(raw).RootElement;
        Assert.True(result.GetProperty("total").GetInt64() > 50);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("items").ValueKind);
        Assert.DoesNotContain("@synthetic.example", raw);
        var organisations = result.GetProperty("facets").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "organisation").GetProperty("values");
        Assert.All(organisations.EnumerateArray(), v => Assert.True(v.GetProperty("count").GetInt64() >= SurveyQueries.SmallGroup));

        // A filter that narrows to a handful of people answers nothing at all.
        var tiny = await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/survey/search?division=Clinical%20bioinformatics&organisation=Bolton%20NHS%20Foundation%20Trust");
        Assert.True(tiny.GetProperty("suppressed").GetBoolean());
        Assert.Equal(0, tiny.GetProperty("total").GetInt64());
        Assert.Empty(tiny.GetProperty("facets").EnumerateArray());

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync("/mahse/api/v1/survey/champions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync("/umbraco/management/api/v1/survey/search")).StatusCode);
    }

    [Fact]
    public async Task Members_see_the_champions_who_consented_and_nobody_else()
    {
        await host.IndexedAsync();
        var member = await host.MemberAsync();

        var champions = await member.GetFromJsonAsync<JsonElement>("/mahse/api/v1/survey/champions?take=100");
        Assert.NotEmpty(champions.EnumerateArray());
        await using var db = host.Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
        var consenting = await db.SurveyResponses.Where(r => r.ChampionWilling && r.ContactConsent).Select(r => r.ContactEmail).ToListAsync();
        var withoutConsent = await db.SurveyResponses.CountAsync(r => r.ChampionWilling && !r.ContactConsent);
        Assert.True(withoutConsent > 0);
        Assert.All(champions.EnumerateArray(), c => Assert.Contains(c.GetProperty("email").GetString(), consenting));
        Assert.Equal(Math.Min(100, consenting.Count), champions.GetArrayLength());

        var filtered = await member.GetFromJsonAsync<JsonElement>("/mahse/api/v1/survey/champions?division=Physiological%20sciences&region=Greater%20Manchester");
        Assert.All(filtered.EnumerateArray(), c => Assert.Equal(("Physiological sciences", "Greater Manchester"), (c.GetProperty("division").GetString(), c.GetProperty("subRegion").GetString())));

        var search = await member.GetFromJsonAsync<JsonElement>("/mahse/api/v1/survey/search");
        Assert.Equal(JsonValueKind.Null, search.GetProperty("items").ValueKind); // still aggregates only
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/umbraco/management/api/v1/survey/search")).StatusCode);
    }

    [Fact]
    public async Task Staff_in_an_allowed_group_see_every_response_with_highlights_and_others_do_not()
    {
        await host.IndexedAsync();
        var reviewer = await host.ClientAsync("Reviewers");

        var result = await reviewer.GetFromJsonAsync<JsonElement>("/umbraco/management/api/v1/survey/search?q=publishing&take=5");
        var items = result.GetProperty("items");
        Assert.NotEmpty(items.EnumerateArray());
        Assert.All(items.EnumerateArray(), i => Assert.Contains("publish", i.GetProperty("comments").GetString()!, StringComparison.OrdinalIgnoreCase)); // stemmed: publishing → publish
        Assert.Contains("<", items[0].GetProperty("highlights")[0].GetString()!);

        var ranged = await reviewer.GetFromJsonAsync<JsonElement>("/umbraco/management/api/v1/survey/search?rangeField=research&min=3&take=100&champion=true");
        Assert.All(ranged.GetProperty("items").EnumerateArray(), i =>
        {
            Assert.True(i.GetProperty("activities").GetProperty("research").GetInt32() >= 3);
            Assert.True(i.GetProperty("championWilling").GetBoolean());
        });
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync("/umbraco/management/api/v1/survey/search?rangeField=salary&min=1")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.ClientAsync("Writers")).GetAsync("/umbraco/management/api/v1/survey/search")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.ClientAsync("Editors")).GetAsync("/umbraco/management/api/v1/survey/export")).StatusCode);
    }

    [Fact]
    public async Task Organisation_profiles_are_aggregates_that_leave_out_small_groups_outside_the_backoffice()
    {
        var publicProfiles = await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/survey/organisations");
        var staffProfiles = await (await host.ClientAsync("Reviewers")).GetFromJsonAsync<JsonElement>("/umbraco/management/api/v1/survey/organisations");

        Assert.All(publicProfiles.EnumerateArray(), p =>
        {
            Assert.True(p.GetProperty("responses").GetInt32() >= SurveyQueries.SmallGroup);
            Assert.All(p.GetProperty("divisions").EnumerateObject(), d => Assert.True(d.Value.GetInt32() >= SurveyQueries.SmallGroup));
            Assert.All(p.GetProperty("barriers").EnumerateObject(), b => Assert.True(b.Value.GetInt32() >= SurveyQueries.SmallGroup));
        });
        Assert.True(staffProfiles.GetArrayLength() > publicProfiles.GetArrayLength()); // staff also see the small ones
        var manchester = publicProfiles.EnumerateArray().Single(p => p.GetProperty("organisation").GetString() == "Manchester University NHS Foundation Trust");
        Assert.Equal("Greater Manchester", manchester.GetProperty("subRegion").GetString());
        Assert.True(manchester.GetProperty("activityTotals").GetProperty("research").GetInt32() > 0);
    }

    [Fact]
    public async Task Centres_of_excellence_are_ranked_with_their_evidence()
    {
        var centres = await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/survey/centres?take=5");
        var list = centres.EnumerateArray().ToList();
        Assert.Equal(5, list.Count);
        Assert.Equal([1, 2, 3, 4, 5], list.Select(c => c.GetProperty("rank").GetInt32()).ToArray());
        Assert.True(list.Zip(list.Skip(1)).All(p => p.First.GetProperty("score").GetDouble() >= p.Second.GetProperty("score").GetDouble()));
        var top = list[0].GetProperty("evidence");
        Assert.True(top.GetProperty("responses").GetInt32() >= SurveyQueries.SmallGroup);
        var method = await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/survey/centres/method");
        Assert.Equal(3, method.GetProperty("weights").GetProperty("research").GetDouble()); // the documented default
        var weights = method.GetProperty("weights").EnumerateObject().ToDictionary(w => w.Name, w => w.Value.GetDouble());
        var expected = top.GetProperty("activityTotals").EnumerateObject().Sum(t => t.Value.GetInt32() * weights[t.Name]) / top.GetProperty("responses").GetInt32()
                       * top.GetProperty("confidence").GetDouble();
        Assert.Equal(Math.Round(expected, 3), list[0].GetProperty("score").GetDouble(), 3);
    }

    [Fact]
    public async Task Departments_are_ranked_within_their_organisations_and_an_unknown_level_is_refused()
    {
        var departments = (await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/survey/centres?level=department&take=20")).EnumerateArray().ToList();
        Assert.NotEmpty(departments);
        Assert.All(departments, d =>
        {
            Assert.False(string.IsNullOrEmpty(d.GetProperty("department").GetString()));
            Assert.True(d.GetProperty("evidence").GetProperty("responses").GetInt32() >= SurveyQueries.SmallGroup);
            Assert.True(d.GetProperty("evidence").GetProperty("champions").GetInt32() is 0 or >= SurveyQueries.SmallGroup);
        });
        Assert.Equal(departments.Count, departments.Select(d => (d.GetProperty("organisation").GetString(), d.GetProperty("department").GetString())).Distinct().Count());

        // A department never has more responses than its organisation, and organisations carry no department.
        var organisations = (await host.Anonymous().GetFromJsonAsync<JsonElement>("/mahse/api/v1/survey/centres?take=100")).EnumerateArray()
            .ToDictionary(o => o.GetProperty("organisation").GetString()!, o => o);
        Assert.All(organisations.Values, o => Assert.Equal(JsonValueKind.Null, o.GetProperty("department").ValueKind));
        Assert.All(departments, d => Assert.True(d.GetProperty("evidence").GetProperty("responses").GetInt32()
                                                 <= organisations[d.GetProperty("organisation").GetString()!].GetProperty("evidence").GetProperty("responses").GetInt32()));

        await ManagementApi.ProblemAsync(await host.Anonymous().GetAsync("/mahse/api/v1/survey/centres?level=ward"), HttpStatusCode.BadRequest, "level");

        // Staff get the same ranking with every champion count; others may not ask for it.
        var staff = (await (await host.ClientAsync("Reviewers")).GetFromJsonAsync<JsonElement>("/umbraco/management/api/v1/survey/centres?level=department&take=20")).EnumerateArray().ToList();
        Assert.Equal(departments.Select(d => d.GetProperty("department").GetString()), staff.Select(d => d.GetProperty("department").GetString()));
        Assert.Contains(staff, d => d.GetProperty("evidence").GetProperty("champions").GetInt32() is > 0 and < SurveyQueries.SmallGroup);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.ClientAsync("Editors")).GetAsync("/umbraco/management/api/v1/survey/centres")).StatusCode);
    }

    [Fact]
    public async Task An_xlsx_export_imports_again_without_changes_and_an_unknown_format_is_refused()
    {
        var admin = await host.ClientAsync();
        await ManagementApi.ProblemAsync(await admin.GetAsync("/umbraco/management/api/v1/survey/export?format=pdf"), HttpStatusCode.BadRequest, "format");

        var response = await admin.GetAsync("/umbraco/management/api/v1/survey/export?format=xlsx");
        await ManagementApi.EnsureAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.True(rows.Count >= 400);
        Assert.IsType<double>(rows[0]["research"]); // counts are numbers, not text
        Assert.Equal(SurveyColumnMapping.Fields, rows[0].Keys);
        // Cells neutralised on the way out come back with their quote, so only those rows can change.
        var neutralised = rows.Count(r => r.Values.OfType<string>().Any(v => v.StartsWith('\'')));

        using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "survey-responses.xlsx" } };
        var imported = await admin.PostAsync("/umbraco/management/api/v1/survey/import", content);
        await ManagementApi.EnsureAsync(imported, HttpStatusCode.OK);
        var report = await imported.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(rows.Count, report.GetProperty("rowsRead").GetInt32());
        Assert.Equal(0, report.GetProperty("imported").GetInt32());
        Assert.Equal(0, report.GetProperty("rejected").GetArrayLength());
        Assert.Equal(neutralised, report.GetProperty("updated").GetInt32());
    }

    [Fact]
    public async Task Staff_import_a_file_and_export_with_formulas_neutralised()
    {
        var admin = await host.ClientAsync();
        var csv = "respondentId,organisation,subRegion,division,specialism,careerStage,comments\nX1,Bolton NHS Foundation Trust,Greater Manchester,Life sciences,Virology,Clinical scientist,\"=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"\nX2,Bolton NHS Foundation Trust,Atlantis,Life sciences,Virology,Clinical scientist,\n";
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "survey.csv" } };
        var response = await admin.PostAsync("/umbraco/management/api/v1/survey/import", content);
        await ManagementApi.EnsureAsync(response, HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        Assert.Equal(3, report.GetProperty("rejected")[0].GetProperty("row").GetInt32());

        using var wrong = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("a,b\n1,2\n")), "file", "wrong.csv" } };
        await ManagementApi.ProblemAsync(await admin.PostAsync("/umbraco/management/api/v1/survey/import", wrong), HttpStatusCode.BadRequest, "file");

        var export = await admin.GetStringAsync("/umbraco/management/api/v1/survey/export");
        Assert.Contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\"", export);
        Assert.DoesNotContain(",=HYPERLINK", export);
    }
}

/// <summary>Both survey APIs are described in OpenAPI documents.</summary>
public sealed class SurveyOpenApiTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task The_public_and_management_documents_list_the_survey_endpoints()
    {
        var portal = await host.Anonymous().GetFromJsonAsync<JsonElement>("/umbraco/openapi/mahse.json");
        var management = await host.Anonymous().GetFromJsonAsync<JsonElement>("/umbraco/openapi/management.json");

        var portalPaths = portal.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/mahse/api/v1/survey/search", portalPaths);
        Assert.Contains("/mahse/api/v1/survey/centres", portalPaths);
        Assert.Contains("/mahse/api/v1/survey/champions", portalPaths);
        Assert.Contains("/mahse/api/v1/members/register", portalPaths);
        var managementPaths = management.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/umbraco/management/api/v1/survey/search", managementPaths);
        Assert.Contains("/umbraco/management/api/v1/survey/import", managementPaths);
    }
}
