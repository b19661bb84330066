using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Mahse.Tests.Infrastructure;

/// <summary>People (not API users) who sign in to the backoffice, made through the Management API as an administrator would.</summary>
public static class BackofficeUsers
{
    /// <summary>Creates a user in one of Umbraco's user groups (by alias: admin, editor, writer, …) with a password.</summary>
    public static async Task<Guid> CreateAsync(UmbracoSite site, string email, string password, string groupAlias)
    {
        using var admin = await site.ManagementClientAsync();
        var groups = JsonDocument.Parse(await admin.GetStringAsync("/umbraco/management/api/v1/user-group?take=100")).RootElement.GetProperty("items");
        var groupId = groups.EnumerateArray().Single(g => g.GetProperty("alias").GetString() == groupAlias).GetProperty("id").GetGuid();

        var userId = Guid.NewGuid();
        HttpResponseMessage user;
        try
        {
            user = await admin.PostAsJsonAsync("/umbraco/management/api/v1/user", new
            {
                id = userId,
                email,
                userName = email,
                name = email.Split('@')[0],
                userGroupIds = new[] { new { id = groupId } },
                kind = "Default",
            });
        }
        catch (TaskCanceledException ex)
        {
            // Seen under load (two sites and two browsers on two cores): the site's log says why it did not answer.
            throw new TimeoutException($"POST user {email} got no answer in {admin.Timeout}.\n{site.Diagnostics()}", ex);
        }

        using var _ = user;
        Assert.True(user.StatusCode == HttpStatusCode.Created, await user.Content.ReadAsStringAsync());

        using var changed = await admin.PostAsJsonAsync($"/umbraco/management/api/v1/user/{userId}/change-password", new { newPassword = password });
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        return userId;
    }
}
