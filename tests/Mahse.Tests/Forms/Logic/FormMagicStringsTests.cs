using System.Diagnostics.CodeAnalysis;
using System.Text;
using Mahse.Forms.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Session;

namespace Mahse.Tests.Forms.Logic;

/// <summary>Umbraco Forms' magic strings: the hosting page (and its ancestors), the request, the session or cookie, additional data, filters.</summary>
public sealed class FormMagicStringsTests
{
    private static readonly Guid Programme = Guid.NewGuid();
    private static readonly Guid Call = Guid.NewGuid();

    /// <summary>A call under a programme; scalars only, as the site's implementation gives them.</summary>
    private sealed class Pages : IFormPageValues
    {
        private readonly Dictionary<Guid, (Guid? Parent, Dictionary<string, string> Values)> _pages = new()
        {
            [Programme] = (null, new() { ["pageName"] = "SIIF", ["programme"] = "SIIF", ["region"] = "North West" }),
            [Call] = (Programme, new() { ["pageName"] = "Innovation Fellowship 2027", ["pageID"] = "1207", ["maximumAward"] = "15000", ["region"] = "" }),
        };

        public string? Value(Guid? contentKey, string alias) =>
            contentKey is { } key && _pages.TryGetValue(key, out var page) ? page.Values.GetValueOrDefault(alias) : null;

        public string? ValueFromAncestors(Guid? contentKey, string alias)
        {
            for (var key = contentKey; key is { } current && _pages.TryGetValue(current, out var page); key = page.Parent)
            {
                if (page.Values.GetValueOrDefault(alias) is { Length: > 0 } value)
                {
                    return value;
                }
            }

            return null;
        }
    }

    private sealed class Session(Dictionary<string, byte[]> values) : ISession
    {
        public bool IsAvailable => true;

        public string Id => "test";

        public IEnumerable<string> Keys => values.Keys;

        public void Clear() => values.Clear();

        public Task CommitAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task LoadAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public void Remove(string key) => values.Remove(key);

        public void Set(string key, byte[] value) => values[key] = value;

        public bool TryGetValue(string key, [NotNullWhen(true)] out byte[]? value) => values.TryGetValue(key, out value);
    }

    private static HttpRequest Request(string query = "")
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString(query);
        return http.Request;
    }

    [Fact]
    public void Tokens_resolve_from_the_page_the_request_and_additional_data_with_filters_and_unknown_ones_become_empty()
    {
        var request = Request("?utm_source=newsletter");
        request.Headers.Referer = "https://nhs.example/roadmap";
        request.Headers.Cookie = "region=Cumbria";
        var magic = new FormMagicStrings(Call, new Pages(), new Dictionary<string, string> { ["cohort"] = "autumn" }, request);

        Assert.Equal("Apply for Innovation Fellowship 2027 (up to 15000), page 1207", magic.Parse("Apply for [#pageName] (up to [#maximumAward]), page [#pageID]"));
        Assert.Equal("newsletter / https://nhs.example/roadmap / Cumbria / AUTUMN", magic.Parse("[@utm_source] / [@Http_Referer] / [%region] / [+cohort | upper]"));
        Assert.Equal("Innov...", magic.Parse("[#pageName|truncate: 5]"));
        Assert.Equal("innovation fellowship 2027", magic.Parse("[#pageName | lower]"));
        Assert.Equal("[] and ", magic.Parse("[] and [#blocks]")); // not a token; an unknown property is empty
        Assert.Equal("", magic.Parse("[#nothing][+nothing][@nothing][%nothing][$nothing]"));
        Assert.Equal("Stored [#pageName]", FormMagicStrings.None.Parse("Stored [#pageName]"));
    }

    [Fact]
    public void A_recursive_token_climbs_to_the_nearest_ancestor_with_a_value()
    {
        var magic = new FormMagicStrings(Call, new Pages(), null, null);

        Assert.Equal("Innovation Fellowship 2027 (SIIF, North West)", magic.Parse("[#pageName] ([$programme], [$region])"));
        Assert.Equal(" ()", magic.Parse("[#programme] ([#region])")); // the call's own values only
    }

    [Fact]
    public void Without_a_hosting_page_page_tokens_are_empty_and_the_request_still_resolves()
    {
        var request = Request("?name=Ada");
        request.HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("192.0.2.7");
        request.Path = "/apply";

        var magic = new FormMagicStrings(null, new Pages(), null, request);

        Assert.Equal("Applying to  ()", magic.Parse("Applying to [#pageName] ([$programme])"));
        Assert.Equal("Ada from 192.0.2.7 at /apply?name=Ada", magic.Parse("[@name] from [@Remote_Addr] at [@Url]"));
    }

    [Fact]
    public void A_session_value_comes_before_the_cookie_of_the_same_name()
    {
        var request = Request();
        request.Headers.Cookie = "region=Cumbria; team=Genomics";
        request.HttpContext.Features.Set<ISessionFeature>(new SessionFeature { Session = new Session(new() { ["region"] = Encoding.UTF8.GetBytes("Lancashire") }) });

        Assert.Equal("Lancashire, Genomics", new FormMagicStrings(null, null, null, request).Parse("[%region], [%team]"));
    }

    [Fact]
    public void Values_put_into_html_are_encoded_and_plain_text_stays_text()
    {
        var magic = new FormMagicStrings(Call, new Pages(), null, Request("?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E"));

        Assert.Equal("<p>Thanks &lt;script&gt;alert(1)&lt;/script&gt;</p>", magic.Parse("<p>Thanks [@name]</p>", html: true));
        Assert.Equal("Thanks <script>alert(1)</script>", magic.Parse("Thanks [@name]"));
    }

    [Fact]
    public void Additional_data_is_read_from_the_query_string_dictionary_form()
    {
        var query = Request("?additionalData[applicant]=Ada&additionalData[Cohort]=autumn&other=x").Query;

        var data = FormMagicStrings.AdditionalDataFrom(query);

        Assert.Equal(2, data.Count);
        Assert.Equal("Ada / autumn", new FormMagicStrings(null, null, data, null).Parse("[+applicant] / [+cohort]"));
    }
}
