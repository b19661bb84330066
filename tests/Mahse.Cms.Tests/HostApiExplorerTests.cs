using System.Net;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Mahse.Cms.Tests;

/// <summary>The portal with Swagger UI switched on outside Development (Mahse:OpenApi:SwaggerUi).</summary>
public sealed class SwaggerUiHost : SqlitePortalHost
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Mahse:OpenApi:SwaggerUi"] = "true" };
}

/// <summary>Swagger UI at /umbraco/swagger, as Umbraco serves it, over the portal's four OpenAPI documents.</summary>
public sealed class HostApiExplorerTests(SwaggerUiHost host) : IClassFixture<SwaggerUiHost>
{
    [SkippableFact]
    public async Task A_front_end_developer_browses_the_delivery_and_forms_apis_in_swagger_ui()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        await using var _ = browser;
        using var __ = playwright;
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() })).NewPageAsync();

        await page.GotoAsync("/umbraco/swagger");
        var title = page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Assertions.Expect(title).ToContainTextAsync("Umbraco Delivery API");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "GET /umbraco/delivery/api/v2/content/item/{path}" }).First).ToBeVisibleAsync();

        await page.Locator("select#select").SelectOptionAsync(new SelectOptionValue { Label = "Umbraco Forms API" });
        await Assertions.Expect(title).ToContainTextAsync("Umbraco Forms API");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "POST /umbraco/forms/delivery/api/v1/entries/{id}" }).First).ToBeVisibleAsync();
    }
}

/// <summary>Outside Development and without the switch there is no Swagger UI, as in Umbraco; the documents stay.</summary>
public sealed class HostApiExplorerOffTests(SqlitePortalHost host) : IClassFixture<SqlitePortalHost>
{
    [Fact]
    public async Task Swagger_ui_is_off_by_default_and_the_documents_are_served()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await host.Anonymous().GetAsync("/umbraco/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous().GetAsync("/umbraco/openapi/delivery.json")).StatusCode);
    }
}
