using System.Text.RegularExpressions;
using Mahse.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Mahse.Tests.Editing;

/// <summary>
/// An editor's day in Umbraco's own backoffice, in Chromium: sign in, find a roadmap stage in the content tree, change
/// its text, save and publish; the portal's Delivery API then serves the new text.
/// </summary>
public sealed class EditorPublishesStageTests(MahseSite site, ITestOutputHelper output) : IClassFixture<MahseSite>
{
    [SkippableFact]
    public async Task An_editor_changes_a_roadmap_stage_in_the_backoffice_and_the_delivery_api_serves_the_new_text()
    {
        var stage = site.Seed.Where(d => d.ContentType == "roadmapStage").OrderBy(d => int.Parse(d.Value("stageOrder"))).First();
        var newSummary = $"Edited in the backoffice at {DateTime.UtcNow:HH:mm:ss}";
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        const string email = "editor@mahse.test", password = "Editor-Correct-Horse-7";
        await BackofficeUsers.CreateAsync(site, email, password, "editor");

        await Backoffice.WithScreenshotOnFailureAsync(page, "editor-publishes-stage", output, async () =>
        {
            await Backoffice.SignInAsync(page, site.BaseAddress, email, password);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Content" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/umbraco/section/content"));

            // The content tree: the site's root, then Roadmap, then the stage.
            await ExpandAsync(page, "MAHSE Research and Innovation");
            await ExpandAsync(page, "Roadmap");
            await page.GetByRole(AriaRole.Link, new() { Name = stage.Name, Exact = true }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/workspace/document/edit/{stage.Key}"), new() { Timeout = 30_000 });

            var summary = page.GetByRole(AriaRole.Textbox, new() { Name = "Summary" });
            await Assertions.Expect(summary).ToHaveValueAsync(stage.Value("summary"), new() { Timeout = 30_000 });
            await summary.FillAsync(newSummary);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Document published", new() { Exact = false }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            output.WriteLine("screenshot: " + await Backoffice.ScreenshotAsync(page, "editor-published-stage"));
        });

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? served;
        do
        {
            var (_, item) = await site.Delivery.GetAsync($"{DeliveryApi.Root}/item/{stage.Key}");
            served = item.GetProperty("properties").GetProperty("summary").GetString();
        }
        while (served != newSummary && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal(newSummary, served);
        var byStage = await site.Delivery.QueryAsync("filter=contentType:roadmapStage&sort=stageOrder:asc");
        Assert.Equal(newSummary, byStage.Single(i => DeliveryApi.Id(i) == stage.Key).GetProperty("properties").GetProperty("summary").GetString());
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }

    /// <summary>Opens a tree item's children with its caret button, as a person does; an item already open is left open.</summary>
    private static async Task ExpandAsync(IPage page, string name)
    {
        var link = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var caret = page.GetByRole(AriaRole.Button, new() { Name = $"Expand child items for {name}", Exact = true });
        if (await caret.CountAsync() > 0)
        {
            await caret.ClickAsync();
        }
    }
}
