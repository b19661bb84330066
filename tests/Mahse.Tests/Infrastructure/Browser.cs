using Microsoft.Playwright;

namespace Mahse.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (Playwright's own browser download does not work here). Where
/// MAHSE_REQUIRE_BROWSER=1 (as in CI) a missing Chromium fails the test instead of skipping it.
/// </summary>
public static class Browser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            if (Environment.GetEnvironmentVariable("MAHSE_REQUIRE_BROWSER") == "1")
            {
                throw new InvalidOperationException($"Chromium is required here (MAHSE_REQUIRE_BROWSER=1) but {ExecutablePath} does not exist: apt-get install chromium");
            }

            Skip.If(true, $"{ExecutablePath} is not installed (apt-get install chromium)");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }
}
