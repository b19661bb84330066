using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mahse.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Mahse.Tests.Sync;

/// <summary>A site with MAHSE's uSync folder, not imported on first boot, so a dry run has items to report.</summary>
public sealed class SyncDashboardSite : UmbracoSite
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ImportOnFirstBoot"] = "false",
    };
}

/// <summary>The sync dashboard in the Settings section, driven in Chromium as an administrator and as someone who is not one.</summary>
public sealed class SyncDashboardTests(SyncDashboardSite site, ITestOutputHelper output) : IClassFixture<SyncDashboardSite>
{
    [SkippableFact]
    public async Task An_administrator_runs_a_dry_run_from_the_settings_dashboard_and_sees_the_report()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });

        await Backoffice.WithScreenshotOnFailureAsync(page, "sync-dashboard-admin", output, async () =>
        {
            await Backoffice.SignInAsync(page, site.BaseAddress, UmbracoSite.AdminEmail, UmbracoSite.AdminPassword);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/umbraco/section/settings"));
            await page.GetByRole(AriaRole.Tab, new() { Name = "MAHSE sync" }).ClickAsync();
            var dashboard = page.Locator("mahse-sync-dashboard");
            await Assertions.Expect(dashboard.GetByText("it is not uSync itself")).ToBeVisibleAsync();

            await dashboard.GetByRole(AriaRole.Button, new() { Name = "Report (dry run)" }).ClickAsync();

            var rows = dashboard.Locator("table:not(.fields) > tbody > tr:not(.details)");
            await Assertions.Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 120_000 });
            await Assertions.Expect(dashboard.GetByRole(AriaRole.Status)).ToContainTextAsync("Report (dry run) finished");
            await Assertions.Expect(dashboard.GetByText("Last report (dry run: nothing was changed)")).ToBeVisibleAsync();
            var shown = await rows.CountAsync();
            var report = await LastReportAsync();
            Assert.Equal(report.GetProperty("lines").GetArrayLength(), shown);
            Assert.True(shown > 0, "the dry run of MAHSE's uSync folder reported no items");
            Assert.Equal("Report", report.GetProperty("action").GetString());

            // The same report, with the server's own first row, is what the table shows.
            var lines = report.GetProperty("lines").EnumerateArray().ToList();
            await Assertions.Expect(rows.First.Locator("td").Nth(2)).ToHaveTextAsync(lines[0].GetProperty("alias").GetString()!);

            // A line's field changes open from the keyboard (MAHSE's data types differ from a new site's defaults).
            var changed = lines.FindIndex(l => l.GetProperty("details").GetArrayLength() > 0);
            Assert.True(changed >= 0, "the dry run reported no field changes to show");
            var disclosure = rows.Nth(changed).GetByRole(AriaRole.Button);
            await Assertions.Expect(disclosure).ToHaveAttributeAsync("aria-expanded", "false");
            await disclosure.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(disclosure).ToHaveAttributeAsync("aria-expanded", "true");
            var fields = dashboard.Locator("#" + await disclosure.GetAttributeAsync("aria-controls"));
            await Assertions.Expect(fields.GetByText("Fields that differ")).ToBeVisibleAsync();
            var field = lines[changed].GetProperty("details")[0].GetProperty("name").GetString()!;
            await Assertions.Expect(fields.GetByRole(AriaRole.Rowheader, new() { Name = field, Exact = true })).ToBeVisibleAsync();
            output.WriteLine("dashboard screenshot: " + await Backoffice.ScreenshotAsync(page, "sync-dashboard"));

            // Items without changes can be left out.
            var changesOnly = dashboard.GetByRole(AriaRole.Switch, new() { Name = "Only items with changes" });
            await changesOnly.FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(changesOnly).ToBeCheckedAsync();
            await Assertions.Expect(rows).ToHaveCountAsync(lines.Count(l => l.GetProperty("change").GetString() != "NoChange"));
        });
    }

    [SkippableFact]
    public async Task A_user_with_the_settings_section_who_is_not_an_administrator_does_not_see_the_dashboard()
    {
        const string email = "settings-editor@mahse.test";
        const string password = "Another-Correct-Horse-42";
        await CreateSettingsUserAsync(email, password);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });

        await Backoffice.WithScreenshotOnFailureAsync(page, "sync-dashboard-not-admin", output, async () =>
        {
            await Backoffice.SignInAsync(page, site.BaseAddress, email, password);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Settings" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/umbraco/section/settings"));
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Welcome" })).ToBeVisibleAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "MAHSE sync" })).ToHaveCountAsync(0);
            await page.GotoAsync(new Uri(site.BaseAddress, "/umbraco/section/settings/dashboard/mahse-sync").ToString());
            await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Welcome" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("mahse-sync-dashboard")).ToHaveCountAsync(0);
        });
    }

    private async Task<JsonElement> LastReportAsync()
    {
        using var admin = await site.ManagementClientAsync();
        return JsonDocument.Parse(await admin.GetStringAsync("/umbraco/management/api/v1/usync/report")).RootElement.Clone();
    }

    /// <summary>A person (not an API user) in a group with the Settings section but not the admin group, made through the Management API.</summary>
    private async Task CreateSettingsUserAsync(string email, string password)
    {
        using var admin = await site.ManagementClientAsync();
        var groupId = Guid.NewGuid();
        using var group = await admin.PostAsJsonAsync("/umbraco/management/api/v1/user-group", new
        {
            id = groupId,
            name = "Settings editors",
            alias = "settingsEditors",
            sections = new[] { "Umb.Section.Settings" },
            languages = Array.Empty<string>(),
            hasAccessToAllLanguages = true,
            documentRootAccess = true,
            mediaRootAccess = true,
            elementRootAccess = true,
            fallbackPermissions = Array.Empty<string>(),
            permissions = Array.Empty<object>(),
        });
        Assert.True(group.StatusCode == HttpStatusCode.Created, await group.Content.ReadAsStringAsync());

        var userId = Guid.NewGuid();
        using var user = await admin.PostAsJsonAsync("/umbraco/management/api/v1/user", new
        {
            id = userId,
            email,
            userName = email,
            name = "Settings Editor",
            userGroupIds = new[] { new { id = groupId } },
            kind = "Default",
        });
        Assert.True(user.StatusCode == HttpStatusCode.Created, await user.Content.ReadAsStringAsync());

        using var changed = await admin.PostAsJsonAsync($"/umbraco/management/api/v1/user/{userId}/change-password", new { newPassword = password });
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
    }
}
