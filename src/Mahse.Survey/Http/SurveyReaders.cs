using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.DeliveryApi;
using Mahse.Survey.Views;

namespace Mahse.Survey.Http;

/// <summary>Who reads a public survey endpoint: a member when a Delivery API member token comes with the request.</summary>
public static class SurveyReaders
{
    /// <summary>
    /// Member or public, through Umbraco's own request member service (which validates the Delivery API member token);
    /// a missing, invalid or backoffice token reads as public.
    /// </summary>
    public static async Task<SurveyView> ViewAsync(HttpContext http) =>
        await MemberKeyAsync(http) is not null ? SurveyView.Member : SurveyView.Public;

    public static async Task<Guid?> MemberKeyAsync(HttpContext http)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var access = http.RequestServices.GetService<IRequestMemberAccessService>();
        return access is null ? null : (await access.MemberAccessAsync()).MemberKey;
    }
}
