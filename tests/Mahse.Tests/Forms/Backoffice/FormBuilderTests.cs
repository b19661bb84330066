using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mahse.Tests.Infrastructure;
using Microsoft.Playwright;
using BackofficeUi = Mahse.Tests.Infrastructure.Backoffice;
using Xunit.Abstractions;

namespace Mahse.Tests.Forms.Backoffice;

/// <summary>
/// An editor (a person in Umbraco's Editors group, which the Forms package gives the Forms section) builds a form in the
/// Forms section in Chromium, and picks it on a fellowship call. Checked through HTTP: the Management API returns
/// what was built, the Delivery API returns the call's form picker as Umbraco Forms' picker does.
/// </summary>
public sealed class FormBuilderTests(MahseSite site, ITestOutputHelper output) : IClassFixture<MahseSite>
{
    private const string Password = "Forms-Editor-Horse-42";
    private static readonly Guid SendEmail = Guid.Parse("E96BADD7-05BE-4978-B8D9-B3D733DE70A5");
    private static readonly Guid Dropdown = Guid.Parse("0DD29D42-A6A5-11DE-A2F2-222256D89593");

    [SkippableFact]
    public async Task An_editor_builds_a_two_page_form_with_a_condition_a_workflow_and_a_closing_date_and_picks_it_on_a_fellowship_call()
    {
        const string email = "forms-editor@mahse.test";
        await BackofficeUsers.CreateAsync(site, email, Password, "editor");
        var call = site.Seed.First(d => d.ContentType == "fellowshipCall" && d.Published && !d.Protected);
        var name = "Travel grant application " + Guid.NewGuid().ToString("N")[..6];

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1100 } });
        FormsBackoffice.LogProblems(page, output);
        Guid formId = default;

        await BackofficeUi.WithScreenshotOnFailureAsync(page, "forms-builder-editor", output, async () =>
        {
            await BackofficeUi.SignInAsync(page, site.BaseAddress, email, Password);
            await FormsBackoffice.OpenSectionAsync(page);
            await Axe.CheckAsync(page, page.Locator("mahse-forms-start"), "the Forms section's start view", output);
            await page.Locator("mahse-forms-start").GetByRole(AriaRole.Link, new() { Name = "Create a form" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/workspace/mahse-form/create/"));

            var builder = page.Locator("mahse-form-builder");
            await builder.GetByRole(AriaRole.Textbox, new() { Name = "Form name", Exact = true }).FillAsync(name);
            await builder.GetByRole(AriaRole.Textbox, new() { Name = "Caption of page 1", Exact = true }).FillAsync("About you");

            // Page 1: a mandatory name, a dropdown, and a field shown only when the dropdown says Yes.
            await builder.GetByRole(AriaRole.Button, new() { Name = "Add field to column 1 of fieldset 1 on page 1" }).ClickAsync();
            var field = FormsBackoffice.OpenField(page);
            await field.GetByRole(AriaRole.Textbox, new() { Name = "Caption", Exact = true }).FillAsync("Full name");
            await Assertions.Expect(field.GetByRole(AriaRole.Textbox, new() { Name = "Alias", Exact = true })).ToHaveValueAsync("fullName");
            await FormsBackoffice.ToggleAsync(field, "Mandatory");
            await Assertions.Expect(field.GetByRole(AriaRole.Switch, new() { Name = "Mandatory", Exact = true })).ToBeCheckedAsync();
            await Axe.CheckAsync(page, builder, "the builder with a field open", output);

            await builder.GetByRole(AriaRole.Button, new() { Name = "Add field to column 1 of fieldset 1 on page 1" }).ClickAsync();
            await FormsBackoffice.SelectAsync(field, "Field type", "Dropdown");
            await field.GetByRole(AriaRole.Textbox, new() { Name = "Caption", Exact = true }).FillAsync("Has a co-applicant");
            await Assertions.Expect(field.GetByRole(AriaRole.Textbox, new() { Name = "Alias", Exact = true })).ToHaveValueAsync("hasACoApplicant");
            await field.GetByRole(AriaRole.Textbox, new() { Name = "Alias", Exact = true }).FillAsync("hasCoApplicant");
            await field.GetByRole(AriaRole.Button, new() { Name = "Add choice" }).ClickAsync();
            await field.GetByRole(AriaRole.Textbox, new() { Name = "Value of choice 1" }).FillAsync("Yes");
            await field.GetByRole(AriaRole.Button, new() { Name = "Add choice" }).ClickAsync();
            await field.GetByRole(AriaRole.Textbox, new() { Name = "Value of choice 2" }).FillAsync("No");

            await builder.GetByRole(AriaRole.Button, new() { Name = "Add field to column 1 of fieldset 1 on page 1" }).ClickAsync();
            await field.GetByRole(AriaRole.Textbox, new() { Name = "Caption", Exact = true }).FillAsync("Co-applicant name");
            await FormsBackoffice.ToggleAsync(field, "Show or hide field Co-applicant name by a condition");
            await FormsBackoffice.SelectAsync(field, "Rule 1 field", "Has a co-applicant");
            await FormsBackoffice.SelectAsync(field, "Rule 1 operator", "is");
            await field.GetByRole(AriaRole.Textbox, new() { Name = "Rule 1 value" }).FillAsync("Yes");
            await field.GetByRole(AriaRole.Button, new() { Name = "Done", Exact = true }).ClickAsync();
            await Assertions.Expect(builder.Locator("li.field")).ToHaveCountAsync(3);

            // Page 2: an email with a pattern.
            await builder.GetByRole(AriaRole.Button, new() { Name = "Add page", Exact = true }).ClickAsync();
            await builder.GetByRole(AriaRole.Textbox, new() { Name = "Caption of page 2", Exact = true }).FillAsync("Contact");
            await builder.GetByRole(AriaRole.Button, new() { Name = "Add field to column 1 of fieldset 1 on page 2" }).ClickAsync();
            await field.GetByRole(AriaRole.Textbox, new() { Name = "Caption", Exact = true }).FillAsync("Email");
            await field.GetByRole(AriaRole.Textbox, new() { Name = "Validation (regular expression)" }).FillAsync("^[^@]+@[^@]+$");
            await FormsBackoffice.ToggleAsync(field, "Mandatory");

            var workspace = page.Locator("umb-workspace-editor");
            await workspace.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
            var settings = page.Locator("mahse-form-settings");
            await settings.GetByLabel("Closing date (UTC)").And(page.Locator("input")).FillAsync("2027-03-31T17:00");
            await FormsBackoffice.ToggleAsync(settings, "Entries need manual approval");
            await settings.GetByRole(AriaRole.Spinbutton, new() { Name = "Submitted entries" }).FillAsync("365");

            await workspace.GetByRole(AriaRole.Tab, new() { Name = "Workflows" }).ClickAsync();
            var workflows = page.Locator("mahse-form-workflows");
            await workflows.GetByRole(AriaRole.Button, new() { Name = "Add workflow" }).ClickAsync();
            await FormsBackoffice.SelectAsync(workflows, "Type of workflow 1", "Send email");
            await FormsBackoffice.SelectAsync(workflows, "Workflow 1 runs when an entry is", "approved");
            await workflows.GetByRole(AriaRole.Textbox, new() { Name = "Name of workflow 1" }).FillAsync("Tell the applicant");
            await workflows.GetByRole(AriaRole.Textbox, new() { Name = "Recipients (workflow 1)" }).FillAsync("{email}");
            await workflows.GetByRole(AriaRole.Textbox, new() { Name = "Subject (workflow 1)" }).FillAsync("Your application is approved");

            await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/workspace/mahse-form/edit/[0-9a-f-]{36}"), new() { Timeout = 30_000 });
            formId = Guid.Parse(Regex.Match(page.Url, "edit/([0-9a-f-]{36})").Groups[1].Value);

            // The new form is in the tree.
            await Assertions.Expect(page.Locator("umb-section-sidebar").GetByText(name)).ToBeVisibleAsync();

            // Editors are not entry readers: the Entries view says so instead of failing.
            await workspace.GetByRole(AriaRole.Tab, new() { Name = "Entries" }).ClickAsync();
            await Assertions.Expect(page.Locator("mahse-form-entries").GetByRole(AriaRole.Alert)).ToContainTextAsync("You cannot read this form's entries");
            output.WriteLine("builder screenshot: " + await BackofficeUi.ScreenshotAsync(page, "forms-builder-saved"));
        });

        // What the builder saved, as the Management API returns it.
        using var admin = await site.ManagementClientAsync();
        Assert.Equal(formId, await FormsBackoffice.FindFormAsync(admin, name));
        var saved = await FormsBackoffice.GetFormAsync(admin, formId);
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("folderId").ValueKind);
        var form = saved.GetProperty("form");
        Assert.Equal(name, form.GetProperty("name").GetString());
        Assert.Equal(2, form.GetProperty("pages").GetArrayLength());
        Assert.Equal(["About you", "Contact"], form.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("caption").GetString()));
        var fields = FormsBackoffice.Fields(form).ToDictionary(f => f.GetProperty("alias").GetString()!);
        Assert.Equal(["fullName", "hasCoApplicant", "coApplicantName", "email"], fields.Keys);
        Assert.True(fields["fullName"].GetProperty("mandatory").GetBoolean());
        Assert.Equal(Dropdown, fields["hasCoApplicant"].GetProperty("fieldTypeId").GetGuid());
        Assert.Equal(["Yes", "No"], fields["hasCoApplicant"].GetProperty("preValues").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        var condition = fields["coApplicantName"].GetProperty("condition");
        Assert.Equal("Show", condition.GetProperty("actionType").GetString());
        Assert.Equal("All", condition.GetProperty("logicType").GetString());
        var rule = Assert.Single(condition.GetProperty("rules").EnumerateArray());
        Assert.Equal(fields["hasCoApplicant"].GetProperty("id").GetGuid(), Guid.Parse(rule.GetProperty("field").GetString()!));
        Assert.Equal("Is", rule.GetProperty("operator").GetString());
        Assert.Equal("Yes", rule.GetProperty("value").GetString());
        Assert.Equal("^[^@]+@[^@]+$", fields["email"].GetProperty("regex").GetString());
        Assert.Equal(new DateTime(2027, 3, 31, 17, 0, 0, DateTimeKind.Utc), form.GetProperty("closesAt").GetDateTime().ToUniversalTime());
        Assert.True(form.GetProperty("manualApproval").GetBoolean());
        Assert.Equal(365, form.GetProperty("daysToRetainSubmittedRecordsFor").GetInt32());
        var workflow = Assert.Single(form.GetProperty("workflows").EnumerateArray());
        Assert.Equal(SendEmail, workflow.GetProperty("workflowTypeId").GetGuid());
        Assert.Equal("Approved", workflow.GetProperty("executesOn").GetString());
        Assert.Equal("Tell the applicant", workflow.GetProperty("name").GetString());
        Assert.Equal("{email}", workflow.GetProperty("settings").GetProperty("Email").GetString());

        // The editor picks the form on a fellowship call and publishes it.
        await BackofficeUi.WithScreenshotOnFailureAsync(page, "forms-picker-editor", output, async () =>
        {
            await page.GotoAsync(new Uri(site.BaseAddress, $"/umbraco/section/content/workspace/document/edit/{call.Key}").ToString());
            var picker = page.Locator("mahse-form-picker");
            await Assertions.Expect(picker.GetByRole(AriaRole.Combobox, new() { Name = "Form" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await FormsBackoffice.SelectAsync(picker, "Form", name);
            await Assertions.Expect(picker.GetByRole(AriaRole.Link, new() { Name = $"Open {name} in Forms" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
            output.WriteLine("picker screenshot: " + await BackofficeUi.ScreenshotAsync(page, "forms-picker"));
        });

        // The document stores the form's id as Umbraco Forms' picker does, and the Delivery API answers {id, form: null}.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JsonElement picked;
        while (true)
        {
            var (status, item) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{call.Key}");
            picked = status == HttpStatusCode.OK && item.GetProperty("properties").TryGetProperty("applicationForm", out var value) ? value : default;
            if (picked.ValueKind == JsonValueKind.Object && picked.GetProperty("id").GetGuid() == formId)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The Delivery API did not return the picked form in time (last: {(int)status} {item}).");
            await Task.Delay(500);
        }

        Assert.Equal(JsonValueKind.Null, picked.GetProperty("form").ValueKind);
        var document = JsonDocument.Parse(await admin.GetStringAsync(Documents.Management + call.Key)).RootElement;
        var stored = document.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("alias").GetString() == "applicationForm").GetProperty("value");
        Assert.Equal(formId.ToString(), stored.GetString(), ignoreCase: true);
    }
}
