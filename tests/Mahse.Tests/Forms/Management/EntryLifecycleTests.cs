using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mahse.Tests.Forms.Management;

/// <summary>
/// One entry's life across the modules on the real site: posted with an upload through the Forms delivery API,
/// found and downloaded through the management API, approved by a reviewer, whose approval wakes the workflow worker
/// (which otherwise polls only every ten minutes here), and finally deleted with its file.
/// </summary>
[Collection(FormsManagementCollection.Name)]
public sealed class EntryLifecycleTests(FormsManagementSite site)
{
    private const string Api = FormsManagementSite.Api;

    [Fact]
    public async Task A_posted_entry_is_reviewed_approved_with_its_workflow_run_at_once_and_deleted_with_its_file()
    {
        var form = ManagementForms.Application("Lifecycle " + Guid.NewGuid().ToString("N")[..6]);
        await site.CreateFormAsync(form);
        var reviewer = await site.ClientAsync("Reviewers");
        using var visitor = site.Anonymous();
        visitor.DefaultRequestHeaders.Add("Api-Key", FormsManagementSite.FormsApiKey);
        var pdf = "%PDF-1.4\n% lifecycle\n"u8.ToArray();

        using var posted = await visitor.PostAsJsonAsync($"/umbraco/forms/delivery/api/v1/entries/{form.Id}", new JsonObject
        {
            ["values"] = new JsonObject
            {
                ["name"] = "Katherine Johnson",
                ["email"] = "katherine@nhs.test",
                ["cv"] = new JsonArray(new JsonObject { ["fileName"] = "katherine-cv.pdf", ["fileContents"] = "data:application/pdf;base64," + Convert.ToBase64String(pdf) }),
            },
        });
        Assert.True(posted.StatusCode == HttpStatusCode.Accepted, $"{(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync()}");

        var list = await reviewer.GetFromJsonAsync<JsonElement>($"{Api}form/{form.Id}/entry?state=Submitted");
        var entry = list.GetProperty("items").EnumerateArray().Single();
        var key = entry.GetProperty("id").GetGuid();
        Assert.Equal("Katherine Johnson", entry.GetProperty("values").GetProperty("name")[0].GetString());
        Assert.Equal("katherine-cv.pdf", entry.GetProperty("values").GetProperty("cv")[0].GetString());

        var detail = await reviewer.GetFromJsonAsync<JsonElement>($"{Api}entry/{key}");
        var file = detail.GetProperty("files").EnumerateArray().Single();
        Assert.Equal(pdf, await reviewer.GetByteArrayAsync(file.GetProperty("url").GetString()));
        var stored = Directory.EnumerateFiles(Path.Combine(site.ContentRoot, "umbraco", "Data", "forms"), "katherine-cv.pdf", SearchOption.AllDirectories).Single();

        using var approved = await reviewer.PostAsync($"{Api}entry/{key}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var clock = Stopwatch.StartNew();
        JsonElement run;
        do
        {
            await Task.Delay(250);
            run = (await reviewer.GetFromJsonAsync<JsonElement>($"{Api}entry/{key}")).GetProperty("workflows").EnumerateArray().Single();
        }
        while (run.GetProperty("status").GetString() is "Pending" or "Running" && clock.Elapsed < TimeSpan.FromSeconds(60));

        Assert.True(run.GetProperty("status").GetString() == "Succeeded", run.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "the worker ran on the nudge, not on its ten-minute poll");
        Assert.Equal("Approved", run.GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.String, run.GetProperty("completedAt").ValueKind);

        var csv = await reviewer.GetStringAsync($"{Api}form/{form.Id}/entry/export");
        Assert.Contains("katherine-cv.pdf", csv);
        Assert.Contains("Approved", csv);

        using var deleted = await reviewer.DeleteAsync($"{Api}entry/{key}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(File.Exists(stored), "the upload goes with its entry");
        Assert.Equal(0, (await reviewer.GetFromJsonAsync<JsonElement>($"{Api}form/{form.Id}/entry")).GetProperty("total").GetInt32());
    }
}
