using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Forms.Delivery;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Forms.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Mahse.Cms.Tests.Forms;

/// <summary>Umbraco Forms' magic strings in definitions: the resolver alone, then through the Forms API.</summary>
public sealed class FormMagicStringsTests(FormsHost host) : IClassFixture<FormsHost>
{
    private static PublishedContentItem Page(string name, Guid? parent = null, params (string Alias, JsonNode? Value)[] properties) =>
        new(7, Guid.NewGuid(), parent, Guid.NewGuid(), "fellowshipCall", name, name.ToLowerInvariant(), 2, 0, "-1,7", DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow,
            properties.ToDictionary(p => p.Alias, p => p.Value));

    [Fact]
    public void Tokens_resolve_from_the_page_the_request_and_additional_data_with_filters_and_unknown_ones_become_empty()
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?utm_source=newsletter");
        http.Request.Headers.Referer = "https://nhs.example/roadmap";
        http.Request.Headers.Cookie = "region=Cumbria";
        var page = Page("Innovation Fellowship 2027", null, ("maximumAward", JsonValue.Create(15000)), ("blocks", new JsonObject { ["items"] = new JsonArray() }));
        var magic = new FormMagicStrings(page, null, new Dictionary<string, string> { ["cohort"] = "autumn" }, http.Request);

        Assert.Equal("Apply for Innovation Fellowship 2027 (up to 15000)", magic.Parse("Apply for [#pageName] (up to [#maximumAward])"));
        Assert.Equal("newsletter / https://nhs.example/roadmap / Cumbria / AUTUMN", magic.Parse("[@utm_source] / [@Http_Referer] / [%region] / [+cohort | upper]"));
        Assert.Equal("Innov...", magic.Parse("[#pageName|truncate: 5]"));
        Assert.Equal("[] and ", magic.Parse("[] and [#blocks]")); // not a token; a block list has no text
        Assert.Equal("", magic.Parse("[#nothing][+nothing][@nothing][%nothing]"));
        Assert.Equal("Stored [#pageName]", FormMagicStrings.None.Parse("Stored [#pageName]"));
    }

    [Fact]
    public void Values_put_into_html_are_encoded_and_plain_text_stays_text()
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        var magic = new FormMagicStrings(Page("Call"), null, null, http.Request);
        Assert.Equal("<p>Thanks &lt;script&gt;alert(1)&lt;/script&gt;</p>", magic.Parse("<p>Thanks [@name]</p>", html: true));
        Assert.Equal("Thanks <script>alert(1)</script>", magic.Parse("Thanks [@name]")); // plain text stays text
    }

    [Fact]
    public async Task The_definition_resolves_them_for_the_hosting_page_and_additional_data()
    {
        var api = new ManagementApi(await host.ClientAsync());
        var callType = await api.CreateDocumentTypeAsync(ManagementApi.Unique("hostingCall").ToLowerInvariant(), [ManagementApi.Property("programme", ManagementApi.Textstring)], allowedAtRoot: false);
        var programmeType = await api.CreateDocumentTypeAsync(ManagementApi.Unique("programme").ToLowerInvariant(), [ManagementApi.Property("programme", ManagementApi.Textstring)],
            allowedChildren: [callType]);
        var parent = await api.CreateDocumentAsync(programmeType, ManagementApi.Unique("Programme "), new JsonObject { ["programme"] = "SIIF" });
        await api.PublishAsync(parent);
        var call = await api.CreateDocumentAsync(callType, "Autumn call", new JsonObject(), parent);
        await api.PublishAsync(call);

        var form = TestForms.Application();
        form.Pages[0].Caption = "Applying to [#pageName] ([$programme])";
        form.MessageOnSubmit = "<p>Thank you, [+applicant]</p>";
        form.MessageOnSubmitIsHtml = true;
        var hidden = TestForms.Field("source", FormFieldTypes.Hidden);
        hidden.Settings["DefaultValue"] = "[@utm_source]";
        form.Pages[0].FieldSets[0].Containers[0].Fields.Add(hidden);
        await host.SaveFormAsync(form);

        var url = $"/umbraco/forms/delivery/api/v1/definitions/{form.Id}?contentId={call}&utm_source=roadmap&additionalData[applicant]=%3Cb%3EAda%3C%2Fb%3E";
        var definition = JsonNode.Parse(await host.Forms().GetStringAsync(url))!;
        Assert.Equal("Applying to Autumn call (SIIF)", (string?)definition["pages"]![0]!["caption"]);
        Assert.Equal("<p>Thank you, &lt;b&gt;Ada&lt;/b&gt;</p>", (string?)definition["messageOnSubmit"]);
        var source = definition["pages"]![0]!["fieldsets"]![0]!["columns"]![0]!["fields"]!.AsArray().Single(f => (string?)f!["alias"] == "source")!;
        Assert.Equal("roadmap", (string?)source["settings"]!["defaultValue"]);

        // The editor's messages in a 422 are resolved too; posted values never are.
        var nameField = form.AllFields.Single(f => f.Alias == "name");
        nameField.RequiredErrorMessage = "Tell us your name for [#pageName]";
        await host.SaveFormAsync(form);
        var entry = TestForms.ValidEntry();
        entry["values"]!["name"] = "";
        entry["values"]!["careerStage"] = "[#pageName]";
        entry["contentId"] = call.ToString();
        var refused = await host.Forms().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", entry);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Tell us your name for Autumn call", errors.GetProperty("name")[0].GetString());
        Assert.Contains("'[#pageName]'", errors.GetProperty("careerStage")[0].GetString());

        // A members-only page feeds no magic strings: anyone can name any page in the query string.
        await ManagementApi.EnsureAsync(await api.Client.PostAsJsonAsync($"{ManagementApi.Base}/member-group", new { name = ManagementApi.Unique("Readers ") }), HttpStatusCode.Created);
        var groups = await api.Client.GetFromJsonAsync<JsonElement>($"{ManagementApi.Base}/member-group");
        var group = groups.GetProperty("items").EnumerateArray().Last(g => g.GetProperty("name").GetString()!.StartsWith("Readers ", StringComparison.Ordinal)).GetProperty("name").GetString();
        await ManagementApi.EnsureAsync(await api.Client.PostAsJsonAsync($"{ManagementApi.Base}/document/{call}/public-access", new { memberGroupNames = new[] { group } }), HttpStatusCode.Created);
        var guarded = JsonNode.Parse(await host.Forms().GetStringAsync($"/umbraco/forms/delivery/api/v1/definitions/{form.Id}?contentId={call}"))!;
        Assert.Equal("Applying to  ()", (string?)guarded["pages"]![0]!["caption"]);

        // An unknown page is ignored, as Umbraco Forms does: the page's tokens become empty.
        var unknown = JsonNode.Parse(await host.Forms().GetStringAsync($"/umbraco/forms/delivery/api/v1/definitions/{form.Id}?contentId={Guid.NewGuid()}"))!;
        Assert.Equal("Applying to  ()", (string?)unknown["pages"]![0]!["caption"]);
        Assert.Equal(HttpStatusCode.OK, (await host.Forms().GetAsync($"/umbraco/forms/api/v1/definitions/{form.Id}?contentId=not-an-id")).StatusCode);
    }

    [Fact]
    public async Task An_entry_from_a_signed_in_member_is_theirs_and_workflows_resolve_member_and_record_strings()
    {
        var form = TestForms.Application();
        form.Workflows.Add(new FormWorkflow
        {
            Id = Guid.NewGuid(), Name = "Tell the member", WorkflowTypeId = FormWorkflowTypes.SendEmail, ExecutesOn = "Submitted",
            Settings = new Dictionary<string, string>
            {
                ["Email"] = "{member.email}", ["Subject"] = "Thank you, {member.name}",
                ["Message"] = "Member {record.memberkey}, a {member.JOBTITLE}; unknown property '{member.nothing}'; field {projectTitle}.",
            },
        });
        await host.SaveFormAsync(form);

        var client = await host.MemberFormsAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", TestForms.ValidEntry("someone.else@nhs.test"))).StatusCode);
        await host.Services.GetRequiredService<WorkflowWorker>().RunDueAsync(CancellationToken.None);

        var mail = await host.Inbox.WaitForAsync(FormsHost.MemberEmail, subjectContains: "Thank you");
        Assert.Equal("Thank you, Morgan Member", mail.Subject);
        var entries = await (await host.ClientAsync()).GetFromJsonAsync<JsonElement>($"/umbraco/forms/management/api/v1/form/{form.Id}/entry");
        var memberKey = entries.GetProperty("items")[0].GetProperty("memberKey").GetString();
        Assert.False(string.IsNullOrEmpty(memberKey));
        Assert.Contains($"Member {memberKey}, a Clinical scientist; unknown property ''; field Faster ECG reporting.", mail.TextBody);
    }
}
