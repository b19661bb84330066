using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Mahse.Tests.Forms.Api.FormsApiForms;

namespace Mahse.Tests.Forms.Api;

/// <summary>
/// The Forms API on the real site, from outside, as a server-to-server client with the Api-Key: definitions,
/// submissions and what they store, validation by the rules and conditions, uploads, closing dates, the honeypot,
/// magic strings and members.
/// </summary>
[Collection(FormsApiCollection.Name)]
public sealed class FormsApiTests(FormsApiSite site)
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string alias)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode} {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType!.ToString());
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty(alias)[0].GetString()!;
    }

    [Fact]
    public async Task A_definition_comes_in_umbraco_forms_shape_on_both_generations_of_paths()
    {
        var form = site.Forms.Application;
        using var api = site.Api();

        var response = await api.GetAsync($"{Base}/definitions/{form.Id}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}\n{site.Diagnostics()}");
        var definition = JsonDocument.Parse(body).RootElement;
        Assert.Equal(form.Id, definition.GetProperty("id").GetGuid());
        Assert.Equal("MarkMandatoryFields", definition.GetProperty("fieldIndicationType").GetString());
        var fields = Fields(definition);
        var name = fields.Single(f => f.GetProperty("alias").GetString() == "name");
        Assert.Equal("Please provide a value for Name", name.GetProperty("requiredErrorMessage").GetString());
        Assert.Equal("Short answer", name.GetProperty("type").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, name.GetProperty("condition").ValueKind);
        Assert.Equal("Show", fields.Single(f => f.GetProperty("alias").GetString() == "projectTitle").GetProperty("condition").GetProperty("actionType").GetString());
        Assert.Equal("email", fields.Single(f => f.GetProperty("alias").GetString() == "email").GetProperty("settings").GetProperty("fieldType").GetString());
        Assert.Equal(["pdf", "docx"], fields.Single(f => f.GetProperty("alias").GetString() == "supportingDocument")
            .GetProperty("fileUploadOptions").GetProperty("allowedUploadExtensions").EnumerateArray().Select(e => e.GetString()!).ToArray());

        Assert.Equal(body, await api.GetStringAsync($"{Base13}/definitions/{form.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Base}/definitions/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Base13}/definitions/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{Base}/definitions/not-a-guid")).StatusCode);

        var culture = await api.GetAsync($"{Base}/definitions/{form.Id}?culture=xx-INVALID");
        Assert.Equal(HttpStatusCode.BadRequest, culture.StatusCode);
        var expected = JsonNode.Parse(Logic.TestForms.Fixture("derived.400.invalid-culture.json"))!;
        var problem = await JsonAsync(culture);
        Assert.Equal((string?)expected["title"], problem.GetProperty("title").GetString());
        Assert.Equal((string?)expected["detail"], problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"{Base}/definitions/{form.Id}?culture=en-US")).StatusCode);
    }

    [Fact]
    public async Task Without_the_key_or_with_another_key_every_endpoint_answers_403_as_umbraco_forms_does()
    {
        var form = site.Forms.Application;
        var before = (await site.Database.EntriesAsync(form.Id)).Count;
        foreach (var (key, fixture) in new[] { ((string?)null, "derived.403.api-key-missing.json"), ("not-the-key", "derived.403.api-key-mismatch.json") })
        {
            using var client = site.Api(key);
            var expected = JsonNode.Parse(Logic.TestForms.Fixture(fixture))!;
            foreach (var response in new[]
            {
                await client.GetAsync($"{Base}/definitions/{form.Id}"),
                await client.PostAsJsonAsync($"{Base13}/entries/{form.Id}", ValidEntry()),
                await client.PostAsJsonAsync($"{Base}/drafts/{form.Id}", new JsonObject { ["values"] = new JsonObject(), ["email"] = "a@b.test" }),
            })
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                var problem = await JsonAsync(response);
                Assert.Equal((string?)expected["detail"], problem.GetProperty("detail").GetString());
                Assert.Equal((string?)expected["type"], problem.GetProperty("type").GetString());
                Assert.Equal("Forbidden", problem.GetProperty("title").GetString());
            }
        }

        Assert.Equal(before, (await site.Database.EntriesAsync(form.Id)).Count);
    }

    [Fact]
    public async Task An_accepted_entry_is_stored_approved_with_its_audit_and_its_workflows_queued_in_the_outbox()
    {
        var form = site.Forms.Application;
        using var api = site.Api();
        var before = (await site.Database.EntriesAsync(form.Id)).Count;
        var entry = ValidEntry();
        entry["culture"] = "en-GB";
        entry["additionalData"] = new JsonObject { ["campaign"] = "winter" };
        entry["contentId"] = site.GoToPage.Key.ToString();

        var response = await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", entry);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await JsonAsync(response);
        Assert.Equal("Thank you for applying", accepted.GetProperty("messageOnSubmit").GetString());
        Assert.False(accepted.GetProperty("messageOnSubmitIsHtml").GetBoolean());
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("gotoPageOnSubmit").ValueKind);

        var stored = (await site.Database.EntriesAsync(form.Id)).Skip(before).Single();
        Assert.Equal("Approved", stored.State);
        Assert.Equal("en-GB", stored.Culture);
        Assert.Equal(site.GoToPage.Key, stored.ContentKey);
        Assert.Null(stored.MemberKey);
        Assert.Contains("winter", stored.AdditionalData);
        Assert.Equal(["true"], stored.Values[Logic.TestForms.FieldOf(form, "dataConsent").Id]);
        Assert.Equal(["Ada Applicant"], stored.Values[Logic.TestForms.FieldOf(form, "name").Id]);
        Assert.Equal(["Submitted", "Approved"], await site.Database.AuditAsync(stored.Key));
        Assert.Equal(["Submitted:Thank the applicant:Pending", "Approved:Tell the panel:Pending"], await site.Database.WorkflowRunsAsync(stored.Key));
    }

    [Fact]
    public async Task A_form_that_keeps_no_records_still_queues_its_workflows()
    {
        var form = site.Forms.NotStored;
        using var api = site.Api();

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", ValidEntry())).StatusCode);

        var entry = Assert.Single(await site.Database.EntriesAsync(form.Id));
        Assert.Equal(["Submitted:Post it on:Pending"], await site.Database.WorkflowRunsAsync(entry.Key));
    }

    [Fact]
    public async Task Validation_follows_conditions_and_reports_by_alias_with_a_422()
    {
        var form = site.Forms.Application;
        using var api = site.Api();
        var before = (await site.Database.EntriesAsync(form.Id)).Count;

        // Hidden by its condition (box not ticked): the required project title is not required.
        var hidden = ValidEntry();
        hidden["values"]!["hasProject"] = "";
        hidden["values"]!.AsObject().Remove("projectTitle");
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", hidden)).StatusCode);

        var shown = ValidEntry();
        shown["values"]!.AsObject().Remove("projectTitle");
        shown["values"]!["careerStage"] = "Astronaut";
        shown["values"]!["email"] = "not an email";
        shown["values"]!["name"] = new string('x', 256);
        shown["values"]!["dataConsent"] = JsonValue.Create(true); // booleans are dropped, so consent is missing
        shown["values"]!["summary"] = JsonValue.Create(42); // so are numbers (not required here, so no error)
        shown["values"]!["unknownAlias"] = "kept aside";
        shown["contentId"] = "not-a-page";
        var response = await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", shown);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal("One or more validation errors occurred.", problem.GetProperty("title").GetString());
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.Equal("Please provide a value for ProjectTitle", errors.GetProperty("projectTitle")[0].GetString());
        Assert.Equal("Unexpected value: 'Astronaut'. Expected one of these: 'Trainee', 'Clinical scientist', 'Consultant'", errors.GetProperty("careerStage")[0].GetString());
        Assert.Equal("Please provide a valid value for Email", errors.GetProperty("email")[0].GetString());
        Assert.Equal("The value provided exceeds 255 characters.", errors.GetProperty("name")[0].GetString());
        Assert.True(errors.TryGetProperty("dataConsent", out _));
        Assert.Equal("Content with identifier 'not-a-page' could not be found.", errors.GetProperty("contentKey")[0].GetString());
        Assert.False(errors.TryGetProperty("unknownAlias", out _));
        Assert.False(errors.TryGetProperty("summary", out _));

        Assert.Equal(before + 1, (await site.Database.EntriesAsync(form.Id)).Count); // only the first one was stored
    }

    [Theory]
    [InlineData("""{"values": {"name": "A", """)]
    [InlineData("""[1, 2]""")]
    [InlineData("""{"values": "name=A"}""")]
    [InlineData("""{"values": {"name": "A"}, "culture": "xx-INVALID"}""")]
    public async Task Malformed_bodies_are_400_problems_and_store_nothing(string body)
    {
        var form = site.Forms.Magic;
        using var api = site.Api();
        var before = (await site.Database.EntriesAsync(form.Id)).Count; // other tests post to this form too

        var response = await api.PostAsync($"{Base}/entries/{form.Id}", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(before, (await site.Database.EntriesAsync(form.Id)).Count);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_and_an_unknown_form_404()
    {
        using var api = site.Api();
        var before = (await site.Database.EntriesAsync(site.Forms.Magic.Id)).Count; // other tests post to this form too

        var form = await api.PostAsync($"{Base}/entries/{site.Forms.Magic.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "A" }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal("application/problem+json", form.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"{Base}/entries/{Guid.NewGuid()}", ValidEntry())).StatusCode);
        Assert.Equal(before, (await site.Database.EntriesAsync(site.Forms.Magic.Id)).Count);
    }

    [Fact]
    public async Task Uploads_are_checked_by_type_content_and_size_and_kept_outside_the_web_root()
    {
        var form = site.Forms.Application;
        using var api = site.Api();
        var before = (await site.Database.EntriesAsync(form.Id)).Count;
        var pdf = Pdf();

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", WithFile("plan.pdf", pdf))).StatusCode);
        var entries = await site.Database.EntriesAsync(form.Id);
        var stored = entries.Skip(before).Single().Values[Logic.TestForms.FieldOf(form, "supportingDocument").Id].Single();
        Assert.StartsWith("umbraco/Data/forms/uploads/", stored);
        Assert.EndsWith("/plan.pdf", stored);
        Assert.Equal(pdf, await System.IO.File.ReadAllBytesAsync(Path.Combine(site.ContentRoot, stored)));
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous().GetAsync("/" + stored)).StatusCode);

        Assert.Equal("The file plan.pdf is not a valid .pdf file.", await ErrorAsync(await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", WithFile("plan.pdf", Exe)), "supportingDocument"));
        Assert.Equal("The file type (.exe) you tried to upload is not allowed.", await ErrorAsync(await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", WithFile("tool.exe", Exe)), "supportingDocument"));
        Assert.Equal("The file big.pdf is larger than 0.1 MB.", await ErrorAsync(await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", WithFile("big.pdf", [.. pdf, .. new byte[200_000]])), "supportingDocument"));
        Assert.Equal(before + 1, (await site.Database.EntriesAsync(form.Id)).Count);
    }

    [Fact]
    public async Task A_closed_form_refuses_entries_with_a_clear_message()
    {
        using var api = site.Api();

        var response = await api.PostAsJsonAsync($"{Base}/entries/{site.Forms.Closed.Id}", ValidEntry());

        Assert.Equal("This form closed on 1 March 2025 at 12:00 UTC and takes no more entries.", await ErrorAsync(response, "form"));
        Assert.Equal("The form is closed.", (await JsonAsync(response)).GetProperty("title").GetString());
        Assert.Empty(await site.Database.EntriesAsync(site.Forms.Closed.Id));
        var definition = await api.GetFromJsonAsync<JsonElement>($"{Base}/definitions/{site.Forms.Closed.Id}");
        Assert.Equal(new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc), definition.GetProperty("closesAt").GetDateTime().ToUniversalTime());
    }

    [Fact]
    public async Task A_filled_honeypot_looks_accepted_but_stores_nothing()
    {
        var form = site.Forms.Closed; // the honeypot is checked first: even a closed form fakes success to a bot
        using var api = site.Api();
        var entry = ValidEntry();
        entry["values"]![form.Id.ToString("N")] = "http://spam.example";

        var response = await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", entry);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await site.Database.EntriesAsync(form.Id));
    }

    [Fact]
    public async Task Magic_strings_take_the_page_the_request_and_additional_data_and_are_encoded_in_html()
    {
        var form = site.Forms.Magic;
        using var api = site.Api();
        var page = site.GoToPage;

        var definition = await api.GetFromJsonAsync<JsonElement>(
            $"{Base}/definitions/{form.Id}?contentId={page.Key}&who={Uri.EscapeDataString("<b>Ada</b>")}&additionalData[source]=newsletter");

        Assert.Equal($"Applying to {page.Name}", definition.GetProperty("pages")[0].GetProperty("caption").GetString());
        var fields = Fields(definition);
        var name = fields.Single(f => f.GetProperty("alias").GetString() == "name");
        Assert.Equal("Your name, <B>ADA</B>", name.GetProperty("caption").GetString());
        Assert.Equal($"For {page.Name} (newsletter)", name.GetProperty("helpText").GetString());
        Assert.Equal("<p>Hello &lt;b&gt;Ada&lt;/b&gt;</p>", fields.Single(f => f.GetProperty("alias").GetString() == "intro").GetProperty("settings").GetProperty("html").GetString());

        // The page's route comes from Umbraco's Delivery API, for the client to go to after submitting.
        Assert.Equal(page.Key, definition.GetProperty("gotoPageOnSubmit").GetGuid());
        var route = definition.GetProperty("gotoPageOnSubmitRoute");
        Assert.StartsWith("/", route.GetProperty("path").GetString());
        Assert.NotEqual(Guid.Empty, route.GetProperty("startItem").GetProperty("id").GetGuid());
        var accepted = await JsonAsync(await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", new JsonObject { ["values"] = new JsonObject { ["name"] = "Ada" } }));
        Assert.Equal(route.GetProperty("path").GetString(), accepted.GetProperty("gotoPageOnSubmitRoute").GetProperty("path").GetString());

        // Also by the page's integer id; an unknown page is ignored on GET, as in Umbraco Forms.
        var unknown = await api.GetFromJsonAsync<JsonElement>($"{Base}/definitions/{form.Id}?contentId={Guid.NewGuid()}");
        Assert.Equal("Applying to ", unknown.GetProperty("pages")[0].GetProperty("caption").GetString());
    }

    [Fact]
    public async Task A_members_only_page_feeds_no_magic_strings()
    {
        var form = site.Forms.Magic;
        using var api = site.Api();
        var guidance = site.Seed.First(d => d.Protected && d.Published);

        var definition = await api.GetFromJsonAsync<JsonElement>($"{Base}/definitions/{form.Id}?contentId={guidance.Key}");

        Assert.Equal("Applying to ", definition.GetProperty("pages")[0].GetProperty("caption").GetString());
        Assert.DoesNotContain(guidance.Name, definition.GetRawText());
    }

    [Fact]
    public async Task Choices_from_a_prevalue_source_are_served_and_validated()
    {
        var form = site.Forms.FromSources;
        using var api = site.Api();

        var definition = await api.GetFromJsonAsync<JsonElement>($"{Base}/definitions/{form.Id}");
        var choices = Fields(definition).Single().GetProperty("preValues").EnumerateArray()
            .Select(p => $"{p.GetProperty("value").GetString()}={p.GetProperty("caption").GetString()}").ToArray();
        Assert.Equal(["south=south", "north=North West"], choices);

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", new JsonObject { ["values"] = new JsonObject { ["region"] = "north" } })).StatusCode);
        Assert.StartsWith("Unexpected value: 'stale inline value'", await ErrorAsync(
            await api.PostAsJsonAsync($"{Base}/entries/{form.Id}", new JsonObject { ["values"] = new JsonObject { ["region"] = "stale inline value" } }), "region"));
    }

    [Fact]
    public async Task An_entry_posted_with_a_member_token_records_the_member()
    {
        var form = site.Forms.Application;
        using var member = await site.MemberApiAsync();
        var entry = ValidEntry();
        entry["values"]!["name"] = "Morgan Member";

        Assert.Equal(HttpStatusCode.Accepted, (await member.PostAsJsonAsync($"{Base}/entries/{form.Id}", entry)).StatusCode);

        var stored = (await site.Database.EntriesAsync(form.Id)).Single(e => e.Values[Logic.TestForms.FieldOf(form, "name").Id].SequenceEqual(["Morgan Member"]));
        Assert.Equal(site.MemberKey, stored.MemberKey);

        // A forged token is no member, and no error either.
        using var forged = site.Api();
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "forged-token");
        entry["values"]!["name"] = "Forged Member";
        Assert.Equal(HttpStatusCode.Accepted, (await forged.PostAsJsonAsync($"{Base}/entries/{form.Id}", entry)).StatusCode);
        Assert.Null((await site.Database.EntriesAsync(form.Id)).Single(e => e.Values[Logic.TestForms.FieldOf(form, "name").Id].SequenceEqual(["Forged Member"])).MemberKey);
    }
}
