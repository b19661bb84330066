using System.Security.Claims;
using Mahse.Cms.Persistence;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OAuthClaims = Umbraco.Cms.Core.Constants.OAuthClaims;

namespace Mahse.Cms.Members.Auth;

/// <summary>
/// The claims of a member's tokens, as Umbraco puts them: <c>sub</c> and <c>umbraco-member-key</c> = the member
/// key, <c>umbraco-member-roles</c> = the groups, comma-joined. Members get no <c>role</c> claim in access tokens,
/// so nothing a member holds can satisfy a backoffice policy.
/// </summary>
public static class MemberClaims
{
    public static ClaimsIdentity For(MemberRow member, IEnumerable<string> groups, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, member.Key.ToString("D"))
            .SetClaim(Claims.Name, member.Name)
            .SetClaim(Claims.Email, member.Email)
            .SetClaim(OAuthClaims.MemberKey, member.Key.ToString("D"))
            .SetClaim(OAuthClaims.MemberRoles, string.Join(',', groups));
        identity.SetScopes(scopes.Intersect([Scopes.OpenId, Scopes.OfflineAccess], StringComparer.Ordinal));
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or Claims.Name or Claims.Email => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }

    /// <summary>The member key and groups of a validated member access token, or null when the principal is not a member.</summary>
    public static MemberIdentity? Read(ClaimsPrincipal? principal)
    {
        if (principal?.FindFirst(OAuthClaims.MemberKey)?.Value is not { } keyText || !Guid.TryParse(keyText, out var key))
        {
            return null;
        }

        var groups = (principal.FindFirst(OAuthClaims.MemberRoles)?.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new MemberIdentity(key, principal.FindFirst(Claims.Email)?.Value, principal.FindFirst(Claims.Name)?.Value, groups);
    }
}

/// <summary>Who a member request is for: key, login and groups.</summary>
public sealed record MemberIdentity(Guid Key, string? Email, string? Name, IReadOnlyList<string> Groups);
