using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Mahse.Tests.Forms.Api.FormsApiForms;

namespace Mahse.Tests.Forms.Api;

/// <summary>
/// Save and resume: a draft under a token mailed to the applicant (only its hash stored), resumed, updated with
/// uploads, submitted once; a replayed, guessed or expired token gets nothing.
/// </summary>
[Collection(FormsApiCollection.Name)]
public sealed class FormDraftTests(FormsApiSite site)
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}@nhs.test";

    [Fact]
    public async Task A_draft_resumes_by_its_mailed_token_and_cannot_be_replayed_after_submitting()
    {
        var form = site.Forms.Application;
        using var api = site.Api();
        var applicant = Unique("draft.");
        var firstPage = new JsonObject { ["name"] = "Dana Draft", ["email"] = applicant, ["careerStage"] = "Trainee", ["notAField"] = "dropped" };

        var saved = await api.PostAsJsonAsync($"{Base}/drafts/{form.Id}", new JsonObject { ["values"] = firstPage, ["email"] = applicant, ["currentPage"] = 1 });
        Assert.Equal(HttpStatusCode.Accepted, saved.StatusCode);
        var token = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resumeToken").GetString()!;
        var mail = await site.Inbox.WaitForAsync(applicant, timeout: TimeSpan.FromSeconds(20));
        Assert.Equal($"Continue your {form.Name}", mail.Subject);
        Assert.Contains(Uri.EscapeDataString(token), mail.TextBody);

        // Only the token's hash is kept.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var hashes = await site.Database.DraftTokenHashesAsync(form.Id);
        Assert.Contains(hash, hashes);
        Assert.DoesNotContain(token, hashes);

        var resumed = await api.GetFromJsonAsync<JsonElement>($"{Base}/drafts/{form.Id}?token={Uri.EscapeDataString(token)}");
        Assert.Equal(1, resumed.GetProperty("currentPage").GetInt32());
        Assert.Equal("Dana Draft", resumed.GetProperty("values").GetProperty("name")[0].GetString());
        Assert.False(resumed.GetProperty("values").TryGetProperty("notAField", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Base}/drafts/{form.Id}?token=guessed-token")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Base}/drafts/{site.Forms.Magic.Id}?token={Uri.EscapeDataString(token)}")).StatusCode);

        var entry = ValidEntry();
        entry["values"]!["email"] = applicant;
        entry["draftToken"] = token;
        var before = (await site.Database.EntriesAsync(form.Id)).Count;
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", entry)).StatusCode);

        // The token is spent: no resuming, no second submission, no update.
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Base}/drafts/{form.Id}?token={Uri.EscapeDataString(token)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", entry)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"{Base}/drafts/{form.Id}?token={Uri.EscapeDataString(token)}", new JsonObject { ["values"] = new JsonObject() })).StatusCode);
        Assert.Equal(before + 1, (await site.Database.EntriesAsync(form.Id)).Count);
        Assert.DoesNotContain(hash, await site.Database.DraftTokenHashesAsync(form.Id));
    }

    [Fact]
    public async Task Uploads_saved_with_a_draft_are_checked_replaceable_and_go_into_the_entry_on_submit()
    {
        var form = site.Forms.Application;
        using var api = site.Api();
        var applicant = Unique("upload.");
        var first = Pdf("first plan");
        var second = Pdf("second plan");

        var disguised = await api.PostAsJsonAsync($"{Base}/drafts/{form.Id}", new JsonObject
        {
            ["values"] = new JsonObject { ["supportingDocument"] = new JsonArray(File("plan.pdf", Exe)) }, ["email"] = applicant,
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, disguised.StatusCode);
        Assert.Equal("The file plan.pdf is not a valid .pdf file.", (await disguised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("supportingDocument")[0].GetString());

        var saved = await api.PostAsJsonAsync($"{Base}/drafts/{form.Id}", new JsonObject
        {
            ["values"] = new JsonObject { ["name"] = "Uma Upload", ["supportingDocument"] = new JsonArray(File("first.pdf", first)) }, ["email"] = applicant,
        });
        Assert.Equal(HttpStatusCode.Accepted, saved.StatusCode);
        var token = Uri.EscapeDataString((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resumeToken").GetString()!);
        async Task<string[]> SavedFilesAsync() => (await api.GetFromJsonAsync<JsonElement>($"{Base}/drafts/{form.Id}?token={token}"))
            .GetProperty("files").GetProperty("supportingDocument").EnumerateArray().Select(f => f.GetString()!).ToArray();
        Assert.Equal(["first.pdf"], await SavedFilesAsync());

        // A later save with a new file replaces the field's file; one without keeps it.
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"{Base}/drafts/{form.Id}?token={token}",
            new JsonObject { ["values"] = new JsonObject { ["name"] = "Uma Upload", ["supportingDocument"] = new JsonArray(File("second.pdf", second)) } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"{Base}/drafts/{form.Id}?token={token}",
            new JsonObject { ["values"] = new JsonObject { ["name"] = "Uma Upload" }, ["currentPage"] = 2 })).StatusCode);
        Assert.Equal(["second.pdf"], await SavedFilesAsync());
        var drafts = Path.Combine(site.ContentRoot, "umbraco", "Data", "forms", "drafts");
        var draftFolder = Assert.Single(Directory.GetDirectories(drafts), d => Directory.GetFiles(d, "second.pdf", SearchOption.AllDirectories).Length > 0);
        Assert.Empty(Directory.GetFiles(draftFolder, "first.pdf", SearchOption.AllDirectories));

        var entry = ValidEntry();
        entry["values"]!["name"] = "Uma Upload";
        entry["draftToken"] = Uri.UnescapeDataString(token);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", entry)).StatusCode);
        var stored = (await site.Database.EntriesAsync(form.Id)).Single(e => e.Values[Logic.TestForms.FieldOf(form, "name").Id].SequenceEqual(["Uma Upload"]))
            .Values[Logic.TestForms.FieldOf(form, "supportingDocument").Id].Single();
        Assert.StartsWith("umbraco/Data/forms/uploads/", stored);
        Assert.EndsWith("/second.pdf", stored);
        Assert.Equal(second, await System.IO.File.ReadAllBytesAsync(Path.Combine(site.ContentRoot, stored)));
        Assert.False(Directory.Exists(draftFolder)); // the draft ended with its files
    }

    [Fact]
    public async Task Drafts_need_an_email_address_and_expire()
    {
        var form = site.Forms.Application;
        using var api = site.Api();
        var missing = await api.PostAsJsonAsync($"{Base}/drafts/{form.Id}", new JsonObject { ["values"] = new JsonObject() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.PostAsJsonAsync($"{Base}/drafts/{site.Forms.Closed.Id}",
            new JsonObject { ["values"] = new JsonObject(), ["email"] = "late@nhs.test" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"{Base}/drafts/{Guid.NewGuid()}",
            new JsonObject { ["values"] = new JsonObject(), ["email"] = "lost@nhs.test" })).StatusCode);

        var saved = await api.PostAsJsonAsync($"{Base}/drafts/{form.Id}", new JsonObject { ["values"] = new JsonObject { ["name"] = "Eve" }, ["email"] = Unique("expiry.") });
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        var token = Uri.EscapeDataString(body.GetProperty("resumeToken").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"{Base}/drafts/{form.Id}?token={token}")).StatusCode);

        var expires = body.GetProperty("expiresAt").GetDateTime();
        await Task.Delay(FormsApiSite.DraftLifetime + TimeSpan.FromSeconds(1));
        Assert.True(DateTime.UtcNow > expires);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Base}/drafts/{form.Id}?token={token}")).StatusCode);
    }
}
