using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Mahse.Cms.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Mahse.Cms.Tests.Members;

/// <summary>What a person does in a browser: register on the page, confirm by the emailed link, sign in through the authorization flow.</summary>
public sealed class MemberBrowserTests(MembersHost host) : IClassFixture<MembersHost>
{
    [SkippableFact]
    public async Task A_visitor_registers_confirms_and_signs_in_to_a_front_end_in_chromium()
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var driver = playwright;
        await using var chromium = browser;
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() })).NewPageAsync();
        var email = ManagementApi.Unique("browser.").ToLowerInvariant() + "@nhs.test";

        await page.GotoAsync("/members/register");
        await page.GetByLabel("Full name").FillAsync("Bea Browser");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByLabel("Career stage").SelectOptionAsync("Clinical scientist");
        await page.GetByLabel("Healthcare science division").SelectOptionAsync("Physiological sciences");
        await page.Locator("select[name=region]").SelectOptionAsync("Cumbria");
        await page.GetByLabel("List me in the network directory").CheckAsync();
        await page.EvaluateAsync("() => document.querySelector('input[name=password]').removeAttribute('minlength')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        Assert.Contains("Password", await page.GetByRole(AriaRole.Alert).InnerTextAsync()); // refused, fields kept
        Assert.Equal(email, await page.GetByLabel("Email").InputValueAsync());

        await page.GetByLabel("Password").FillAsync("a long browser passphrase");
        await page.GetByLabel("Career stage").SelectOptionAsync("Clinical scientist");
        await page.GetByLabel("Healthcare science division").SelectOptionAsync("Physiological sciences");
        await page.Locator("select[name=region]").SelectOptionAsync("Cumbria");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Check your email");

        var (_, _, link) = SmtpInbox.Link(await host.Inbox.WaitForAsync(email, subjectContains: "Confirm"));
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Email address confirmed");

        // A front end sends the visitor to authorize; the site's login page signs them in; the browser returns with a code.
        string? callback = null;
        await page.RouteAsync(MembersHost.App + "/**", async route =>
        {
            callback = route.Request.Url;
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, Body = "front end" });
        });
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await page.GotoAsync(MembersHost.AuthorizeUrl(verifier));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Sign in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a long browser passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(MembersHost.Callback + "**");

        var code = System.Web.HttpUtility.ParseQueryString(new Uri(callback!).Query)["code"]!;
        var token = await host.Anonymous().PostAsync("/umbraco/delivery/api/v1/security/member/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = "umbraco-member", ["code"] = code, ["redirect_uri"] = MembersHost.Callback, ["code_verifier"] = verifier,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.True((await token.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("access_token", out _));
    }
}
