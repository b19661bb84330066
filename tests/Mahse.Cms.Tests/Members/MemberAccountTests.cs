using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Mahse.Cms.Tests.Infrastructure;

namespace Mahse.Cms.Tests.Members;

/// <summary>Registration, confirmation, sign-in with lock-out, password reset and the profile, through HTTP and real email.</summary>
public sealed class MemberAccountTests(MembersHost host) : IClassFixture<MembersHost>
{
    private const string Members = "/mahse/api/v1/members";

    private static string Email() => ManagementApi.Unique("member.").ToLowerInvariant() + "@nhs.test";

    [Fact]
    public async Task Registration_waits_for_the_emailed_link_then_joins_registered_members()
    {
        var email = Email();
        var response = await host.Anonymous().PostAsJsonAsync($"{Members}/register", new { name = "Ada Scientist", email, password = "a long passphrase of mine", values = MembersHost.ValidValues() });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var message = await host.Inbox.WaitForAsync(email, subjectContains: "Confirm");
        Assert.Equal("portal@mahse.test", message.From.Mailboxes.Single().Address);
        var (member, token, link) = SmtpInbox.Link(message);
        Assert.Equal("portal.mahse.test", link.Host); // the configured site address, not the request's Host header

        // Not an account yet: the password is right but sign-in is refused until the address is confirmed.
        var early = await MembersHost.SignInAsync(host.Browser(), email, "a long passphrase of mine");
        Assert.Contains("confirm your email address first", await early.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Anonymous().PostAsJsonAsync($"{Members}/confirm", new { memberId = member, token = token + "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous().PostAsJsonAsync($"{Members}/confirm", new { memberId = member, token })).StatusCode);

        var tokens = await host.MemberTokensAsync(email, "a long passphrase of mine");
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var profile = await client.GetFromJsonAsync<JsonElement>($"{Members}/me");
        Assert.Equal("Ada Scientist", profile.GetProperty("name").GetString());
        Assert.Equal(["Registered members"], profile.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!).ToArray());
        Assert.Equal("[\"Clinical scientist\"]", profile.GetProperty("values").GetProperty("careerStage").GetString());
    }

    [Fact]
    public async Task Registering_an_existing_address_answers_the_same_and_tells_the_owner_by_email()
    {
        var email = Email();
        await host.ConfirmedMemberAsync(email, "first owner passphrase");

        var again = await host.Anonymous().PostAsJsonAsync($"{Members}/register", new { name = "Someone Else", email = email.ToUpperInvariant(), password = "another long passphrase", values = MembersHost.ValidValues() });
        var fresh = await host.Anonymous().PostAsJsonAsync($"{Members}/register", new { name = "New Person", email = Email(), password = "another long passphrase", values = MembersHost.ValidValues() });

        Assert.Equal(fresh.StatusCode, again.StatusCode);
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Contains("already have", (await host.Inbox.WaitForAsync(email, subjectContains: "already")).Subject);

        // The owner's password still works; the second registration changed nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await MembersHost.SignInAsync(host.Browser(), email, "first owner passphrase")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"A","email":"not-an-email","password":"a long passphrase of mine","values":{"careerStage":["Clinical scientist"],"division":["Life sciences"],"region":["Cumbria"]}}""", "email")]
    [InlineData("""{"name":"A","email":"a@nhs.test","password":"password123","values":{"careerStage":["Clinical scientist"],"division":["Life sciences"],"region":["Cumbria"]}}""", "password")]
    [InlineData("""{"name":"A","email":"a@nhs.test","password":"short","values":{"careerStage":["Clinical scientist"],"division":["Life sciences"],"region":["Cumbria"]}}""", "password")]
    [InlineData("""{"name":"A","email":"a@nhs.test","password":"a long passphrase of mine","values":{"division":["Life sciences"],"region":["Cumbria"]}}""", "values.careerStage")]
    [InlineData("""{"name":"A","email":"a@nhs.test","password":"a long passphrase of mine","values":{"careerStage":["Astronaut"],"division":["Life sciences"],"region":["Cumbria"]}}""", "values.careerStage")]
    [InlineData("""{"name":"A","email":"a@nhs.test","password":"a long passphrase of mine","values":{"careerStage":["Clinical scientist"],"division":["Life sciences"],"region":["Cumbria"],"salary":"lots"}}""", "values.salary")]
    [InlineData("""{"name":"","email":"a@nhs.test","password":"a long passphrase of mine","values":{"careerStage":["Clinical scientist"],"division":["Life sciences"],"region":["Cumbria"]}}""", "name")]
    public async Task Invalid_registrations_are_400_with_the_field_named(string body, string field)
    {
        var response = await host.Anonymous().PostAsync($"{Members}/register", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ManagementApi.ProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal("Invalid member details", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("""{"name":123,"email":"a@nhs.test","password":"x"}""")]
    [InlineData("""{"name":"A","email":true}""")]
    [InlineData("""{"name": "A", """)]
    [InlineData("[]")]
    public async Task Malformed_registration_bodies_are_400(string body)
    {
        var response = await host.Anonymous().PostAsync($"{Members}/register", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_and_the_right_one_is_then_refused()
    {
        var email = Email();
        await host.ConfirmedMemberAsync(email, "the right passphrase");

        for (var i = 0; i < 5; i++)
        {
            var wrong = await MembersHost.SignInAsync(host.Browser(), email, "a wrong passphrase " + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode); // the form again, with a message, and no session
            Assert.False(wrong.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".Mahse.Member=", StringComparison.Ordinal)));
        }

        var locked = await MembersHost.SignInAsync(host.Browser(), email, "the right passphrase");
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_password_reset_link_works_once_and_lifts_a_lock_out()
    {
        var email = Email();
        var member = await host.ConfirmedMemberAsync(email, "the old passphrase");
        Assert.Equal(HttpStatusCode.Accepted, (await host.Anonymous().PostAsJsonAsync($"{Members}/password-reset", new { email = "nobody-" + email })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Anonymous().PostAsJsonAsync($"{Members}/password-reset", new { email })).StatusCode);
        var (linkMember, token, _) = SmtpInbox.Link(await host.Inbox.WaitForAsync(email, subjectContains: "Reset"));
        Assert.Equal(member, linkMember);
        Assert.Empty(host.Inbox.To("nobody-" + email));

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Anonymous().PostAsJsonAsync($"{Members}/password-reset/confirm", new { memberId = member, token, password = "qwerty123" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous().PostAsJsonAsync($"{Members}/password-reset/confirm", new { memberId = member, token, password = "a brand new passphrase" })).StatusCode);
        var replay = await host.Anonymous().PostAsJsonAsync($"{Members}/password-reset/confirm", new { memberId = member, token, password = "an attacker's passphrase" });
        await ManagementApi.ProblemAsync(replay, HttpStatusCode.BadRequest, "token");

        Assert.Equal(HttpStatusCode.OK, (await MembersHost.SignInAsync(host.Browser(), email, "the old passphrase")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MembersHost.SignInAsync(host.Browser(), email, "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task The_login_form_refuses_posts_without_its_antiforgery_token_and_never_redirects_off_site()
    {
        var email = Email();
        await host.ConfirmedMemberAsync(email, "a fine passphrase");

        var forged = await host.Browser().PostAsync("/members/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = "a fine passphrase" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var offSite = await MembersHost.SignInAsync(host.Browser(), email, "a fine passphrase", "//evil.example/steal");
        Assert.Equal(HttpStatusCode.Redirect, offSite.StatusCode);
        Assert.Equal("/", offSite.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Hostile_profile_values_are_kept_as_text_and_never_served_as_markup()
    {
        var email = Email();
        const string hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";
        var values = MembersHost.ValidValues(employer: hostile);
        values["jobTitle"] = hostile;
        values["specialism"] = "'; DROP TABLE mahseMember; --";
        await host.ConfirmedMemberAsync(email, "a fine passphrase", name: hostile, values: values);
        var tokens = await host.MemberTokensAsync(email, "a fine passphrase");
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());

        var response = await client.GetAsync($"{Members}/me");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single()); // never sniffed into HTML
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(hostile, profile.GetProperty("name").GetString());
        Assert.Equal(hostile, profile.GetProperty("values").GetProperty("employer").GetString());
        Assert.Equal(hostile, profile.GetProperty("values").GetProperty("jobTitle").GetString());
        Assert.Equal("'; DROP TABLE mahseMember; --", profile.GetProperty("values").GetProperty("specialism").GetString());
        var interests = await client.PutAsJsonAsync($"{Members}/me", new { values = new { interests = "umb://document/" + Guid.NewGuid().ToString("N") } });
        await ManagementApi.ProblemAsync(interests, HttpStatusCode.BadRequest, "values.interests");
        var comments = await client.PutAsJsonAsync($"{Members}/me", new { values = new { umbracoMemberComments = "promote me" } });
        await ManagementApi.ProblemAsync(comments, HttpStatusCode.BadRequest, "values.umbracoMemberComments");

        // Pages that write values back (the login form's return URL) encode them.
        var page = await host.Browser().GetStringAsync("/members/login?returnUrl=" + Uri.EscapeDataString(hostile));
        Assert.DoesNotContain("<script>alert(1)", page);

        var update = await client.PutAsJsonAsync($"{Members}/me", new { values = new { careerStage = new[] { "Not a stage" } } });
        await ManagementApi.ProblemAsync(update, HttpStatusCode.BadRequest, "values.careerStage");
    }

    [Fact]
    public async Task A_member_edits_downloads_and_deletes_their_account_and_their_token_then_stops_working()
    {
        var email = Email();
        var member = await host.ConfirmedMemberAsync(email, "a fine passphrase");
        var tokens = await host.MemberTokensAsync(email, "a fine passphrase");
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());

        var updated = await client.PutAsJsonAsync($"{Members}/me", new { name = "Renamed Member", values = new { jobTitle = "Clinical Scientist" } });
        await ManagementApi.EnsureAsync(updated, HttpStatusCode.OK);
        var data = await client.GetAsync($"{Members}/me/data");
        Assert.Contains("attachment", data.Content.Headers.ContentDisposition?.ToString() ?? data.Headers.ToString());
        var export = await data.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(member, export.GetProperty("id").GetGuid());
        Assert.Equal("Renamed Member", export.GetProperty("name").GetString());
        Assert.Equal("Clinical Scientist", export.GetProperty("values").GetProperty("jobTitle").GetString());
        Assert.False(export.TryGetProperty("passwordHash", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Members}/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"{Members}/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MembersHost.SignInAsync(host.Browser(), email, "a fine passphrase")).StatusCode); // the form again: no account
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync($"{Members}/me")).StatusCode);
    }
}
