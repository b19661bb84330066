using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Forms;
using Mahse.Cms.Forms.Workflows;
using Mahse.Cms.Tests.Infrastructure;
using Mahse.Cms.Tests.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Forms;

/// <summary>The MAHSE site with its forms from uSync, the Forms API on, members and a real SMTP server.</summary>
public sealed class MahseFormsHost : SqlitePortalHost
{
    public SmtpInbox Inbox { get; } = new();

    protected override string UsyncSource => Path.Combine(Fixtures.RepositoryRoot, "uSync", "v17");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ImportOnFirstBoot"] = "true",
        ["Umbraco:CMS:DeliveryApi:Enabled"] = "true",
        ["Umbraco:Forms:Options:EnableFormsApi"] = "true",
        ["Umbraco:Forms:Security:FormsApiKey"] = FormsHost.ApiKey,
        ["Umbraco:Forms:Security:EnableAntiForgeryTokenForFormsApi"] = "false",
        ["Umbraco:CMS:Global:Smtp:Host"] = "127.0.0.1",
        ["Umbraco:CMS:Global:Smtp:Port"] = Inbox.Port.ToString(),
        ["Umbraco:CMS:Global:Smtp:SecureSocketOptions"] = "None",
        ["Umbraco:CMS:WebRouting:UmbracoApplicationUrl"] = "https://portal.mahse.test/",
    };

    public HttpClient Forms()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Api-Key", FormsHost.ApiKey);
        return client;
    }
}

/// <summary>The MAHSE forms: registration through the form ends in the member service; the fellowship application is multi-page with uploads.</summary>
public sealed class MahseFormsTests(MahseFormsHost host) : IClassFixture<MahseFormsHost>
{
    private static readonly Guid Registration = Guid.Parse("9eb977b4-6bb3-592b-9712-6c4eeddcbccb");
    private static readonly Guid Fellowship = Guid.Parse("c5cd4af5-351c-5509-8ed3-e886584cf1e2");

    private Task RunWorkflowsAsync() => host.Services.GetRequiredService<WorkflowWorker>().RunDueAsync(CancellationToken.None);

    [Fact]
    public async Task The_four_mahse_forms_are_imported_with_the_site()
    {
        var forms = await host.Services.GetRequiredService<FormStore>().AllAsync(CancellationToken.None);
        Assert.Subset(forms.Select(f => f.Name).ToHashSet(), new HashSet<string> { "Contact", "Fellowship application", "Member registration", "Stakeholder resource suggestion" });
        var fellowship = forms.Single(f => f.Id == Fellowship);
        Assert.Equal(4, fellowship.Pages.Count);
        Assert.True(fellowship.ManualApproval);

        // Career stage, division and region come from the member type's data types, through prevalue sources.
        var definition = await host.Forms().GetFromJsonAsync<JsonElement>($"/umbraco/forms/delivery/api/v1/definitions/{Fellowship}");
        var careerStage = definition.GetProperty("pages")[0].GetProperty("fieldsets")[0].GetProperty("columns")[0].GetProperty("fields").EnumerateArray()
            .Single(f => f.GetProperty("alias").GetString() == "careerStage");
        Assert.Equal(["Healthcare science assistant", "Healthcare science associate", "Healthcare science practitioner", "Early-career healthcare scientist", "Clinical scientist", "Consultant clinical scientist"],
            careerStage.GetProperty("preValues").EnumerateArray().Select(p => p.GetProperty("value").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_text_file_prevalue_source_from_usync_forms_supplies_and_limits_choices()
    {
        var folder = Path.Combine(host.ContentRoot, "prevalue-import");
        Directory.CreateDirectory(Path.Combine(folder, "Forms-PreValues"));
        File.Copy(Path.Combine(Fixtures.Shared, "contracts", "fixtures", "forms", "usync-forms", "prevalue-test.config"), Path.Combine(folder, "Forms-PreValues", "prevalue-test.config"));
        var report = await host.Services.GetRequiredService<Mahse.Cms.Sync.SyncService>().ImportAsync(folder, dryRun: false, Mahse.Cms.Sync.SyncGroups.All, CancellationToken.None);
        Assert.False(report.HasFailures);

        var form = TestForms.Application();
        var choice = TestForms.Field("pick", Mahse.Cms.Forms.Model.FormFieldTypes.Dropdown);
        choice.PrevalueSourceId = "test"; // by name, as uSync.Forms writes it
        form.Pages[0].FieldSets[0].Containers[0].Fields.Add(choice);
        var admin = await host.ClientAsync();
        await ManagementApi.EnsureAsync(await admin.PutAsJsonAsync($"/umbraco/forms/management/api/v1/form/{form.Id}", form, FormStore.Json), HttpStatusCode.Created);

        var definition = await host.Forms().GetFromJsonAsync<JsonElement>($"/umbraco/forms/delivery/api/v1/definitions/{form.Id}");
        var pick = definition.GetProperty("pages")[0].GetProperty("fieldsets")[0].GetProperty("columns")[0].GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("alias").GetString() == "pick");
        Assert.Equal(["test", "tes2", "test3"], pick.GetProperty("preValues").EnumerateArray().Select(p => p.GetProperty("value").GetString()!).ToArray());

        var entry = TestForms.ValidEntry();
        entry["values"]!["pick"] = "nope";
        var refused = await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", entry);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        entry["values"]!["pick"] = "tes2";
        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", entry)).StatusCode);
    }

    [Fact]
    public async Task Registering_through_the_form_creates_the_member_who_chooses_a_password_on_confirming()
    {
        var email = ManagementApi.Unique("formreg.").ToLowerInvariant() + "@nhs.test";
        var entry = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["name"] = "Fiona Form", ["email"] = email, ["careerStage"] = "Clinical scientist", ["division"] = "Life sciences",
                ["region"] = "Greater Manchester", ["jobTitle"] = "Clinical Scientist", ["consentToDirectory"] = "on", ["dataConsent"] = "on",
            },
        };
        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{Registration}", entry)).StatusCode);
        await RunWorkflowsAsync();

        var (member, token, _) = SmtpInbox.Link(await host.Inbox.WaitForAsync(email, subjectContains: "Confirm"));
        var confirm = await host.Anonymous().PostAsJsonAsync("/mahse/api/v1/members/confirm", new { memberId = member, token });
        var answer = await confirm.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("passwordRequired").GetBoolean());
        await ManagementApi.EnsureAsync(await host.Anonymous().PostAsJsonAsync("/mahse/api/v1/members/password-reset/confirm",
            new { memberId = member, token = answer.GetProperty("passwordToken").GetString(), password = "a chosen passphrase" }), HttpStatusCode.OK);

        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.Redirect, (await MembersHost.SignInAsync(browser, email, "a chosen passphrase")).StatusCode);
    }

    [Fact]
    public async Task The_fellowship_application_needs_every_page_and_hides_line_manager_questions_until_ticked()
    {
        var pdf = "data:application/pdf;base64," + Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF"));
        var values = new JsonObject
        {
            ["name"] = "Pat Applicant", ["email"] = "pat@nhs.test", ["jobTitle"] = "Healthcare Scientist", ["careerStage"] = "Clinical scientist",
            ["division"] = "Physiological sciences", ["employer"] = "Wirral University Teaching Hospital", ["employerInNorthWest"] = "Yes",
            ["region"] = "Cheshire and Merseyside", ["projectTitle"] = "Remote ECG review", ["summary"] = "A summary", ["serviceProblem"] = "Waiting times",
            ["aims"] = "Halve them", ["riSkills"] = "Audit and evaluation", ["expectedImpact"] = "Faster diagnosis", ["timeline"] = "12 months",
            ["costs"] = "12000", ["cv"] = new JsonArray(new JsonObject { ["fileName"] = "cv.pdf", ["fileContents"] = pdf }),
            ["declaration"] = "on", ["dataConsent"] = "on",
        };

        // Support not ticked: the line manager's questions are hidden, so not required; the tick itself is.
        var missing = await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{Fellowship}", new JsonObject { ["values"] = values.DeepClone() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["lineManagerSupport"], errors.EnumerateObject().Select(e => e.Name).ToArray());

        values["lineManagerSupport"] = "on";
        var shown = await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{Fellowship}", new JsonObject { ["values"] = values.DeepClone() });
        var shownErrors = (await shown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).OrderBy(n => n).ToArray();
        Assert.Equal(["lineManagerEmail", "lineManagerName"], shownErrors);

        values["lineManagerName"] = "Lee Manager";
        values["lineManagerEmail"] = "lee@nhs.test";

        // Posted from the 2026 call (maximum award 10,000, open until 18 December 2026): costs above the maximum are refused.
        var call = host.Services.GetRequiredService<Mahse.Cms.Content.PublishedCache.PublishedContentCache>().All.Single(i => i.ContentTypeAlias == "fellowshipCall" && i.Name.Contains("2026"));
        var tooDear = await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{Fellowship}", new JsonObject { ["values"] = values.DeepClone(), ["contentId"] = call.Key.ToString() });
        Assert.Equal("The amount may not be more than 10,000.", (await tooDear.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("costs")[0].GetString());
        values["costs"] = "9500";
        var accepted = await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{Fellowship}", new JsonObject { ["values"] = values, ["contentId"] = call.Key.ToString() });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await RunWorkflowsAsync();
        Assert.Contains("Remote ECG review", (await host.Inbox.WaitForAsync("pat@nhs.test")).Subject);
        Assert.Contains("Pat Applicant", (await host.Inbox.WaitForAsync("ri-programme@mahse.example", subjectContains: "Remote ECG")).Subject);
    }
}

/// <summary>The fellowship call's form picker in the Content Delivery API, as Umbraco Forms outputs it.</summary>
public sealed class FormPickerDeliveryTests(MahseFormsHost host) : IClassFixture<MahseFormsHost>
{
    [Fact]
    public async Task A_call_points_at_the_application_form_and_expands_to_its_definition()
    {
        var call = host.Services.GetRequiredService<Mahse.Cms.Content.PublishedCache.PublishedContentCache>().All.First(i => i.ContentTypeAlias == "fellowshipCall");
        var plain = await host.Anonymous().GetFromJsonAsync<JsonElement>($"/umbraco/delivery/api/v2/content/item/{call.Key}");
        var picker = plain.GetProperty("properties").GetProperty("applicationForm");
        Assert.Equal("c5cd4af5-351c-5509-8ed3-e886584cf1e2", picker.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, picker.GetProperty("form").ValueKind);

        var expanded = await host.Anonymous().GetFromJsonAsync<JsonElement>($"/umbraco/delivery/api/v2/content/item/{call.Key}?expand=properties[applicationForm]");
        var form = expanded.GetProperty("properties").GetProperty("applicationForm").GetProperty("form");
        Assert.Equal("Fellowship application", form.GetProperty("name").GetString());
        Assert.Equal(4, form.GetProperty("pages").GetArrayLength());
    }
}

/// <summary>Approval workflows: an approved fellowship makes the applicant a Fellow; entries go to a URL.</summary>
public sealed class FormsApprovalWorkflowTests(MahseFormsHost host) : IClassFixture<MahseFormsHost>
{
    private static readonly Guid Fellowship = Guid.Parse("c5cd4af5-351c-5509-8ed3-e886584cf1e2");

    [Fact]
    public async Task Approving_a_fellowship_application_adds_the_applicant_to_fellows()
    {
        var email = ManagementApi.Unique("fellow.").ToLowerInvariant() + "@nhs.test";
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var members = scope.ServiceProvider.GetRequiredService<Mahse.Cms.Members.MemberService>();
            var values = new Dictionary<string, JsonNode?> { ["careerStage"] = "Clinical scientist", ["division"] = "Life sciences", ["region"] = "Cumbria" };
            Assert.Null(await members.RegisterAsync(new Mahse.Cms.Members.MemberRegistration("Flo Fellow", email, "a fellow's passphrase", values), new Uri("https://portal.mahse.test/"), CancellationToken.None));
        }

        var (member, token, _) = SmtpInbox.Link(await host.Inbox.WaitForAsync(email, subjectContains: "Confirm"));
        await ManagementApi.EnsureAsync(await host.Anonymous().PostAsJsonAsync("/mahse/api/v1/members/confirm", new { memberId = member, token }), HttpStatusCode.OK);

        var pdf = "data:application/pdf;base64," + Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF"));
        var entry = new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["name"] = "Flo Fellow", ["email"] = email, ["jobTitle"] = "Scientist", ["careerStage"] = "Clinical scientist", ["division"] = "Life sciences",
                ["employer"] = "A trust", ["employerInNorthWest"] = "Yes", ["region"] = "Cumbria", ["lineManagerSupport"] = "on", ["lineManagerName"] = "M",
                ["lineManagerEmail"] = "m@nhs.test", ["projectTitle"] = "Flo's project", ["summary"] = "s", ["serviceProblem"] = "p", ["aims"] = "a",
                ["riSkills"] = "r", ["expectedImpact"] = "i", ["timeline"] = "t", ["costs"] = "100",
                ["cv"] = new JsonArray(new JsonObject { ["fileName"] = "cv.pdf", ["fileContents"] = pdf }), ["declaration"] = "on", ["dataConsent"] = "on",
            },
        };
        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{Fellowship}", entry)).StatusCode);

        var reviewer = await host.ClientAsync("Reviewers");
        var list = await reviewer.GetFromJsonAsync<JsonElement>($"/umbraco/forms/management/api/v1/form/{Fellowship}/entry?state=Submitted");
        var id = list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("values").GetProperty("email")[0].GetString() == email).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsync($"/umbraco/forms/management/api/v1/entry/{id}/approve", null)).StatusCode);
        await host.Services.GetRequiredService<WorkflowWorker>().RunDueAsync(CancellationToken.None);

        await using var check = host.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Mahse.Cms.Persistence.MemberRow>>();
        Assert.Contains("Fellows", await users.GetRolesAsync((await users.FindByEmailAsync(email))!));
        Assert.Contains("successful", (await host.Inbox.WaitForAsync(email, subjectContains: "successful")).Subject);
    }

    [Fact]
    public async Task Send_form_to_url_posts_the_fields_as_json()
    {
        var received = new System.Collections.Concurrent.ConcurrentBag<JsonElement>();
        var receiver = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        receiver.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = receiver.Build();
        app.MapPost("/hook", async (Microsoft.AspNetCore.Http.HttpRequest request) =>
        {
            received.Add(await Microsoft.AspNetCore.Http.HttpRequestJsonExtensions.ReadFromJsonAsync<JsonElement>(request));
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        await app.StartAsync();
        var url = app.Urls.First() + "/hook";

        var form = TestForms.Application();
        form.Workflows.Add(new Mahse.Cms.Forms.Model.FormWorkflow
        {
            Id = Guid.NewGuid(), Name = "To the CRM", WorkflowTypeId = Mahse.Cms.Forms.Model.FormWorkflowTypes.SendFormToUrl, ExecutesOn = "Submitted",
            Settings = new Dictionary<string, string> { ["Url"] = url, ["Method"] = "POST", ["Fields"] = "name,email" },
        });
        var admin = await host.ClientAsync();
        await ManagementApi.EnsureAsync(await admin.PutAsJsonAsync($"/umbraco/forms/management/api/v1/form/{form.Id}", form, FormStore.Json), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", TestForms.ValidEntry("crm@nhs.test"))).StatusCode);
        await host.Services.GetRequiredService<WorkflowWorker>().RunDueAsync(CancellationToken.None);

        var posted = Assert.Single(received);
        Assert.Equal(["email", "name"], posted.GetProperty("fields").EnumerateObject().Select(p => p.Name).OrderBy(n => n).ToArray());
        Assert.Equal("crm@nhs.test", posted.GetProperty("fields").GetProperty("email").GetString());
        await app.StopAsync();
    }
}
