using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Mahse.Tests.Infrastructure;

/// <summary>Umbraco's backoffice in Chromium: signing in as a person does, and screenshots kept as test output.</summary>
public static class Backoffice
{
    /// <summary>Where screenshots go: MAHSE_TEST_OUTPUT, or TestResults/screenshots at the repository root (ignored by git).</summary>
    public static string OutputFolder { get; } =
        Environment.GetEnvironmentVariable("MAHSE_TEST_OUTPUT") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Repository.Root, "TestResults", "screenshots");

    /// <summary>Opens /umbraco and signs in with the login form (fields labelled E-mail and Password, a Login button).</summary>
    public static async Task SignInAsync(IPage page, Uri site, string email, string password)
    {
        await page.GotoAsync(new Uri(site, "/umbraco").ToString());
        await page.GetByLabel(new Regex("E-?mail", RegexOptions.IgnoreCase)).And(page.Locator("input")).FillAsync(email);

        // The password field's label also names its "Show password" toggle; the input is the one to fill.
        await page.GetByLabel("Password").And(page.Locator("input")).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Login" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/umbraco/section/"), new() { Timeout = 60_000 });
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(OutputFolder);
        var path = Path.Combine(OutputFolder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Runs a browser test body and, when it fails, keeps a screenshot of the page as it was.</summary>
    public static async Task WithScreenshotOnFailureAsync(IPage page, string name, ITestOutputHelper output, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            try
            {
                output.WriteLine("screenshot of the failure: " + await ScreenshotAsync(page, name + "-failure"));
            }
            catch (PlaywrightException)
            {
                // The page itself may be what failed; the test's own exception is the one to report.
            }

            throw;
        }
    }
}
