using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Survey;

/// <summary>
/// The MAHSE site (its uSync content gives the member type) with an empty survey (no first-boot demo responses, so
/// counts and rankings are the tests' own), a member who signs in to the Delivery API with client credentials, and
/// API users for Administrators, Editors and Writers. Shared by the survey's HTTP test classes (one collection).
/// </summary>
public sealed class SurveySite : UmbracoSite
{
    public const string MemberEmail = "survey.member@mahse.test";
    public const string MemberPassword = "Survey-Member-2026!";
    private const string MemberClient = "umbraco-member-survey-tests";
    private const string MemberSecret = "survey-tests-secret-0123456789";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mahse:Survey:SeedOnFirstBoot"] = "0",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientId"] = MemberClient,
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientSecret"] = MemberSecret,
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:UserName"] = MemberEmail,
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Members.CreateAsync(this, MemberEmail, MemberPassword, "Registered members");
    }

    public Task<HttpClient> MemberAsync() => Members.DeliveryClientAsync(this, MemberClient, MemberSecret);

    /// <summary>Posts a file (and a mapping) to the staff import as the given group's API user.</summary>
    public async Task<HttpResponseMessage> PostImportAsync(byte[] file, string fileName, string? mapping = null, string group = "Administrators")
    {
        using var client = await ManagementClientAsync(group);
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx", StringComparison.Ordinal)
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        form.Add(content, "file", fileName);
        if (mapping is not null)
        {
            form.Add(new StringContent(mapping), "mapping");
        }

        return await client.PostAsync(SurveyApi.Staff + "/import", form);
    }

    /// <summary>Imports and expects a report (200).</summary>
    public async Task<JsonElement> ImportAsync(string csv, string? mapping = null, string fileName = "survey.csv")
    {
        using var response = await PostImportAsync(Encoding.UTF8.GetBytes(csv), fileName, mapping);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"import: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>GET as JSON with the client given, asserting the status.</summary>
    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A problem details body's title, detail and error messages as plain text (JSON escapes such as \u0027 undone).</summary>
    public static async Task<string> ProblemTextAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            var texts = new List<string>();
            void Walk(JsonElement e)
            {
                switch (e.ValueKind)
                {
                    case JsonValueKind.String:
                        texts.Add(e.GetString()!);
                        break;
                    case JsonValueKind.Object:
                        foreach (var p in e.EnumerateObject())
                        {
                            Walk(p.Value);
                        }

                        break;
                    case JsonValueKind.Array:
                        foreach (var i in e.EnumerateArray())
                        {
                            Walk(i);
                        }

                        break;
                }
            }

            Walk(JsonDocument.Parse(body).RootElement);
            return string.Join(" | ", texts);
        }
        catch (JsonException)
        {
            return body;
        }
    }

    /// <summary>The staff view of one respondent, or null.</summary>
    public async Task<JsonElement?> ResponseAsync(string respondentId, string organisation)
    {
        using var admin = await ManagementClientAsync();
        var page = await GetJsonAsync(admin, $"{SurveyApi.Staff}/responses?organisation={Uri.EscapeDataString(organisation)}&take=500");
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("respondentId").GetString() == respondentId)
            {
                return item;
            }
        }

        return null;
    }
}

public static class SurveyApi
{
    public const string Public = "/mahse/api/v1/survey";
    public const string Staff = "/umbraco/management/api/v1/survey";

    /// <summary>A CSV of the import's own headings (the export's), one line a response.</summary>
    public static string Csv(params string[] lines) =>
        "respondentId,organisation,site,subRegion,division,specialism,careerStage,audit,serviceImprovement,research,innovation,publication,grantHolding,barriers,championWilling,comments,contactConsent,contactName,contactEmail\n"
        + string.Join("\n", lines) + "\n";

    /// <summary>A response line for <see cref="Csv"/>.</summary>
    public static string Line(
        string id, string organisation, string? site = "Main hospital", string division = "Life sciences", string specialism = "Virology",
        int audit = 0, int improvement = 0, int research = 0, int innovation = 0, int publication = 0, int grants = 0,
        bool champion = false, bool consent = false, string? name = null, string? email = null, string? comments = null, string barriers = "time") =>
        string.Join(',', id, Quote(organisation), Quote(site ?? ""), "Greater Manchester", Quote(division), Quote(specialism), "Clinical scientist",
            audit, improvement, research, innovation, publication, grants, Quote(barriers), champion ? "yes" : "no", Quote(comments ?? ""),
            consent ? "yes" : "no", Quote(name ?? ""), Quote(email ?? ""));

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}

[CollectionDefinition(Name)]
public sealed class SurveySiteCollection : ICollectionFixture<SurveySite>
{
    public const string Name = "Survey site";
}
