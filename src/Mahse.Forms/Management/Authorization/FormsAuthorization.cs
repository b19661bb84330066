using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Api.Management.Security.Authorization;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Security.Authorization;

namespace Mahse.Forms.Management.Authorization;

/// <summary>The forms module's authorization policies (on top of Umbraco's BackOfficeAccess, which every Management API controller has).</summary>
public static class FormsPolicies
{
    /// <summary>A group of the user has the Forms section.</summary>
    public const string Section = "MahseFormsSection";

    /// <summary>A group of the user is one of the entry reader groups.</summary>
    public const string EntryReaders = "MahseFormsEntryReaders";

    /// <summary>Umbraco's backoffice bearer token scheme, as its own policies name it.</summary>
    public const string Scheme = "OpenIddict.Validation.AspNetCore";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Section, policy =>
        {
            policy.AuthenticationSchemes.Add(Scheme);
            policy.Requirements.Add(new SectionAccessRequirement(FormsSection.Alias));
        });
        options.AddPolicy(EntryReaders, policy =>
        {
            policy.AuthenticationSchemes.Add(Scheme);
            policy.Requirements.Add(new EntryReaderRequirement());
        });
    }
}

/// <summary>
/// The user has the section. Umbraco 18.3.2 has a policy per core section but none for a custom one, and its
/// AllowedApplicationRequirement is internal, so this does the same check (<see cref="IUser.AllowedSections"/>).
/// </summary>
public sealed class SectionAccessRequirement(string section) : IAuthorizationRequirement
{
    public string Section { get; } = section;
}

public sealed class SectionAccessHandler(IAuthorizationHelper users) : MustSatisfyRequirementAuthorizationHandler<SectionAccessRequirement>
{
    protected override Task<bool> IsAuthorized(AuthorizationHandlerContext context, SectionAccessRequirement requirement) =>
        Task.FromResult(users.TryGetUmbracoUser(context.User, out var user) && user.AllowedSections.Contains(requirement.Section, StringComparer.OrdinalIgnoreCase));
}

/// <summary>The user is in one of the groups of <c>Mahse:Forms:EntryReaderGroups</c> (entries hold applicants' personal data).</summary>
public sealed class EntryReaderRequirement : IAuthorizationRequirement;

public sealed class EntryReaderHandler(IAuthorizationHelper users, IOptionsMonitor<FormsManagementOptions> options)
    : MustSatisfyRequirementAuthorizationHandler<EntryReaderRequirement>
{
    protected override Task<bool> IsAuthorized(AuthorizationHandlerContext context, EntryReaderRequirement requirement) =>
        Task.FromResult(users.TryGetUmbracoUser(context.User, out var user) && IsEntryReader(user, options.CurrentValue));

    public static bool IsEntryReader(IUser user, FormsManagementOptions options) =>
        user.Groups.Any(g => options.EntryReaders.Contains(g.Alias, StringComparer.OrdinalIgnoreCase));
}

/// <summary>Fields marked as sensitive data are shown to administrators and Umbraco's sensitive data group only, as Umbraco Forms does.</summary>
public static class SensitiveData
{
    public const string GroupAlias = "sensitiveData";

    public static bool CanSee(IUser user) =>
        user.Groups.Any(g => g.Alias is Umbraco.Cms.Core.Constants.Security.AdminGroupAlias || string.Equals(g.Alias, GroupAlias, StringComparison.OrdinalIgnoreCase));
}
