using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mahse.Cms.Forms.Workflows;
using Mahse.Cms.Persistence;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Forms;

/// <summary>The Umbraco Forms headless API: definitions, submissions, validation by the rules and conditions, uploads, workflows.</summary>
public sealed class FormsApiTests(FormsHost host) : IClassFixture<FormsHost>
{
    private const string Api = "/umbraco/forms/delivery/api/v1";

    private async Task<JsonElement> EntriesAsync(Guid form)
    {
        var admin = await host.ClientAsync();
        return await admin.GetFromJsonAsync<JsonElement>($"/umbraco/forms/management/api/v1/form/{form}/entry");
    }

    private async Task<List<FormWorkflowRunRow>> RunsAsync(Guid form)
    {
        await using var db = host.Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
        return await db.FormWorkflowRuns.AsNoTracking().Where(r => r.FormKey == form).OrderBy(r => r.Id).ToListAsync();
    }

    private async Task WorkflowsRunAsync() => await host.Services.GetRequiredService<WorkflowWorker>().RunDueAsync(CancellationToken.None);

    [Fact]
    public async Task A_definition_comes_in_umbraco_forms_shape_on_both_generations_of_paths()
    {
        var form = TestForms.Application();
        await host.SaveFormAsync(form);

        var response = await host.Forms().GetAsync($"{Api}/definitions/{form.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var definition = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(form.Id, definition.GetProperty("id").GetGuid());
        Assert.Equal("MarkMandatoryFields", definition.GetProperty("fieldIndicationType").GetString());
        var fields = definition.GetProperty("pages").EnumerateArray().SelectMany(p => p.GetProperty("fieldsets").EnumerateArray())
            .SelectMany(s => s.GetProperty("columns").EnumerateArray()).SelectMany(c => c.GetProperty("fields").EnumerateArray()).ToList();
        var name = fields.Single(f => f.GetProperty("alias").GetString() == "name");
        Assert.Equal("Please provide a value for Name", name.GetProperty("requiredErrorMessage").GetString());
        Assert.Equal("Short answer", name.GetProperty("type").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, name.GetProperty("condition").ValueKind);
        var title = fields.Single(f => f.GetProperty("alias").GetString() == "projectTitle");
        Assert.Equal("Show", title.GetProperty("condition").GetProperty("actionType").GetString());
        Assert.Equal("email", fields.Single(f => f.GetProperty("alias").GetString() == "email").GetProperty("settings").GetProperty("fieldType").GetString());
        Assert.Equal(["pdf", "docx"], fields.Single(f => f.GetProperty("alias").GetString() == "supportingDocument")
            .GetProperty("fileUploadOptions").GetProperty("allowedUploadExtensions").EnumerateArray().Select(e => e.GetString()!).ToArray());

        Assert.Equal(await host.Forms().GetStringAsync($"{Api}/definitions/{form.Id}"), await host.Forms().GetStringAsync($"/umbraco/forms/api/v1/definitions/{form.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Forms().GetAsync($"{Api}/definitions/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Forms().GetAsync($"{Api}/definitions/not-a-guid")).StatusCode);
        var culture = await host.Forms().GetAsync($"{Api}/definitions/{form.Id}?culture=xx-INVALID");
        Assert.Equal(HttpStatusCode.BadRequest, culture.StatusCode);
        Assert.Equal("Unrecognized culture code", (await culture.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        var missing = await host.Forms(key: null).GetAsync($"{Api}/definitions/{form.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Contains("no key was found", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        var wrong = await host.Forms(key: "nope").PostAsJsonAsync($"{Api}/entries/{form.Id}", TestForms.ValidEntry());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("does not match", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_accepted_entry_is_stored_approved_and_its_workflows_run_once_from_the_outbox()
    {
        var form = TestForms.Application(notify: "team@mahse.test");
        await host.SaveFormAsync(form);
        var applicant = ManagementApi.Unique("applicant.") + "@nhs.test";

        var response = await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", TestForms.ValidEntry(applicant));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Thank you for applying", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageOnSubmit").GetString());

        var entries = await EntriesAsync(form.Id);
        var entry = entries.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Approved", entry.GetProperty("state").GetString());
        Assert.Equal(["true"], entry.GetProperty("values").GetProperty("dataConsent").EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Equal(["Submitted", "Approved"], entry.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("state").GetString()!).ToArray());

        await WorkflowsRunAsync();
        var mail = await host.Inbox.WaitForAsync(applicant);
        Assert.Equal($"We received {form.Name}", mail.Subject);
        Assert.Contains($"Dear Ada Applicant, your entry {entry.GetProperty("id").GetGuid():D} is in.", mail.TextBody);
        Assert.Contains("Ada Applicant", (await host.Inbox.WaitForAsync("team@mahse.test", subjectContains: "Approved: Ada")).Subject);

        var runs = await RunsAsync(form.Id);
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal((WorkflowRunStatus.Succeeded, 1), (r.Status, r.Attempts)));
        await WorkflowsRunAsync();
        Assert.Single(host.Inbox.To(applicant)); // never twice
    }

    [Fact]
    public async Task Validation_follows_conditions_and_reports_by_alias_with_a_422()
    {
        var form = TestForms.Application();
        await host.SaveFormAsync(form);

        // Hidden by its condition (box not ticked): the required project title is not required.
        var hidden = TestForms.ValidEntry();
        hidden["values"]!["hasProject"] = "";
        hidden["values"]!.AsObject().Remove("projectTitle");
        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", hidden)).StatusCode);

        var shown = TestForms.ValidEntry();
        shown["values"]!.AsObject().Remove("projectTitle");
        shown["values"]!["careerStage"] = "Astronaut";
        shown["values"]!["email"] = "not an email";
        shown["values"]!["name"] = new string('x', 256);
        shown["values"]!["dataConsent"] = JsonValue.Create(true); // booleans are dropped, so consent is missing
        shown["values"]!["summary"] = JsonValue.Create(42); // so are numbers (not required here, so no error)
        shown["values"]!["unknownAlias"] = "kept aside";
        shown["contentId"] = "not-a-page";
        var response = await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", shown);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("One or more validation errors occurred.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal("Please provide a value for ProjectTitle", errors.GetProperty("projectTitle")[0].GetString());
        Assert.Equal("Unexpected value: 'Astronaut'. Expected one of these: 'Trainee', 'Clinical scientist', 'Consultant'", errors.GetProperty("careerStage")[0].GetString());
        Assert.Equal("Please provide a valid value for Email", errors.GetProperty("email")[0].GetString());
        Assert.Equal("The value provided exceeds 255 characters.", errors.GetProperty("name")[0].GetString());
        Assert.True(errors.TryGetProperty("dataConsent", out _));
        Assert.Equal("Content with identifier 'not-a-page' could not be found.", errors.GetProperty("contentKey")[0].GetString());
        Assert.False(errors.TryGetProperty("unknownAlias", out _));

        Assert.Equal(1, (await EntriesAsync(form.Id)).GetProperty("total").GetInt64()); // only the first one was stored
    }

    [Theory]
    [InlineData("""{"values": {"name": "A", """)]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"values": "name=A"}""")]
    public async Task Malformed_bodies_are_400_and_store_nothing(string body)
    {
        var form = TestForms.Application();
        await host.SaveFormAsync(form);

        var response = await host.Forms().PostAsync($"{Api}/entries/{form.Id}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await EntriesAsync(form.Id)).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Uploads_are_checked_by_type_content_and_size_and_kept_outside_the_web_root()
    {
        var form = TestForms.Application();
        await host.SaveFormAsync(form);
        JsonObject WithFile(string name, byte[] bytes)
        {
            var entry = TestForms.ValidEntry();
            entry["values"]!["supportingDocument"] = new JsonArray(new JsonObject { ["fileName"] = name, ["fileContents"] = "data:application/octet-stream;base64," + Convert.ToBase64String(bytes) });
            return entry;
        }

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF");
        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", WithFile("plan.pdf", pdf))).StatusCode);
        var stored = (await EntriesAsync(form.Id)).GetProperty("items")[0].GetProperty("values").GetProperty("supportingDocument")[0].GetString()!;
        Assert.StartsWith("umbraco/Data/forms/uploads/", stored);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(host.ContentRoot, stored)));

        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00 };
        async Task<string> RefusedAsync(string name, byte[] bytes)
        {
            var response = await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", WithFile(name, bytes));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("supportingDocument")[0].GetString()!;
        }

        Assert.Equal("The file plan.pdf is not a valid .pdf file.", await RefusedAsync("plan.pdf", exe));
        Assert.Equal("The file type (.exe) you tried to upload is not allowed.", await RefusedAsync("tool.exe", exe));
        Assert.Contains("larger than", await RefusedAsync("big.pdf", [.. pdf, .. new byte[200_000]]));
        Assert.Equal(1, (await EntriesAsync(form.Id)).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Anonymous().GetAsync("/" + stored)).StatusCode);

        // Served to reviewers only, and only paths the entry holds.
        var entryId = (await EntriesAsync(form.Id)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var reviewer = await host.ClientAsync("Reviewers");
        var file = await reviewer.GetAsync($"/umbraco/forms/management/api/v1/entry/{entryId}/file?path={Uri.EscapeDataString(stored)}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal(pdf, await file.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await host.ClientAsync("Writers")).GetAsync($"/umbraco/forms/management/api/v1/entry/{entryId}/file?path={Uri.EscapeDataString(stored)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/umbraco/forms/management/api/v1/entry/{entryId}/file?path={Uri.EscapeDataString("appsettings.json")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/umbraco/forms/management/api/v1/entry/{entryId}/file?path={Uri.EscapeDataString(stored + "/../../../../../appsettings.json")}")).StatusCode);

        var print = await reviewer.GetStringAsync($"/umbraco/forms/management/api/v1/entry/{entryId}/print");
        Assert.Contains("<dt>ProjectTitle</dt><dd>Faster ECG reporting</dd>", print);
        Assert.Contains("plan.pdf", print);
    }

    [Fact]
    public async Task A_closed_form_refuses_entries_with_a_clear_message()
    {
        var form = TestForms.Application();
        form.ClosesAt = host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await host.SaveFormAsync(form);

        var response = await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", TestForms.ValidEntry());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("closed on", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("form")[0].GetString());
    }

    [Fact]
    public async Task Reviewers_approve_manual_entries_and_export_them_with_formulas_neutralised()
    {
        var form = TestForms.Application(notify: "panel@mahse.test", manualApproval: true);
        await host.SaveFormAsync(form);
        var entry = TestForms.ValidEntry(ManagementApi.Unique("formula.") + "@nhs.test");
        entry["values"]!["name"] = "=HYPERLINK(\"https://evil.example\",\"click\")";
        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", entry)).StatusCode);

        var reviewer = await host.ClientAsync("Reviewers");
        var writer = await host.ClientAsync("Writers");
        var list = await reviewer.GetFromJsonAsync<JsonElement>($"/umbraco/forms/management/api/v1/form/{form.Id}/entry?state=Submitted");
        var id = list.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostAsync($"/umbraco/forms/management/api/v1/entry/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsync($"/umbraco/forms/management/api/v1/entry/{id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostAsync($"/umbraco/forms/management/api/v1/entry/{id}/approve", null)).StatusCode);

        await WorkflowsRunAsync();
        Assert.Contains("Approved:", (await host.Inbox.WaitForAsync("panel@mahse.test", subjectContains: "HYPERLINK")).Subject);
        var detail = await reviewer.GetFromJsonAsync<JsonElement>($"/umbraco/forms/management/api/v1/entry/{id}");
        Assert.Equal("Approved", detail.GetProperty("state").GetString());
        Assert.Equal(["Submitted", "Approved"], detail.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("state").GetString()!).ToArray());

        var csv = await reviewer.GetStringAsync($"/umbraco/forms/management/api/v1/form/{form.Id}/entry/export");
        Assert.Contains("\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\"", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);

        var xlsx = await reviewer.GetAsync($"/umbraco/forms/management/api/v1/form/{form.Id}/entry/export?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("'=HYPERLINK(\"https://evil.example\",\"click\")", rows.Single()["Name"]?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.GetAsync($"/umbraco/forms/management/api/v1/form/{form.Id}/entry/export?format=exe")).StatusCode);
    }

    [Fact]
    public async Task Entries_past_their_retention_are_deleted_with_their_files()
    {
        var form = TestForms.Application();
        form.DaysToRetainApprovedRecordsFor = 30;
        await host.SaveFormAsync(form);
        var entry = TestForms.ValidEntry();
        entry["values"]!["supportingDocument"] = new JsonArray(new JsonObject { ["fileName"] = "a.pdf", ["fileContents"] = "data:application/pdf;base64," + Convert.ToBase64String(Encoding.ASCII.GetBytes("%PDF-1.4 x")) });
        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", entry)).StatusCode);
        var stored = (await EntriesAsync(form.Id)).GetProperty("items")[0].GetProperty("values").GetProperty("supportingDocument")[0].GetString()!;
        var retention = host.Services.GetRequiredService<Mahse.Cms.Forms.Entries.EntryRetentionService>();

        await retention.PurgeAsync(CancellationToken.None);
        Assert.Equal(1, (await EntriesAsync(form.Id)).GetProperty("total").GetInt64());

        host.Clock.Advance(TimeSpan.FromDays(31));
        Assert.True(await retention.PurgeAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, (await EntriesAsync(form.Id)).GetProperty("total").GetInt64());
        Assert.False(File.Exists(Path.Combine(host.ContentRoot, stored)));
    }
}

/// <summary>Umbraco Forms' default: the API is off, and both endpoints say so.</summary>
public sealed class FormsOffTests(FormsOffHost host) : IClassFixture<FormsOffHost>
{
    [Fact]
    public async Task Both_endpoints_answer_403_when_the_api_is_not_enabled()
    {
        var get = await host.Anonymous().GetAsync($"/umbraco/forms/delivery/api/v1/definitions/{Guid.NewGuid()}");
        var post = await host.Anonymous().PostAsJsonAsync($"/umbraco/forms/api/v1/entries/{Guid.NewGuid()}", TestForms.ValidEntry());

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("The Forms API is not enabled.", problem.GetProperty("detail").GetString());
            Assert.Equal("https://httpstatuses.io/403", problem.GetProperty("type").GetString());
        }
    }
}

/// <summary>Browser posts need the antiforgery token; public submissions are rate limited.</summary>
public sealed class FormsBrowserTests(FormsBrowserHost host) : IClassFixture<FormsBrowserHost>
{
    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_bursts_are_rate_limited()
    {
        var form = TestForms.Application();
        var admin = await host.ClientAsync();
        await ManagementApi.EnsureAsync(await admin.PutAsJsonAsync($"/umbraco/forms/management/api/v1/form/{form.Id}", form, Mahse.Cms.Forms.FormStore.Json), HttpStatusCode.Created);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await host.Anonymous().PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", TestForms.ValidEntry())).StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous().GetAsync($"/umbraco/forms/delivery/api/v1/definitions/{form.Id}")).StatusCode); // GET needs no token
    }
}

/// <summary>A workflow whose email server is down: the entry is kept, the run is retried with back-off, nothing is lost.</summary>
public sealed class FormsMailDownTests(FormsMailDownHost host) : IClassFixture<FormsMailDownHost>
{
    [Fact]
    public async Task The_entry_is_kept_and_the_workflow_waits_to_be_retried()
    {
        var form = TestForms.Application(notify: "team@mahse.test");
        var admin = await host.ClientAsync();
        await ManagementApi.EnsureAsync(await admin.PutAsJsonAsync($"/umbraco/forms/management/api/v1/form/{form.Id}", form, Mahse.Cms.Forms.FormStore.Json), HttpStatusCode.Created);
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Add("Api-Key", FormsHost.ApiKey);

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", TestForms.ValidEntry())).StatusCode);
        await host.Services.GetRequiredService<WorkflowWorker>().RunDueAsync(CancellationToken.None);

        await using var db = host.Services.GetRequiredService<ICmsDbContextFactory>().CreateDbContext();
        Assert.Equal(1, await db.FormEntries.CountAsync(e => e.FormKey == form.Id));
        var runs = await db.FormWorkflowRuns.AsNoTracking().Where(r => r.FormKey == form.Id).ToListAsync();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r =>
        {
            Assert.Equal(WorkflowRunStatus.Pending, r.Status);
            Assert.True(r.Attempts >= 1);
            Assert.NotNull(r.LastError);
            Assert.True(r.NextAttemptAt > host.Clock.GetUtcNow().UtcDateTime);
        });
        Assert.Equal(TimeSpan.FromSeconds(5), WorkflowWorker.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(40), WorkflowWorker.Backoff(4));
    }
}

/// <summary>Forms travel in uSync.Forms' files: the fixture's form imports, serves, exports and re-imports unchanged.</summary>
public sealed class FormsUsyncTests(FormsHost host) : IClassFixture<FormsHost>
{
    [Fact]
    public async Task A_usync_forms_file_imports_and_round_trips()
    {
        var folder = Path.Combine(host.ContentRoot, "forms-import");
        Directory.CreateDirectory(Path.Combine(folder, "Forms"));
        File.Copy(Path.Combine(Fixtures.Shared, "contracts", "fixtures", "forms", "usync-forms", "test-form.config"), Path.Combine(folder, "Forms", "test-form.config"));
        var sync = host.Services.GetRequiredService<Mahse.Cms.Sync.SyncService>();

        var report = await sync.ImportAsync(folder, dryRun: false, Mahse.Cms.Sync.SyncGroups.All, CancellationToken.None);
        Assert.False(report.HasFailures, string.Join("\n", report.Lines.Where(l => !l.Success).Select(l => l.Message)));

        var id = Guid.Parse("cfd53d45-b300-4980-a792-4148aa092911");
        var definition = await host.Forms().GetFromJsonAsync<JsonElement>($"/umbraco/forms/delivery/api/v1/definitions/{id}");
        var consent = definition.GetProperty("pages")[0].GetProperty("fieldsets")[0].GetProperty("columns")[0].GetProperty("fields")[0];
        Assert.Equal("dataConsent", consent.GetProperty("alias").GetString());
        Assert.Equal("Consent is required to store and process the data in this form.", consent.GetProperty("requiredErrorMessage").GetString());
        Assert.Equal("Yes, I give permission to store and process my data", consent.GetProperty("settings").GetProperty("acceptCopy").GetString());
        Assert.True(definition.GetProperty("messageOnSubmitIsHtml").GetBoolean());

        var exported = Path.Combine(host.ContentRoot, "forms-export");
        await sync.ExportAsync(exported, Mahse.Cms.Sync.SyncGroups.All, CancellationToken.None);
        var written = System.Xml.Linq.XElement.Load(Path.Combine(exported, "Forms", "test-form.config"));
        Assert.Equal("forms-form", written.Name.LocalName);
        Assert.Equal("17c61629-d984-4e86-b43b-a8407b3efea9", written.Element("Info")!.Element("Workflows")!.Element("Workflow")!.Element("WorkflowTypeId")!.Value);
        var again = await sync.ImportAsync(exported, dryRun: false, Mahse.Cms.Sync.SyncGroups.All, CancellationToken.None);
        Assert.Equal(Mahse.Cms.Sync.SyncChange.NoChange, again.Lines.Single(l => l.File.Contains("test-form")).Change);
    }
}

/// <summary>Save and resume: a draft under an emailed token, resumed, updated, submitted once; a replayed or expired token gets nothing.</summary>
public sealed class FormDraftTests(FormsHost host) : IClassFixture<FormsHost>
{
    private const string Api = "/umbraco/forms/delivery/api/v1";

    [Fact]
    public async Task A_draft_resumes_by_its_emailed_token_and_cannot_be_replayed_after_submitting()
    {
        var form = TestForms.Application();
        await host.SaveFormAsync(form);
        var applicant = ManagementApi.Unique("draft.") + "@nhs.test";
        var firstPage = new JsonObject { ["name"] = "Dana Draft", ["email"] = applicant, ["careerStage"] = "Trainee", ["password"] = "never kept", ["notAField"] = "dropped" };

        var saved = await host.Forms().PostAsJsonAsync($"{Api}/drafts/{form.Id}", new JsonObject { ["values"] = firstPage, ["email"] = applicant, ["currentPage"] = 1 });
        Assert.Equal(HttpStatusCode.Accepted, saved.StatusCode);
        var token = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resumeToken").GetString()!;
        var mail = await host.Inbox.WaitForAsync(applicant, subjectContains: "Continue");
        Assert.Contains(Uri.EscapeDataString(token), mail.TextBody);

        var resumed = await host.Forms().GetFromJsonAsync<JsonElement>($"{Api}/drafts/{form.Id}?token={Uri.EscapeDataString(token)}");
        Assert.Equal(1, resumed.GetProperty("currentPage").GetInt32());
        Assert.Equal("Dana Draft", resumed.GetProperty("values").GetProperty("name")[0].GetString());
        Assert.False(resumed.GetProperty("values").TryGetProperty("notAField", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Forms().GetAsync($"{Api}/drafts/{form.Id}?token=guessed-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Forms().GetAsync($"{Api}/drafts/{Guid.NewGuid()}?token={Uri.EscapeDataString(token)}")).StatusCode);

        var entry = TestForms.ValidEntry(applicant);
        entry["draftToken"] = token;
        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", entry)).StatusCode);

        // The token is spent: no resuming, no second submission.
        Assert.Equal(HttpStatusCode.NotFound, (await host.Forms().GetAsync($"{Api}/drafts/{form.Id}?token={Uri.EscapeDataString(token)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", entry)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Forms().PutAsJsonAsync($"{Api}/drafts/{form.Id}?token={Uri.EscapeDataString(token)}", new JsonObject { ["values"] = new JsonObject() })).StatusCode);
    }

    [Fact]
    public async Task Uploads_saved_with_a_draft_are_checked_replaceable_and_go_into_the_entry_on_submit()
    {
        var form = TestForms.Application();
        await host.SaveFormAsync(form);
        var applicant = ManagementApi.Unique("upload.") + "@nhs.test";
        JsonObject File(string name, byte[] bytes) => new() { ["fileName"] = name, ["fileContents"] = "data:application/pdf;base64," + Convert.ToBase64String(bytes) };
        var first = Encoding.ASCII.GetBytes("%PDF-1.7\nfirst plan\n%%EOF");
        var second = Encoding.ASCII.GetBytes("%PDF-1.7\nsecond plan\n%%EOF");

        var disguised = await host.Forms().PostAsJsonAsync($"{Api}/drafts/{form.Id}", new JsonObject
        {
            ["values"] = new JsonObject { ["supportingDocument"] = new JsonArray(File("plan.pdf", [0x4D, 0x5A, 0x90, 0x00])) }, ["email"] = applicant,
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, disguised.StatusCode);
        Assert.Equal("The file plan.pdf is not a valid .pdf file.", (await disguised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("supportingDocument")[0].GetString());

        var saved = await host.Forms().PostAsJsonAsync($"{Api}/drafts/{form.Id}", new JsonObject
        {
            ["values"] = new JsonObject { ["name"] = "Uma Upload", ["supportingDocument"] = new JsonArray(File("first.pdf", first)) }, ["email"] = applicant,
        });
        Assert.Equal(HttpStatusCode.Accepted, saved.StatusCode);
        var token = Uri.EscapeDataString((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resumeToken").GetString()!);
        async Task<string[]> SavedFilesAsync() => (await host.Forms().GetFromJsonAsync<JsonElement>($"{Api}/drafts/{form.Id}?token={token}"))
            .GetProperty("files").GetProperty("supportingDocument").EnumerateArray().Select(f => f.GetString()!).ToArray();
        Assert.Equal(["first.pdf"], await SavedFilesAsync());

        // A later save with a new file replaces the field's file; one without keeps it.
        Assert.Equal(HttpStatusCode.OK, (await host.Forms().PutAsJsonAsync($"{Api}/drafts/{form.Id}?token={token}",
            new JsonObject { ["values"] = new JsonObject { ["name"] = "Uma Upload", ["supportingDocument"] = new JsonArray(File("second.pdf", second)) } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Forms().PutAsJsonAsync($"{Api}/drafts/{form.Id}?token={token}",
            new JsonObject { ["values"] = new JsonObject { ["name"] = "Uma Upload" }, ["currentPage"] = 2 })).StatusCode);
        Assert.Equal(["second.pdf"], await SavedFilesAsync());
        var drafts = Path.Combine(host.ContentRoot, "umbraco", "Data", "forms", "drafts");
        var draftFolder = Assert.Single(Directory.GetDirectories(drafts), d => Directory.GetFiles(d, "second.pdf", SearchOption.AllDirectories).Length > 0);

        var entry = TestForms.ValidEntry(applicant);
        entry["draftToken"] = Uri.UnescapeDataString(token);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Forms().PostAsJsonAsync($"{Api}/entries/{form.Id}", entry)).StatusCode);
        var entries = await (await host.ClientAsync()).GetFromJsonAsync<JsonElement>($"/umbraco/forms/management/api/v1/form/{form.Id}/entry");
        var stored = entries.GetProperty("items")[0].GetProperty("values").GetProperty("supportingDocument")[0].GetString()!;
        Assert.EndsWith("/second.pdf", stored);
        Assert.Equal(second, await System.IO.File.ReadAllBytesAsync(Path.Combine(host.ContentRoot, stored)));
        Assert.False(Directory.Exists(draftFolder)); // the draft ended with its files
    }

    [Fact]
    public async Task Expired_drafts_are_purged_with_their_files()
    {
        var form = TestForms.Application();
        await host.SaveFormAsync(form);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\npurged\n%%EOF");
        var saved = await host.Forms().PostAsJsonAsync($"{Api}/drafts/{form.Id}", new JsonObject
        {
            ["values"] = new JsonObject { ["supportingDocument"] = new JsonArray(new JsonObject { ["fileName"] = "purged.pdf", ["fileContents"] = Convert.ToBase64String(pdf) }) },
            ["email"] = "purge@nhs.test",
        });
        Assert.Equal(HttpStatusCode.Accepted, saved.StatusCode);
        var drafts = Path.Combine(host.ContentRoot, "umbraco", "Data", "forms", "drafts");
        var folder = Assert.Single(Directory.GetDirectories(drafts), d => Directory.GetFiles(d, "purged.pdf", SearchOption.AllDirectories).Length > 0);

        host.Clock.Advance(TimeSpan.FromDays(31));
        Assert.True(await host.Services.GetRequiredService<Mahse.Cms.Forms.Entries.FormDraftService>().PurgeExpiredAsync(CancellationToken.None) >= 1);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Drafts_expire_and_need_an_email_address()
    {
        var form = TestForms.Application();
        await host.SaveFormAsync(form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Forms().PostAsJsonAsync($"{Api}/drafts/{form.Id}", new JsonObject { ["values"] = new JsonObject() })).StatusCode);

        var saved = await host.Forms().PostAsJsonAsync($"{Api}/drafts/{form.Id}", new JsonObject { ["values"] = new JsonObject { ["name"] = "Eve" }, ["email"] = "eve@nhs.test" });
        var token = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resumeToken").GetString()!;
        host.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Forms().GetAsync($"{Api}/drafts/{form.Id}?token={Uri.EscapeDataString(token)}")).StatusCode);
    }
}

/// <summary>reCAPTCHA v3 is verified on the server with the token sent as the non-field value g-recaptcha-response.</summary>
public sealed class FormsRecaptchaTests(FormsRecaptchaHost host) : IClassFixture<FormsRecaptchaHost>
{
    [Fact]
    public async Task Entries_need_a_token_the_verifier_scores_above_the_threshold()
    {
        var form = TestForms.Application();
        var captcha = TestForms.Field("captcha", Mahse.Cms.Forms.Model.FormFieldTypes.Recaptcha3);
        captcha.Settings["ScoreThreshold"] = "0.5";
        captcha.Settings["ErrorMessage"] = "Please try again: we could not tell you from a robot.";
        form.Pages[1].FieldSets[0].Containers[0].Fields.Add(captcha);
        var admin = await host.ClientAsync();
        await ManagementApi.EnsureAsync(await admin.PutAsJsonAsync($"/umbraco/forms/management/api/v1/form/{form.Id}", form, Mahse.Cms.Forms.FormStore.Json), HttpStatusCode.Created);
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Add("Api-Key", FormsHost.ApiKey);

        async Task<HttpResponseMessage> PostAsync(string? token)
        {
            var entry = TestForms.ValidEntry();
            if (token is not null)
            {
                entry["values"]!["g-recaptcha-response"] = token;
            }

            return await client.PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", entry);
        }

        foreach (var token in new[] { null, "bot", "rejected" })
        {
            var refused = await PostAsync(token);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("Please try again: we could not tell you from a robot.", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("captcha")[0].GetString());
        }

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("human")).StatusCode);
    }
}
