using System.Security.Claims;
using Mahse.Cms.Persistence;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mahse.Cms.Members.Auth;

/// <summary>
/// Umbraco 17's member authorization for the Delivery API on OpenIddict: authorization code with PKCE (the
/// member signs in on the site's login page first), refresh and client-credentials tokens, sign-out and
/// user info. OpenIddict validates clients, redirect URIs, codes and verifiers before these handlers run.
/// </summary>
public static class MemberAuthEndpoints
{
    public static IEndpointRouteBuilder MapMemberAuth(this IEndpointRouteBuilder app)
    {
        app.MapMethods(MemberAuthPaths.Authorize, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost(MemberAuthPaths.Token, TokenAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods(MemberAuthPaths.SignOut, [HttpMethods.Get, HttpMethods.Post], (Func<HttpContext, Task<IResult>>)SignOutAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods(MemberAuthPaths.UserInfo, [HttpMethods.Get, HttpMethods.Post], UserInfoAsync).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, UserManager<MemberRow> users, IOptions<MemberAuthorizationSettings> settings)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        if (!settings.Value.AuthorizationCodeFlow.Enabled)
        {
            return Results.BadRequest("Member authorization is not allowed.");
        }

        if (request.ClientId != MemberAuthPaths.ClientId)
        {
            return Results.BadRequest("The specified client ID cannot be used here.");
        }

        var session = await http.AuthenticateAsync(MemberAuthPaths.CookieScheme);
        var member = session.Succeeded && session.Principal.FindFirst(Claims.Subject)?.Value is { } sub ? await users.FindByIdAsync(sub) : null;
        if (member is null || !await CanSignInAsync(users, member))
        {
            // To the login page, and back here (with the same PKCE parameters) once signed in.
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString }, [MemberAuthPaths.CookieScheme]);
        }

        var identity = MemberClaims.For(member, await users.GetRolesAsync(member), request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> TokenAsync(HttpContext http, UserManager<MemberRow> users, IOptions<MemberAuthorizationSettings> settings)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        MemberRow? member;
        IEnumerable<string> scopes;
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            if (request.ClientId != MemberAuthPaths.ClientId)
            {
                return Forbid(Errors.InvalidClient, "The specified client ID cannot be used here.");
            }

            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            member = result.Principal?.FindFirst(Claims.Subject)?.Value is { } sub ? await users.FindByIdAsync(sub) : null;
            scopes = result.Principal?.GetScopes() ?? [];
        }
        else if (request.IsClientCredentialsGrantType() && request.ClientId?.StartsWith(MemberAuthPaths.ClientCredentialsPrefix, StringComparison.Ordinal) == true)
        {
            var associated = settings.Value.ClientCredentialsFlow.AssociatedMembers
                .FirstOrDefault(m => MemberAuthPaths.ClientCredentialsPrefix + m.ClientId == request.ClientId);
            member = associated is null ? null : await users.FindByEmailAsync(associated.UserName);
            scopes = [];
        }
        else
        {
            return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported for members.");
        }

        // Checked again at every exchange: a member deleted, locked out or unapproved since gets nothing more.
        if (member is null || !await CanSignInAsync(users, member))
        {
            return Forbid(Errors.InvalidGrant, "The member can no longer sign in.");
        }

        // Groups are read afresh, so a refreshed token carries the member's current groups.
        var identity = MemberClaims.For(member, await users.GetRolesAsync(member), scopes);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        await http.SignOutAsync(MemberAuthPaths.CookieScheme);

        // OpenIddict has already refused a post_logout_redirect_uri that is not one of the LogoutRedirectUrls.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = request.PostLogoutRedirectUri }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http, UserManager<MemberRow> users)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var identity = MemberClaims.Read(result.Principal);
        if (identity is null || await users.FindByIdAsync(identity.Key.ToString("D")) is not { } member)
        {
            return Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The access token is not a member's.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return Results.Json(new Dictionary<string, object?>
        {
            [Claims.Subject] = member.Key.ToString("D"),
            [Claims.Name] = member.Name,
            [Claims.Email] = member.Email,
            [Claims.Role] = await users.GetRolesAsync(member),
        });
    }

    public static async Task<bool> CanSignInAsync(UserManager<MemberRow> users, MemberRow member) =>
        member.IsApproved && member.EmailConfirmed && !await users.IsLockedOutAsync(member);

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
