using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mahse.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Mahse.Tests.Forms.Backoffice;

/// <summary>The MAHSE Forms section as the browser tests drive it, and the Forms Management API they check it against.</summary>
public static class FormsBackoffice
{
    public const string Api = "/umbraco/management/api/v1/mahse-forms/";

    /// <summary>Browser console errors and failed requests go to the test's output, to explain a failure.</summary>
    public static void LogProblems(IPage page, Xunit.Abstractions.ITestOutputHelper output)
    {
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                output.WriteLine($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => output.WriteLine("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Url.Contains("mahse-forms", StringComparison.Ordinal))
            {
                output.WriteLine($"HTTP {response.Status} {response.Request.Method} {response.Url}");
            }
        };
    }

    /// <summary>Opens the Forms section from the section tabs (only users whose groups have Mahse.Section.Forms see the tab).</summary>
    public static async Task OpenSectionAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Tab, new() { Name = "Forms", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/umbraco/section/mahse-forms"));
    }

    /// <summary>A field editor is a group named "Settings of field …"; the one just added is the open one.</summary>
    public static ILocator OpenField(IPage page) => page.Locator("mahse-form-builder li.field.open");

    /// <summary>
    /// Flips a uui-toggle found by its switch's accessible name. uui-toggle keeps its role="switch" input visually
    /// hidden (zero size) behind the drawn toggle, so Playwright will not click the input; a person clicks the toggle,
    /// and so does this.
    /// </summary>
    public static async Task ToggleAsync(ILocator scope, string name)
    {
        var toggle = scope.Locator("uui-toggle").Filter(new() { Has = scope.Page.GetByRole(AriaRole.Switch, new() { Name = name, Exact = true }) });
        await toggle.ClickAsync();
    }

    /// <summary>Picks an option of a uui-select by its visible text (the native select inside carries the label).</summary>
    public static async Task SelectAsync(ILocator scope, string label, string option, bool exact = true)
    {
        var select = scope.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = exact });
        await select.SelectOptionAsync(new SelectOptionValue { Label = option });
    }

    /// <summary>The id of the form with this name, from the Management API's list.</summary>
    public static async Task<Guid?> FindFormAsync(HttpClient admin, string name)
    {
        var forms = JsonDocument.Parse(await admin.GetStringAsync(Api + "form")).RootElement;
        return forms.EnumerateArray().Where(f => f.GetProperty("name").GetString() == name).Select(f => (Guid?)f.GetProperty("id").GetGuid()).FirstOrDefault();
    }

    public static async Task<JsonElement> GetFormAsync(HttpClient admin, Guid id) =>
        JsonDocument.Parse(await admin.GetStringAsync($"{Api}form/{id}")).RootElement.Clone();

    /// <summary>Creates a form through the Management API (for tests that start from an existing form).</summary>
    public static async Task<Guid> CreateFormAsync(HttpClient admin, object form)
    {
        using var response = await admin.PostAsJsonAsync(Api + "form", new { folderId = (Guid?)null, form });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST form: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public static IEnumerable<JsonElement> Fields(JsonElement form) =>
        form.GetProperty("pages").EnumerateArray()
            .SelectMany(p => p.GetProperty("fieldSets").EnumerateArray())
            .SelectMany(s => s.GetProperty("containers").EnumerateArray())
            .SelectMany(c => c.GetProperty("fields").EnumerateArray());

    /// <summary>A short form with a field of each common kind, as the API stores it, for the entries and accessibility tests.</summary>
    public static object SampleForm(string name) => new
    {
        id = Guid.NewGuid(),
        name,
        messageOnSubmit = "Thank you",
        pages = new[]
        {
            new
            {
                id = Guid.NewGuid(),
                caption = "About you",
                sortOrder = 0,
                fieldSets = new[]
                {
                    new
                    {
                        id = Guid.NewGuid(),
                        caption = (string?)null,
                        sortOrder = 0,
                        containers = new[]
                        {
                            new
                            {
                                caption = (string?)null,
                                width = 12,
                                fields = new object[]
                                {
                                    new { id = Guid.NewGuid(), alias = "fullName", caption = "Full name", fieldTypeId = "3f92e01b-29e2-4a30-bf33-9df5580ed52c", mandatory = true, settings = new Dictionary<string, string>() },
                                    new { id = Guid.NewGuid(), alias = "email", caption = "Email", fieldTypeId = "3f92e01b-29e2-4a30-bf33-9df5580ed52c", mandatory = true, settings = new Dictionary<string, string>() },
                                    new
                                    {
                                        id = Guid.NewGuid(), alias = "career", caption = "Career stage", fieldTypeId = "0dd29d42-a6a5-11de-a2f2-222256d89593",
                                        preValues = new[] { new { value = "Early", caption = "Early career" }, new { value = "Senior", caption = "Senior" } },
                                        settings = new Dictionary<string, string>(),
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    };
}
