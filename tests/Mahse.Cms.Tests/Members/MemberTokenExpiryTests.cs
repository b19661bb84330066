using System.Net;
using System.Net.Http.Headers;
using Mahse.Cms.Content.PublishedCache;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Tests.Members;

/// <summary>An expired member token is nobody: members-only content answers 401 again. (Own host: the test moves the clock.)</summary>
public sealed class MemberTokenExpiryTests(MembersHost host) : IClassFixture<MembersHost>
{
    [Fact]
    public async Task A_member_token_stops_opening_protected_content_when_it_expires()
    {
        var email = "expiring." + Guid.NewGuid().ToString("N")[..6] + "@nhs.test";
        await host.ConfirmedMemberAsync(email, "expiring passphrase");
        var tokens = await host.MemberTokensAsync(email, "expiring passphrase");
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var guidance = host.Services.GetRequiredService<PublishedContentCache>().All.First(i => i.ContentTypeAlias == "guidancePage");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/umbraco/delivery/api/v2/content/item/{guidance.Key}")).StatusCode);

        host.Clock.Advance(TimeSpan.FromHours(2)); // past the one-hour access token lifetime

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/umbraco/delivery/api/v2/content/item/{guidance.Key}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/mahse/api/v1/members/me")).StatusCode);
    }
}
