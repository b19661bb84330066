using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mahse.Cms.Tests.Infrastructure;

namespace Mahse.Cms.Tests.Members;

/// <summary>The MAHSE site (member type, groups, members-only guidance) with a real SMTP server and member authorization on.</summary>
public sealed partial class MembersHost : SqlitePortalHost
{
    public const string App = "https://app.mahse.test";
    public const string Callback = App + "/callback";
    public const string SignedOut = App + "/signed-out";
    public const string ServiceClient = "directory-sync";
    public const string ServiceSecret = "service-secret-0123456789";
    public const string ServiceMember = "service@mahse.test";

    public SmtpInbox Inbox { get; } = new();

    protected override string UsyncSource => Path.Combine(Fixtures.RepositoryRoot, "uSync", "v17");

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["uSync:Settings:ImportOnFirstBoot"] = "true",
        ["Umbraco:CMS:DeliveryApi:Enabled"] = "true",
        ["Umbraco:CMS:Global:Smtp:Host"] = "127.0.0.1",
        ["Umbraco:CMS:Global:Smtp:Port"] = Inbox.Port.ToString(),
        ["Umbraco:CMS:Global:Smtp:SecureSocketOptions"] = "None",
        ["Umbraco:CMS:Global:Smtp:From"] = "portal@mahse.test",
        ["Umbraco:CMS:WebRouting:UmbracoApplicationUrl"] = "https://portal.mahse.test/",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:AuthorizationCodeFlow:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:AuthorizationCodeFlow:LoginRedirectUrls:0"] = Callback,
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:AuthorizationCodeFlow:LogoutRedirectUrls:0"] = SignedOut,
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientId"] = ServiceClient,
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientSecret"] = ServiceSecret,
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:UserName"] = ServiceMember,
    };

    public static Dictionary<string, object?> ValidValues(string? employer = "Manchester University NHS Foundation Trust") => new()
    {
        ["careerStage"] = new[] { "Clinical scientist" },
        ["division"] = new[] { "Life sciences" },
        ["region"] = new[] { "Greater Manchester" },
        ["employer"] = employer,
        ["consentToDirectory"] = true,
    };

    /// <summary>Registers and confirms a member through the API and the emailed link; returns the member's key.</summary>
    public async Task<Guid> ConfirmedMemberAsync(string email, string password, string name = "Test Member", Dictionary<string, object?>? values = null)
    {
        var response = await Anonymous().PostAsJsonAsync("/mahse/api/v1/members/register", new { name, email, password, values = values ?? ValidValues() });
        await ManagementApi.EnsureAsync(response, HttpStatusCode.Accepted);
        var (member, token, _) = SmtpInbox.Link(await Inbox.WaitForAsync(email, subjectContains: "Confirm"));
        await ManagementApi.EnsureAsync(await Anonymous().PostAsJsonAsync("/mahse/api/v1/members/confirm", new { memberId = member, token }), HttpStatusCode.OK);
        return member;
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed.</summary>
    public HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = BaseAddress };

    /// <summary>Posts the login form as a browser does: the page first (antiforgery cookie and field), then the form.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password, string? returnUrl = null)
    {
        var page = await browser.GetStringAsync("/members/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var token = AntiforgeryField().Match(page);
        var form = new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl ?? "" };
        if (token.Success)
        {
            form[WebUtility.HtmlDecode(token.Groups["name"].Value)] = WebUtility.HtmlDecode(token.Groups["value"].Value);
        }

        return await browser.PostAsync("/members/login", new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>__RequestVerificationToken[^\"]*)\" value=\"(?<value>[^\"]+)\">")]
    private static partial Regex AntiforgeryField();

    /// <summary>The whole code flow with PKCE: authorize, sign in on the site's page, authorize again, exchange the code.</summary>
    public async Task<JsonElement> MemberTokensAsync(string email, string password, string scope = "openid offline_access")
    {
        var browser = Browser();
        var verifier = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var code = await AuthorizationCodeAsync(browser, email, password, verifier, scope);
        var response = await Anonymous().PostAsync("/umbraco/delivery/api/v1/security/member/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = "umbraco-member", ["code"] = code, ["redirect_uri"] = Callback, ["code_verifier"] = verifier,
        }));
        await ManagementApi.EnsureAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string Challenge(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string AuthorizeUrl(string verifier, string scope = "openid offline_access", string redirect = Callback) =>
        "/umbraco/delivery/api/v1/security/member/authorize?client_id=umbraco-member&response_type=code" +
        $"&redirect_uri={Uri.EscapeDataString(redirect)}&scope={Uri.EscapeDataString(scope)}&code_challenge={Challenge(verifier)}&code_challenge_method=S256&state=xyz";

    public static async Task<string> AuthorizationCodeAsync(HttpClient browser, string email, string password, string verifier, string scope = "openid offline_access")
    {
        var first = await browser.GetAsync(AuthorizeUrl(verifier, scope));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var login = first.Headers.Location!;
        Assert.Equal("/members/login", login.IsAbsoluteUri ? login.AbsolutePath : login.OriginalString.Split('?')[0]);
        var returnUrl = System.Web.HttpUtility.ParseQueryString(login.IsAbsoluteUri ? login.Query : "?" + login.OriginalString.Split('?')[1])["returnUrl"]!;

        var signedIn = await SignInAsync(browser, email, password, returnUrl);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var back = await browser.GetAsync(signedIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith(Callback, callback.ToString());
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("xyz", query["state"]);
        return query["code"]!;
    }
}
