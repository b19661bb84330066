using Mahse.Survey.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Api.Management.Security.Authorization;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Security.Authorization;

namespace Mahse.Survey.Management.Authorization;

/// <summary>The survey's Management API policies (on top of Umbraco's BackOfficeAccess, which every Management API controller has).</summary>
public static class SurveyPolicies
{
    /// <summary>A group of the user is one of <c>Mahse:Survey:ViewerGroups</c> (default Administrators and Reviewers).</summary>
    public const string Viewers = "MahseSurveyViewers";

    /// <summary>Umbraco's backoffice bearer token scheme, as its own policies name it.</summary>
    public const string Scheme = "OpenIddict.Validation.AspNetCore";

    public static void Add(AuthorizationOptions options) => options.AddPolicy(Viewers, policy =>
    {
        policy.AuthenticationSchemes.Add(Scheme);
        policy.Requirements.Add(new SurveyViewerRequirement());
    });
}

/// <summary>Responses hold respondents' contact details and free-text comments: only the configured groups see them.</summary>
public sealed class SurveyViewerRequirement : IAuthorizationRequirement;

public sealed class SurveyViewerHandler(IAuthorizationHelper users, IOptionsMonitor<SurveyOptions> options)
    : MustSatisfyRequirementAuthorizationHandler<SurveyViewerRequirement>
{
    protected override Task<bool> IsAuthorized(AuthorizationHandlerContext context, SurveyViewerRequirement requirement) =>
        Task.FromResult(users.TryGetUmbracoUser(context.User, out var user) && IsViewer(user, options.CurrentValue));

    public static bool IsViewer(IUser user, SurveyOptions options) =>
        user.Groups.Any(g => options.Viewers.Contains(g.Alias, StringComparer.OrdinalIgnoreCase));
}
