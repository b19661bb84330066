using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mahse.Cms.Tests.Infrastructure;

namespace Mahse.Cms.Tests.Forms;

/// <summary>Forms API on for server-to-server clients (Api-Key, no antiforgery), a real SMTP server for workflows.</summary>
public sealed class FormsHost : SqlitePortalHost
{
    public const string ApiKey = "forms-api-key-for-tests";

    public SmtpInbox Inbox { get; } = new();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Umbraco:Forms:Options:EnableFormsApi"] = "true",
        ["Umbraco:Forms:Security:FormsApiKey"] = ApiKey,
        ["Umbraco:Forms:Security:EnableAntiForgeryTokenForFormsApi"] = "false",
        ["Umbraco:CMS:Global:Smtp:Host"] = "127.0.0.1",
        ["Umbraco:CMS:Global:Smtp:Port"] = Inbox.Port.ToString(),
        ["Umbraco:CMS:Global:Smtp:SecureSocketOptions"] = "None",
        ["Mahse:Forms:RateLimit:PermitsPerMinute"] = "10000",
        ["Mahse:Forms:Uploads:MaxFileBytes"] = "100000",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientId"] = "forms-tests",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientSecret"] = "forms-tests-secret-0123",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:UserName"] = MemberEmail,
    };

    /// <summary>The member behind the client-credentials client <c>umbraco-member-forms-tests</c>.</summary>
    public const string MemberEmail = "applicant.member@nhs.test";

    /// <summary>A Forms API client that also carries the member's access token (created on first use).</summary>
    public async Task<HttpClient> MemberFormsAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MemberRow>>();
            if (await users.FindByEmailAsync(MemberEmail) is null)
            {
                // This host imports no uSync, so the member type comes through the Management API.
                var api = new ManagementApi(await ClientAsync());
                await ManagementApi.EnsureAsync(await api.Client.PostAsJsonAsync($"{ManagementApi.Base}/member-type",
                    ManagementApi.DocumentTypeBody("formsMember", [ManagementApi.Property("jobTitle", ManagementApi.Textstring)])), HttpStatusCode.Created);
                await using var db = Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
                var type = await db.ContentTypes.SingleAsync(t => t.Alias == "formsMember");
                var member = new MemberRow
                {
                    Key = Guid.NewGuid(), Email = MemberEmail, Name = "Morgan Member", MemberTypeId = type.Id, EmailConfirmed = true, IsApproved = true,
                    SecurityStamp = Guid.NewGuid().ToString("N"), ValuesJson = """{"jobTitle":"Clinical scientist"}""",
                };
                var created = await users.CreateAsync(member, "a long applicant passphrase");
                Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
            }
        }

        var response = await Anonymous().PostAsync("/umbraco/delivery/api/v1/security/member/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "umbraco-member-forms-tests", ["client_secret"] = "forms-tests-secret-0123",
        }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var client = Forms();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString());
        return client;
    }

    public HttpClient Forms(string? key = ApiKey)
    {
        var client = Anonymous();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("Api-Key", key);
        }

        return client;
    }

    public async Task SaveFormAsync(FormDefinition form)
    {
        var admin = await ClientAsync();
        var response = await admin.PutAsJsonAsync($"/umbraco/forms/management/api/v1/form/{form.Id}", form, Mahse.Cms.Forms.FormStore.Json);
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Forms API left at Umbraco's default: off.</summary>
public sealed class FormsOffHost : SqlitePortalHost;

/// <summary>Forms API on for browsers: antiforgery required on posts, a small rate limit.</summary>
public sealed class FormsBrowserHost : SqlitePortalHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Umbraco:Forms:Options:EnableFormsApi"] = "true",
        ["Mahse:Forms:RateLimit:PermitsPerMinute"] = "3",
    };
}

/// <summary>Forms built in code for tests: a fellowship-style form with a condition, choices, an upload and workflows.</summary>
public static class TestForms
{
    public static readonly Guid Name = Guid.NewGuid();

    public static FormField Field(string alias, FormFieldType type, bool mandatory = false, params string[] preValues) => new()
    {
        Id = Guid.NewGuid(),
        Alias = alias,
        Caption = char.ToUpperInvariant(alias[0]) + alias[1..],
        FieldTypeId = type.Id,
        Mandatory = mandatory,
        PreValues = preValues.Select(v => new FormPreValue { Value = v, Caption = v }).ToList(),
    };

    public static FormDefinition Application(string? notify = null, bool manualApproval = false)
    {
        var hasProject = Field("hasProject", FormFieldTypes.Checkbox);
        var projectTitle = Field("projectTitle", FormFieldTypes.ShortAnswer, mandatory: true);
        projectTitle.Condition = new FormCondition { ActionType = "Show", LogicType = "All", Rules = [new FormConditionRule { Field = hasProject.Id.ToString(), Operator = "Is", Value = "true" }] };
        var email = Field("email", FormFieldTypes.ShortAnswer, mandatory: true);
        email.Regex = @"^[^@\s]+@[^@\s]+\.[^@\s]+$";
        email.Settings["FieldType"] = "email";
        var upload = Field("supportingDocument", FormFieldTypes.FileUpload);
        upload.AllowedUploadTypes = ["pdf", "docx"];
        var form = new FormDefinition
        {
            Id = Guid.NewGuid(),
            Name = ManagementApi.Unique("Application "),
            MessageOnSubmit = "Thank you for applying",
            ManualApproval = manualApproval,
            Pages =
            [
                new FormPage
                {
                    Id = Guid.NewGuid(), Caption = "Applicant",
                    FieldSets = [new FormFieldSet { Id = Guid.NewGuid(), Containers = [new FormContainer { Width = 12, Fields = [Field("name", FormFieldTypes.ShortAnswer, mandatory: true), email, Field("careerStage", FormFieldTypes.Dropdown, true, "Trainee", "Clinical scientist", "Consultant")] }] }],
                },
                new FormPage
                {
                    Id = Guid.NewGuid(), Caption = "Project", SortOrder = 1,
                    FieldSets = [new FormFieldSet { Id = Guid.NewGuid(), Containers = [new FormContainer { Width = 12, Fields = [hasProject, projectTitle, Field("summary", FormFieldTypes.LongAnswer), upload, Field("dataConsent", FormFieldTypes.DataConsent, true)] }] }],
                },
            ],
        };
        if (notify is not null)
        {
            form.Workflows.Add(new FormWorkflow
            {
                Id = Guid.NewGuid(), Name = "Tell the applicant", WorkflowTypeId = FormWorkflowTypes.SendEmail, ExecutesOn = "Submitted",
                Settings = new Dictionary<string, string> { ["Email"] = "{email}", ["Subject"] = "We received {form_name}", ["Message"] = "Dear {name}, your entry {record.id} is in." },
            });
            form.Workflows.Add(new FormWorkflow
            {
                Id = Guid.NewGuid(), Name = "Tell the team on approval", WorkflowTypeId = FormWorkflowTypes.SendEmail, ExecutesOn = "Approved", SortOrder = 1,
                Settings = new Dictionary<string, string> { ["Email"] = notify, ["Subject"] = "Approved: {name}" },
            });
        }

        return form;
    }

    public static JsonObject ValidEntry(string email = "ada@nhs.test") => new()
    {
        ["values"] = new JsonObject
        {
            ["name"] = "Ada Applicant",
            ["email"] = email,
            ["careerStage"] = "Clinical scientist",
            ["hasProject"] = "on",
            ["projectTitle"] = "Faster ECG reporting",
            ["dataConsent"] = "on",
        },
    };
}

/// <summary>Forms API on, but the SMTP server the workflows use is down (nothing listens on its port).</summary>
public sealed class FormsMailDownHost : SqlitePortalHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Umbraco:Forms:Options:EnableFormsApi"] = "true",
        ["Umbraco:Forms:Security:FormsApiKey"] = FormsHost.ApiKey,
        ["Umbraco:Forms:Security:EnableAntiForgeryTokenForFormsApi"] = "false",
        ["Umbraco:CMS:Global:Smtp:Host"] = "127.0.0.1",
        ["Umbraco:CMS:Global:Smtp:Port"] = "9",
        ["Umbraco:CMS:Global:Smtp:SecureSocketOptions"] = "None",
    };
}

/// <summary>Forms API on, with reCAPTCHA v3 verified by a stand-in verifier on loopback ("human" scores 0.9, anything else 0.1).</summary>
public sealed class FormsRecaptchaHost : SqlitePortalHost
{
    private readonly Microsoft.AspNetCore.Builder.WebApplication _verifier;

    public FormsRecaptchaHost()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseUrls(builder.WebHost, "http://127.0.0.1:0");
        _verifier = builder.Build();
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(_verifier, "/siteverify", async (Microsoft.AspNetCore.Http.HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var human = form["response"] == "human" && form["secret"] == "private-key";
            return Microsoft.AspNetCore.Http.Results.Json(new { success = form["response"] != "rejected", score = human ? 0.9 : 0.1 });
        });
        _verifier.StartAsync().GetAwaiter().GetResult();
        VerificationUrl = _verifier.Urls.First() + "/siteverify";
    }

    public string VerificationUrl { get; }

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Umbraco:Forms:Options:EnableFormsApi"] = "true",
        ["Umbraco:Forms:Security:FormsApiKey"] = FormsHost.ApiKey,
        ["Umbraco:Forms:Security:EnableAntiForgeryTokenForFormsApi"] = "false",
        ["Umbraco:Forms:FieldTypes:Recaptcha3:VerificationUrl"] = VerificationUrl,
        ["Umbraco:Forms:FieldTypes:Recaptcha3:PrivateKey"] = "private-key",
    };
}
