using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mahse.Tests.Infrastructure;

/// <summary>Umbraco members for tests: created through the Management API, signed in to the Delivery API as Umbraco lets front ends do.</summary>
public static class Members
{
    public const string MemberTypeKey = "d59be02f-1df9-4228-aa1e-01917d806cda";

    /// <summary>Creates an approved member of the MAHSE member type in the named groups.</summary>
    public static async Task<Guid> CreateAsync(UmbracoSite site, string email, string password, params string[] groupNames)
    {
        using var admin = await site.ManagementClientAsync();
        var groups = JsonDocument.Parse(await admin.GetStringAsync("/umbraco/management/api/v1/member-group?take=100")).RootElement
            .GetProperty("items").EnumerateArray()
            .Where(g => groupNames.Contains(g.GetProperty("name").GetString()))
            .Select(g => g.GetProperty("id").GetGuid())
            .ToList();
        Assert.Equal(groupNames.Length, groups.Count);

        var id = Guid.NewGuid();
        using var response = await admin.PostAsJsonAsync("/umbraco/management/api/v1/member", new
        {
            id,
            email,
            username = email,
            password,
            memberType = new { id = MemberTypeKey },
            groups,
            isApproved = true,
            values = new object[]
            {
                new { alias = "careerStage", value = new[] { "Healthcare science practitioner" } },
                new { alias = "division", value = new[] { "Life sciences" } },
            },
            variants = new[] { new { name = email.Split('@')[0] } },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"member {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>
    /// A Delivery API client acting as a member, through Umbraco's client credentials flow for members (the client is
    /// associated with the member in <c>DeliveryApi:MemberAuthorization:ClientCredentialsFlow:AssociatedMembers</c>).
    /// </summary>
    public static async Task<HttpClient> DeliveryClientAsync(UmbracoSite site, string clientId, string secret)
    {
        using var anonymous = site.Anonymous();
        using var response = await anonymous.PostAsync("/umbraco/delivery/api/v1/security/member/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"member token for {clientId}: {(int)response.StatusCode} {body}");
        var client = site.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString());
        return client;
    }
}
