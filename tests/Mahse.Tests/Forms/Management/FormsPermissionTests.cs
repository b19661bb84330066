using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mahse.Forms.Model;

namespace Mahse.Tests.Forms.Management;

/// <summary>
/// Who may call what: the Forms section (Administrators, Editors, Reviewers by the package migration; not Writers)
/// for forms, folders and the catalogue; an entry reader group (admin, reviewers) as well for entries.
/// </summary>
[Collection(FormsManagementCollection.Name)]
public sealed class FormsPermissionTests(FormsManagementSite site)
{
    private const string Api = FormsManagementSite.Api;

    private static Guid _formId;
    private static Guid _entryId;

    /// <summary>(method, path, body, entries?, expected success) — {form} and {entry} are filled in per run.</summary>
    public static TheoryData<string, string, string?, bool, HttpStatusCode> Endpoints => new()
    {
        { "GET", "tree/root", null, false, HttpStatusCode.OK },
        { "GET", "tree/ancestors?descendantId={form}", null, false, HttpStatusCode.OK },
        { "GET", "form", null, false, HttpStatusCode.OK },
        { "GET", "form/{form}", null, false, HttpStatusCode.OK },
        { "POST", "folder", """{"name":"Permitted"}""", false, HttpStatusCode.Created },
        { "POST", "form/{form}/copy", null, false, HttpStatusCode.Created },
        { "GET", "field-types", null, false, HttpStatusCode.OK },
        { "GET", "workflow-types", null, false, HttpStatusCode.OK },
        { "GET", "prevalue-sources", null, false, HttpStatusCode.OK },
        { "GET", "form/{form}/entry", null, true, HttpStatusCode.OK },
        { "GET", "entry/{entry}", null, true, HttpStatusCode.OK },
        { "GET", "form/{form}/entry/export?format=csv", null, true, HttpStatusCode.OK },
        { "GET", "entry/{entry}/print", null, true, HttpStatusCode.OK },
        { "GET", "entry/{entry}/file?field=cv&name=none.pdf", null, true, HttpStatusCode.NotFound },
        { "POST", "entry/{entry}/reject", null, true, HttpStatusCode.OK },
        { "DELETE", "entry/{new}", null, true, HttpStatusCode.NoContent },
    };

    public static TheoryData<string, string, string?, bool, HttpStatusCode, string> Matrix()
    {
        var data = new TheoryData<string, string, string?, bool, HttpStatusCode, string>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var group in FormsManagementSite.AllGroups)
            {
                data.Add((string)endpoint[0], (string)endpoint[1], (string?)endpoint[2], (bool)endpoint[3], (HttpStatusCode)endpoint[4], group);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_group_gets_what_its_sections_and_groups_allow(string method, string path, string? body, bool entries, HttpStatusCode success, string group)
    {
        var allowed = group switch
        {
            "Administrators" or "Reviewers" => true,
            "Editors" => !entries,
            _ => false,
        };
        var client = await site.ClientAsync(group);

        using var response = await client.SendAsync(await RequestAsync(method, path, body));

        Assert.True((allowed ? success : HttpStatusCode.Forbidden) == response.StatusCode,
            $"{group} {method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("tree/root")]
    [InlineData("form/{form}/entry")]
    public async Task Without_a_valid_token_the_answer_is_401(string path)
    {
        using var anonymous = site.Anonymous();
        using var wrongToken = site.Anonymous();
        wrongToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        using var first = await anonymous.SendAsync(await RequestAsync("GET", path, null));
        using var second = await wrongToken.SendAsync(await RequestAsync("GET", path, null));

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
    }

    [Fact]
    public async Task The_package_migration_gave_the_section_to_administrators_editors_and_the_new_reviewers()
    {
        var admin = await site.ClientAsync();

        var groups = await admin.GetFromJsonAsync<JsonElement>("/umbraco/management/api/v1/user-group?take=100");

        var sections = groups.GetProperty("items").EnumerateArray().ToDictionary(
            g => g.GetProperty("alias").GetString()!,
            g => g.GetProperty("sections").EnumerateArray().Select(s => s.GetString()).ToList());
        Assert.Contains("Mahse.Section.Forms", sections["admin"]);
        Assert.Contains("Mahse.Section.Forms", sections["editor"]);
        Assert.DoesNotContain("Mahse.Section.Forms", sections["writer"]);
        // The survey's package migration adds its section to Administrators and Reviewers (programme leads), not to Writers or Editors.
        Assert.Equal(["Mahse.Section.Forms", "Mahse.Section.Survey", "Umb.Section.Content"], sections["reviewers"].Order(StringComparer.Ordinal));
        Assert.Contains("Mahse.Section.Survey", sections["admin"]);
        Assert.DoesNotContain("Mahse.Section.Survey", sections["editor"]);
        Assert.DoesNotContain("Mahse.Section.Survey", sections["writer"]);
        var reviewers = groups.GetProperty("items").EnumerateArray().Single(g => g.GetProperty("alias").GetString() == "reviewers");
        Assert.Equal("Reviewers", reviewers.GetProperty("name").GetString());
    }

    private async Task<HttpRequestMessage> RequestAsync(string method, string path, string? body)
    {
        if (_formId == Guid.Empty)
        {
            var form = ManagementForms.Application("Permissions " + Guid.NewGuid().ToString("N")[..6]);
            _formId = await site.CreateFormAsync(form);
            _entryId = await SiteEntries.AddAsync(site, form, new Dictionary<string, string[]> { ["name"] = ["Pat"] });
        }

        if (path.Contains("{new}"))
        {
            var form = FormJson.Parse((await (await site.ClientAsync()).GetFromJsonAsync<JsonElement>($"{Api}form/{_formId}")).GetProperty("form").GetRawText());
            path = path.Replace("{new}", (await SiteEntries.AddAsync(site, form, new Dictionary<string, string[]> { ["name"] = ["Sam"] })).ToString());
        }

        // Reject flips back and forth (a second reject would be a 409), so each caller rejects an entry of its own.
        if (path.EndsWith("/reject", StringComparison.Ordinal))
        {
            var form = FormJson.Parse((await (await site.ClientAsync()).GetFromJsonAsync<JsonElement>($"{Api}form/{_formId}")).GetProperty("form").GetRawText());
            path = path.Replace("{entry}", (await SiteEntries.AddAsync(site, form, new Dictionary<string, string[]> { ["name"] = ["Kim"] })).ToString());
        }

        return new HttpRequestMessage(new HttpMethod(method), Api + path.Replace("{form}", _formId.ToString()).Replace("{entry}", _entryId.ToString()))
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
    }
}
