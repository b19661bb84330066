using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Mahse.Tests.Infrastructure;

/// <summary>
/// Accessibility checks with axe-core (the version package.json pins, installed by <c>npm ci</c> in tests/Mahse.Tests)
/// run in the page against WCAG 2.0, 2.1 and 2.2 A/AA rules. The check is scoped to one of our elements: axe is given
/// the element itself (our elements sit inside Umbraco's shadow roots, where a CSS selector from the document cannot
/// reach; axe descends into open shadow roots from there), so Umbraco's own header and sidebar are not judged here.
/// </summary>
public static class Axe
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>node_modules/axe-core/axe.min.js of the test project (found from the repository root, not the bin folder).</summary>
    public static string ScriptPath { get; } = Path.Combine(Repository.Root, "tests", "Mahse.Tests", "node_modules", "axe-core", "axe.min.js");

    /// <summary>
    /// Runs axe on the element <paramref name="scope"/> finds (it must be visible) and fails, listing every violation
    /// of impact serious or critical with its rule, impact, targets and help; minor and moderate ones are written to
    /// the output only.
    /// </summary>
    public static async Task CheckAsync(IPage page, ILocator scope, string what, Xunit.Abstractions.ITestOutputHelper output)
    {
        if (!File.Exists(ScriptPath))
        {
            throw new InvalidOperationException($"axe-core is not installed ({ScriptPath} is missing): run `npm ci` in tests/Mahse.Tests.");
        }

        await Assertions.Expect(scope).ToBeVisibleAsync();

        // Injected once per document (a navigation in the single-page backoffice keeps it).
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new() { Path = ScriptPath });
        }

        var result = await scope.EvaluateAsync<JsonElement>(
            "async (element, tags) => { const r = await axe.run(element, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });" +
            " return { passes: r.passes.length, violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, targets: v.nodes.map(n => JSON.stringify(n.target) + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) })) }; }",
            Tags);

        // A context axe could not find would pass every rule by checking nothing.
        var passes = result.GetProperty("passes").GetInt32();
        Assert.True(passes > 0, $"axe checked no rule in {what}: the element was not in the tree axe builds");

        var serious = new StringBuilder();
        foreach (var violation in result.GetProperty("violations").EnumerateArray())
        {
            var impact = violation.GetProperty("impact").GetString();
            var line = $"{violation.GetProperty("id").GetString()} ({impact}): {violation.GetProperty("help").GetString()} {violation.GetProperty("helpUrl").GetString()}\n" +
                string.Join('\n', violation.GetProperty("targets").EnumerateArray().Select(t => "    " + t.GetString()));
            output.WriteLine($"axe, {what}: {line}");
            if (impact is "serious" or "critical")
            {
                serious.AppendLine(line);
            }
        }

        Assert.True(serious.Length == 0, $"axe found serious or critical WCAG 2.2 AA violations in {what}:\n{serious}");
        output.WriteLine($"axe, {what}: no serious or critical violations ({passes} rules passed)");
    }
}
