using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Mahse.Forms.Model;
using static Mahse.Tests.Forms.Workflows.WorkflowsSite;

namespace Mahse.Tests.Forms.Workflows;

/// <summary>
/// The workflow outbox on the real site: entries stored as EntryStore stores them (entry, audit and outbox rows in
/// one transaction), then the worker runs their workflows against a real SMTP server, a local HTTP receiver and
/// Umbraco's members.
/// </summary>
public sealed class WorkflowOutboxTests(WorkflowsSite site) : IClassFixture<WorkflowsSite>
{
    [Fact]
    public async Task Email_arrives_with_the_magic_strings_resolved_and_sensitive_fields_left_out()
    {
        var form = Form("Enquiry", [Field("name"), Field("email"), Field("nhsNumber", sensitive: true)],
            Workflow("Confirm", FormWorkflowTypes.SendEmail, "Submitted", 0,
                ("Email", "{email}"), ("CcEmail", "copies@mahse.test"),
                ("Subject", "Thanks {name}, from {form_name}"),
                ("Message", "Reference {record.id}. NHS number: [{nhsNumber}]. Came from [+source]. Unknown {notAField} stays.")),
            Workflow("As HTML", FormWorkflowTypes.SendEmailWithRazorTemplate, "Approved", 1,
                ("Email", "{email}"), ("Subject", "HTML copy for {name}"), ("HeaderHtml", "<h1>{form_name}</h1>")));
        await site.Database.SaveFormAsync(form);

        var entry = await site.Database.AddEntryAsync(form,
            new Dictionary<string, string[]> { ["name"] = ["Ada <b>Lovelace</b>"], ["email"] = ["ada@mahse.test"], ["nhsNumber"] = ["943 476 5919"] },
            new Dictionary<string, string> { ["source"] = "the newsletter" });

        var text = await site.Inbox.WaitForAsync("ada@mahse.test", subjectContains: "Thanks");
        Assert.Equal("Thanks Ada <b>Lovelace</b>, from Enquiry", text.Subject);
        Assert.Contains(text.Cc.Mailboxes, m => m.Address == "copies@mahse.test");
        Assert.Contains($"Reference {entry:D}.", text.TextBody);
        Assert.Contains("NHS number: [].", text.TextBody);
        Assert.DoesNotContain("943 476 5919", text.TextBody);
        Assert.Contains("Came from the newsletter.", text.TextBody);
        Assert.Contains("Unknown {notAField} stays.", text.TextBody);

        var html = await site.Inbox.WaitForAsync("ada@mahse.test", subjectContains: "HTML copy");
        Assert.Contains("<h1>Enquiry</h1>", html.HtmlBody);
        Assert.Contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;", html.HtmlBody);
        Assert.DoesNotContain("943 476 5919", html.HtmlBody);

        var runs = await site.Database.WaitForRunsAsync(entry, 2);
        Assert.All(runs, r => Assert.Equal(("Succeeded", 1), (r.Status, r.Attempts)));
        Assert.Equal(["Submitted", "Approved"], runs.Select(r => r.Stage));
    }

    [Fact]
    public async Task Post_to_url_receives_the_entry_as_json_and_as_xml_with_an_idempotency_key()
    {
        var form = Form("Webhook", [Field("name"), Field("email"), Field("secret", sensitive: true)],
            Workflow("To JSON", FormWorkflowTypes.SendFormToUrl, "Submitted", 0, ("Url", new Uri(site.Receiver.BaseAddress, "json").ToString()), ("Username", "hook"), ("Password", "pw")),
            Workflow("To XML", Mahse.Forms.Workflows.Types.PostAsXmlWorkflow.TypeId, "Submitted", 1, ("Url", new Uri(site.Receiver.BaseAddress, "xml").ToString()), ("Fields", "name")));
        await site.Database.SaveFormAsync(form);
        var entry = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]> { ["name"] = ["Grace"], ["email"] = ["grace@mahse.test"], ["secret"] = ["s3"] });

        var runs = await site.Database.WaitForRunsAsync(entry, 2);
        Assert.All(runs, r => Assert.Equal("Succeeded", r.Status));

        var json = Assert.Single(site.Receiver.Requests("/json"), r => r.Body.Contains(entry.ToString()));
        Assert.Equal("POST", json.Method);
        Assert.StartsWith("application/json", json.ContentType);
        Assert.Equal($"{entry:N}-{runs[0].Id}", json.Headers["Idempotency-Key"]);
        Assert.Equal("Basic " + Convert.ToBase64String("hook:pw"u8.ToArray()), json.Headers["Authorization"]);
        using var body = JsonDocument.Parse(json.Body);
        Assert.Equal(form.Id, body.RootElement.GetProperty("formId").GetGuid());
        Assert.Equal("Grace", body.RootElement.GetProperty("fields").GetProperty("name").GetString());
        Assert.Equal("grace@mahse.test", body.RootElement.GetProperty("fields").GetProperty("email").GetString());
        Assert.False(body.RootElement.GetProperty("fields").TryGetProperty("secret", out _));

        var xml = Assert.Single(site.Receiver.Requests("/xml"), r => r.Body.Contains(entry.ToString()));
        Assert.StartsWith("application/xml", xml.ContentType);
        Assert.Equal($"{entry:N}-{runs[1].Id}", xml.Headers["Idempotency-Key"]);
        var record = XElement.Parse(xml.Body);
        Assert.Equal(entry.ToString(), record.Attribute("id")!.Value);
        var field = Assert.Single(record.Elements("field"));
        Assert.Equal(("name", "Grace"), (field.Attribute("alias")!.Value, field.Element("value")!.Value));
    }

    [Fact]
    public async Task A_failing_url_is_retried_with_growing_waits_then_failed_with_its_error()
    {
        var path = "/fail/" + Guid.NewGuid().ToString("N");
        var form = Form("Flaky", [Field("name")],
            Workflow("To a broken receiver", FormWorkflowTypes.SendFormToUrl, "Submitted", 0, ("Url", new Uri(site.Receiver.BaseAddress, path).ToString())));
        await site.Database.SaveFormAsync(form);
        var entry = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]> { ["name"] = ["Retry me"] });

        var run = Assert.Single(await site.Database.WaitForRunsAsync(entry));
        Assert.Equal(("Failed", 3), (run.Status, run.Attempts));
        Assert.Contains("500", run.LastError);
        Assert.Contains("the receiver is down", run.LastError);
        Assert.NotNull(run.CompletedAt);

        // MaxAttempts 3 with a 1 s base: the waits are 1 s, then 2 s (each counted from the failure before it).
        var calls = site.Receiver.Requests(path);
        Assert.Equal(3, calls.Count);
        var first = calls[1].At - calls[0].At;
        var second = calls[2].At - calls[1].At;
        Assert.InRange(first.TotalSeconds, 0.9, 3.5);
        Assert.InRange(second.TotalSeconds, 1.9, 5);
        Assert.True(second > first, $"the second wait ({second}) should be longer than the first ({first})");
        Assert.All(calls, c => Assert.Equal(calls[0].Headers["Idempotency-Key"], c.Headers["Idempotency-Key"]));

        // The entry itself is untouched by the failure.
        Assert.Equal("Approved", (await site.Database.EntryAsync(entry))!.State);
    }

    [Fact]
    public async Task An_unknown_workflow_type_fails_at_once_with_a_clear_error_and_the_others_still_run()
    {
        var unknownType = Guid.NewGuid();
        var form = Form("Unknown", [Field("email")],
            Workflow("From a plugin we do not have", unknownType, "Submitted", 0, ("Anything", "x")),
            Workflow("Still sent", FormWorkflowTypes.SendEmail, "Submitted", 1, ("Email", "{email}"), ("Subject", "Still sent")));
        await site.Database.SaveFormAsync(form);
        var entry = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]> { ["email"] = ["unknown@mahse.test"] });

        var runs = await site.Database.WaitForRunsAsync(entry, 2);
        Assert.Equal(("Failed", 1), (runs[0].Status, runs[0].Attempts));
        Assert.Contains($"No workflow type with id {unknownType}", runs[0].LastError);
        Assert.Equal("Succeeded", runs[1].Status);
        await site.Inbox.WaitForAsync("unknown@mahse.test", subjectContains: "Still sent");
    }

    [Fact]
    public async Task Change_record_state_approves_a_matching_entry_and_the_approval_workflows_run()
    {
        var form = Form("Moderated", [Field("email"), Field("message")],
            Workflow("Approve urgent ones", FormWorkflowTypes.ChangeRecordState, "Submitted", 0, ("Words", "urgent, asap"), ("Action", "Approve")),
            Workflow("Tell them", FormWorkflowTypes.SendEmail, "Approved", 1, ("Email", "{email}"), ("Subject", "Approved: {record.state}")));
        form.ManualApproval = true;
        await site.Database.SaveFormAsync(form);

        var urgent = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]> { ["email"] = ["urgent@mahse.test"], ["message"] = ["This is URGENT"] });
        var calm = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]> { ["email"] = ["calm@mahse.test"], ["message"] = ["No hurry"] });

        var mail = await site.Inbox.WaitForAsync("urgent@mahse.test", subjectContains: "Approved");
        Assert.Equal("Approved: Approved", mail.Subject);
        Assert.Equal("Approved", (await site.Database.EntryAsync(urgent))!.State);
        Assert.Equal(["Submitted by ", "Approved by workflow: Approve urgent ones"], await site.Database.AuditAsync(urgent));
        Assert.Equal(2, (await site.Database.WaitForRunsAsync(urgent, 2)).Count(r => r.Status == "Succeeded"));

        Assert.Single(await site.Database.WaitForRunsAsync(calm));
        Assert.Equal("Submitted", (await site.Database.EntryAsync(calm))!.State);
        Assert.Empty(site.Inbox.To("calm@mahse.test"));
    }

    [Fact]
    public async Task A_member_is_created_from_the_entry_without_a_password_and_added_to_groups()
    {
        var email = $"member-{Guid.NewGuid():N}@mahse.test";
        var form = Form("Registration", [Field("name"), Field("email"), Field("jobTitle"), Field("region")],
            Workflow("Create the member", FormWorkflowTypes.CreateMember, "Approved", 0, ("NameField", "name"), ("EmailField", "email"), ("MemberGroup", "Registered members")),
            Workflow("Make them a Fellow", FormWorkflowTypes.AddMemberToGroup, "Approved", 1, ("GroupName", "Fellows"), ("EmailField", "email")));
        await site.Database.SaveFormAsync(form);
        var entry = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]>
        {
            ["name"] = ["Mary Seacole"], ["email"] = [email], ["jobTitle"] = ["Clinical scientist"], ["region"] = ["London"],
        });

        var runs = await site.Database.WaitForRunsAsync(entry, 2);
        Assert.True(runs.All(r => r.Status == "Succeeded"), string.Join("; ", runs));
        var memberKey = (await site.Database.EntryAsync(entry))!.MemberKey;
        Assert.NotNull(memberKey);

        using var admin = await site.ManagementClientAsync();
        var response = await admin.GetAsync($"/umbraco/management/api/v1/member/{memberKey}");
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json);
        using var member = JsonDocument.Parse(json);
        Assert.Equal(email, member.RootElement.GetProperty("email").GetString());
        Assert.Contains("Mary Seacole", json);
        Assert.Contains(member.RootElement.GetProperty("values").EnumerateArray(),
            v => v.GetProperty("alias").GetString() == "jobTitle" && v.GetProperty("value").GetString() == "Clinical scientist");

        var groups = JsonDocument.Parse(await admin.GetStringAsync("/umbraco/management/api/v1/member-group?take=100")).RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(g => g.GetProperty("id").GetGuid(), g => g.GetProperty("name").GetString());
        var memberGroups = member.RootElement.GetProperty("groups").EnumerateArray().Select(g => groups[g.ValueKind == JsonValueKind.Object ? g.GetProperty("id").GetGuid() : g.GetGuid()]).ToList();
        Assert.Contains("Registered members", memberGroups);
        Assert.Contains("Fellows", memberGroups);

        // A second entry with the same email leaves that member as it is and is linked to it.
        var again = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]> { ["name"] = ["Someone else"], ["email"] = [email], ["jobTitle"] = ["Impostor"] });
        Assert.All(await site.Database.WaitForRunsAsync(again, 2), r => Assert.Equal("Succeeded", r.Status));
        Assert.Equal(memberKey, (await site.Database.EntryAsync(again))!.MemberKey);
        var after = await admin.GetStringAsync($"/umbraco/management/api/v1/member/{memberKey}");
        Assert.Contains("Clinical scientist", after);
        Assert.DoesNotContain("Impostor", after);
    }

    [Fact]
    public async Task A_claim_abandoned_by_a_killed_process_is_run_again_after_its_lease_but_a_live_claim_is_not()
    {
        var send = Workflow("Send", FormWorkflowTypes.SendEmail, "Approved", 0, ("Email", "{email}"), ("Subject", "Resumed {name}"));
        var form = Form("Crashy", [Field("name"), Field("email")], send);
        await site.Database.SaveFormAsync(form);

        // Entries without queued runs (as if their runs were already done), then the rows a killed worker leaves:
        // Running with one attempt, its lease expired (2 s ago) or still running (an hour ahead).
        form.Workflows = [];
        var abandoned = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]> { ["name"] = ["A"], ["email"] = ["abandoned@mahse.test"] });
        var live = await site.Database.AddEntryAsync(form, new Dictionary<string, string[]> { ["name"] = ["B"], ["email"] = ["live@mahse.test"] });
        await site.Database.AddRunAsync(abandoned, form, send, "Running", 1, DateTime.UtcNow.AddSeconds(-2));
        await site.Database.AddRunAsync(live, form, send, "Running", 1, DateTime.UtcNow.AddHours(1));

        await site.Inbox.WaitForAsync("abandoned@mahse.test", subjectContains: "Resumed A");
        var run = Assert.Single(await site.Database.WaitForRunsAsync(abandoned));
        Assert.Equal(("Succeeded", 2), (run.Status, run.Attempts));
        Assert.Contains("interrupted", run.LastError);

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(("Running", 1), (await site.Database.RunsAsync(live)).Select(r => (r.Status, r.Attempts)).Single());
        Assert.Empty(site.Inbox.To("live@mahse.test"));
    }
}
