using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mahse.Forms.Model;
using Mahse.Tests.Forms.Management;
using Mahse.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using BackofficeUi = Mahse.Tests.Infrastructure.Backoffice;

namespace Mahse.Tests.Forms.Backoffice;

/// <summary>
/// A reviewer (a person in the Reviewers group the forms package migration creates) finds an applicant's entry in the
/// Forms section in Chromium and approves it. Checked from the outside: the Management API says Approved, and the
/// form's "Send email" workflow on Approved delivers to the address the applicant typed, at a real SMTP server.
/// Each view the reviewer passes is checked with axe-core. A writer, by contrast, gets no Forms section at all.
/// </summary>
public sealed class EntryReviewTests(EntryReviewSite site, ITestOutputHelper output) : IClassFixture<EntryReviewSite>
{
    private const string Password = "Forms-Reviewer-Horse-42";
    private const string Subject = "Your application is approved";

    [SkippableFact]
    public async Task A_reviewer_finds_an_entry_in_the_Forms_section_approves_it_and_the_applicant_gets_the_approval_email()
    {
        var form = ApprovalForm("Small grant " + Guid.NewGuid().ToString("N")[..6]);
        using var admin = await site.ManagementClientAsync();
        using (var created = await admin.PostAsync(FormsBackoffice.Api + "form", FormsManagementSite.Body(form)))
        {
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        // Two applicants, so finding the one entry by its text is a real filter, not the only row.
        const string applicant = "ada.lovelace@applicants.test";
        await PostEntryAsync(form, "Grace Hopper", "grace.hopper@applicants.test", "Compilers for everyone");
        await PostEntryAsync(form, "Ada Lovelace", applicant, "An analytical engine for the clinic");
        var key = await EntryKeyAsync(admin, form, "Ada Lovelace");
        Assert.Equal("Submitted", await StateAsync(admin, key));
        Assert.Empty(site.Inbox.To(applicant));

        const string email = "forms-reviewer@mahse.test";
        await BackofficeUsers.CreateAsync(site, email, Password, "reviewers");

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1100 } });
        FormsBackoffice.LogProblems(page, output);

        await BackofficeUi.WithScreenshotOnFailureAsync(page, "forms-entry-review", output, async () =>
        {
            await BackofficeUi.SignInAsync(page, site.BaseAddress, email, Password);
            await FormsBackoffice.OpenSectionAsync(page);
            var start = page.Locator("mahse-forms-start");
            await Assertions.Expect(start.GetByRole(AriaRole.Link, new() { Name = form.Name, Exact = true })).ToBeVisibleAsync();
            await Axe.CheckAsync(page, start, "the Forms section's start view", output);

            await start.GetByRole(AriaRole.Link, new() { Name = form.Name, Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/workspace/mahse-form/edit/{form.Id}"));
            await page.Locator("umb-workspace-editor").GetByRole(AriaRole.Tab, new() { Name = "Entries" }).ClickAsync();
            var entries = page.Locator("mahse-form-entries");
            var rows = entries.Locator("table.entries tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Axe.CheckAsync(page, entries, "the Entries view", output);

            await entries.GetByRole(AriaRole.Searchbox, new() { Name = "Text in the entry's values" }).FillAsync("Lovelace");
            await entries.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
            await Assertions.Expect(entries.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 entry found.");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            await Assertions.Expect(rows).ToContainTextAsync("Ada Lovelace");

            await rows.GetByRole(AriaRole.Button, new() { Name = "Open entry of", Exact = false }).ClickAsync();
            var detail = entries.Locator("uui-box.entry");
            await Assertions.Expect(detail.Locator("#entry-heading")).ToContainTextAsync("(Submitted)");
            var values = detail.Locator("dl.values");
            await Assertions.Expect(values).ToContainTextAsync("Ada Lovelace");
            await Assertions.Expect(values).ToContainTextAsync(applicant);
            await Assertions.Expect(values).ToContainTextAsync("An analytical engine for the clinic");
            await Axe.CheckAsync(page, detail, "the entry detail", output);

            await detail.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();
            await Assertions.Expect(detail.Locator("#entry-heading")).ToContainTextAsync("(Approved)", new() { Timeout = 30_000 });
            await Assertions.Expect(detail.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true })).ToBeDisabledAsync();
            output.WriteLine("review screenshot: " + await BackofficeUi.ScreenshotAsync(page, "forms-entry-approved"));

            // The accessibility check is not vacuous: an unlabelled input put into our element's shadow root fails it.
            await entries.EvaluateAsync("e => { const i = document.createElement('input'); i.id = 'axe-probe'; e.shadowRoot.append(i); }");
            var caught = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => Axe.CheckAsync(page, entries, "the Entries view with an unlabelled input", output));
            Assert.Contains("#axe-probe", caught.Message);
            Assert.Contains("label", caught.Message);
            await entries.EvaluateAsync("e => e.shadowRoot.getElementById('axe-probe').remove()");
        });

        // From the outside: the entry is approved by the signed-in reviewer (not an API user), and the workflow's email
        // reached the applicant's own address.
        var approved = await admin.GetFromJsonAsync<JsonElement>($"{FormsBackoffice.Api}entry/{key}");
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
        var audit = approved.GetProperty("audit").EnumerateArray().Last();
        Assert.Equal("Approved", audit.GetProperty("state").GetString());
        Assert.Equal("forms-reviewer", audit.GetProperty("by").GetString());
        var mail = await site.Inbox.WaitForAsync(applicant, subjectContains: Subject);
        Assert.Equal(Subject, mail.Subject);
        Assert.Equal([applicant], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Empty(site.Inbox.To("grace.hopper@applicants.test"));
    }

    [SkippableFact]
    public async Task A_writer_does_not_get_the_Forms_section()
    {
        const string email = "forms-writer@mahse.test";
        await BackofficeUsers.CreateAsync(site, email, Password, "writer");

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1100 } });

        await BackofficeUi.WithScreenshotOnFailureAsync(page, "forms-writer-sections", output, async () =>
        {
            await BackofficeUi.SignInAsync(page, site.BaseAddress, email, Password);

            // The section tabs have rendered (a writer has Content), and Forms is not among them.
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Content", Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Forms", Exact = true })).ToHaveCountAsync(0);
            output.WriteLine("writer screenshot: " + await BackofficeUi.ScreenshotAsync(page, "forms-writer-sections"));
        });
    }

    /// <summary>Name, email and a statement; entries wait for a reviewer; approval emails the address in the email field.</summary>
    private static FormDefinition ApprovalForm(string name) => new()
    {
        Id = Guid.NewGuid(),
        Name = name,
        ManualApproval = true,
        Workflows =
        [
            new FormWorkflow
            {
                Id = Guid.NewGuid(), Name = "Tell the applicant", WorkflowTypeId = FormWorkflowTypes.SendEmail, ExecutesOn = "Approved",
                Settings = { ["Email"] = "{email}", ["Subject"] = Subject },
            },
        ],
        Pages =
        [
            new FormPage
            {
                Id = Guid.NewGuid(), Caption = "Applicant",
                FieldSets =
                [
                    new FormFieldSet
                    {
                        Id = Guid.NewGuid(),
                        Containers =
                        [
                            new FormContainer
                            {
                                Fields =
                                [
                                    ManagementForms.Field("name", FormFieldTypes.ShortAnswer, "Full name"),
                                    ManagementForms.Field("email", FormFieldTypes.ShortAnswer, "Email"),
                                    ManagementForms.Field("statement", FormFieldTypes.LongAnswer, "Personal statement"),
                                ],
                            },
                        ],
                    },
                ],
            },
        ],
    };

    /// <summary>Posts an entry as the site's frontend does: the Forms delivery API with its key.</summary>
    private async Task PostEntryAsync(FormDefinition form, string name, string email, string statement)
    {
        using var visitor = site.Anonymous();
        visitor.DefaultRequestHeaders.Add("Api-Key", EntryReviewSite.FormsApiKey);
        using var posted = await visitor.PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", new JsonObject
        {
            ["values"] = new JsonObject { ["name"] = name, ["email"] = email, ["statement"] = statement },
        });
        Assert.True(posted.StatusCode == HttpStatusCode.Accepted, $"{(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");
    }

    private static async Task<Guid> EntryKeyAsync(HttpClient admin, FormDefinition form, string name)
    {
        var list = await admin.GetFromJsonAsync<JsonElement>($"{FormsBackoffice.Api}form/{form.Id}/entry");
        return list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("values").GetProperty("name")[0].GetString() == name).GetProperty("id").GetGuid();
    }

    private static async Task<string?> StateAsync(HttpClient admin, Guid key) =>
        (await admin.GetFromJsonAsync<JsonElement>($"{FormsBackoffice.Api}entry/{key}")).GetProperty("state").GetString();
}
