using System.Net;
using System.Net.Http.Headers;
using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Delivery;

/// <summary>
/// The MAHSE site with two members who may sign in to the Delivery API: a registered member (in "Registered members",
/// the group the guidance is protected for) and a member of another group only.
/// </summary>
public sealed class MembersSite : MahseSite
{
    public const string Password = "Member-Password-2026!";
    public const string Reader = "reader@mahse.test";
    public const string Outsider = "outsider@mahse.test";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:Enabled"] = "true",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientId"] = "umbraco-member-reader",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:ClientSecret"] = "reader-secret-0123456789",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:0:UserName"] = Reader,
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:1:ClientId"] = "umbraco-member-outsider",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:1:ClientSecret"] = "outsider-secret-0123456789",
        ["Umbraco:CMS:DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers:1:UserName"] = Outsider,
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Members.CreateAsync(this, Reader, Password, "Registered members");
        await Members.CreateAsync(this, Outsider, Password, "Fellows");
    }

    public Task<HttpClient> ReaderAsync() => Members.DeliveryClientAsync(this, "umbraco-member-reader", "reader-secret-0123456789");

    public Task<HttpClient> OutsiderAsync() => Members.DeliveryClientAsync(this, "umbraco-member-outsider", "outsider-secret-0123456789");
}

/// <summary>Members-only guidance through Umbraco's Delivery API: 401 without a member, 403 for a member without access, the item for one with it.</summary>
public sealed class MembersOnlyContentTests(MembersSite site) : IClassFixture<MembersSite>
{
    private SeedDocument Guidance => site.Seed.First(d => d.Protected && d.ContentType == "guidancePage");

    [Fact]
    public async Task A_visitor_gets_401_an_outsider_403_and_a_registered_member_the_guidance()
    {
        var path = $"{DeliveryApi.Root}/item/{Guidance.Key}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await site.Delivery.GetAsync(path)).Status);

        using var outsider = await site.OutsiderAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await new DeliveryApi(outsider).GetAsync(path)).Status);

        using var reader = await site.ReaderAsync();
        var (status, item) = await new DeliveryApi(reader).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Guidance.Value("title"), item.GetProperty("properties").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Queries_list_the_guidance_only_for_a_member_who_may_read_it()
    {
        var all = site.Seed.Where(d => d.Protected && d.Published && d.ContentType == "guidancePage").Select(d => d.Key).ToHashSet();

        using var reader = await site.ReaderAsync();
        Assert.Equal(all, (await new DeliveryApi(reader).QueryAsync("filter=contentType:guidancePage")).Select(DeliveryApi.Id).ToHashSet());
        using var outsider = await site.OutsiderAsync();
        Assert.Empty(await new DeliveryApi(outsider).QueryAsync("filter=contentType:guidancePage"));
        Assert.Empty(await site.Delivery.QueryAsync("filter=contentType:guidancePage"));
    }

    [Fact]
    public async Task A_wrong_member_token_or_secret_is_refused_and_nothing_answers_500()
    {
        using var forged = site.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "forged-token");
        var (status, _) = await new DeliveryApi(forged).GetAsync($"{DeliveryApi.Root}/item/{Guidance.Key}");
        Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{(int)status}");

        using var anonymous = site.Anonymous();
        using var token = await anonymous.PostAsync("/umbraco/delivery/api/v1/security/member/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "umbraco-member-reader",
            ["client_secret"] = "not-the-secret",
        }));
        Assert.True((int)token.StatusCode is >= 400 and < 500, $"{(int)token.StatusCode}");
    }
}
