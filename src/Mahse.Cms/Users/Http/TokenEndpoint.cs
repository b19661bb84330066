using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mahse.Cms.Users.Http;

/// <summary>
/// The token endpoint at Umbraco's path. OpenIddict has already checked the client (and its secret, in constant
/// time); this decides who the caller is: an API user by client id, or a backoffice user by password.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapBackOfficeToken(this IEndpointRouteBuilder app)
    {
        app.MapPost(UsersServiceCollectionExtensions.TokenPath, ExchangeAsync)
            .WithName("BackOfficeToken")
            .WithSummary("Issues backoffice access tokens (client credentials for API users, password for users).")
            .ExcludeFromDescription()
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext context,
        BackOfficeUserService users,
        IOptionsSnapshot<List<ApiUserOptions>> apiUsers,
        CancellationToken ct)
    {
        var request = context.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);

        if (request.IsClientCredentialsGrantType())
        {
            var apiUser = apiUsers.Value.FirstOrDefault(u => u.ClientId == request.ClientId);
            if (apiUser is null)
            {
                return Forbid(Errors.InvalidClient, "The API user is not configured.");
            }

            identity.SetClaim(Claims.Subject, apiUser.ClientId)
                .SetClaim(Claims.Name, apiUser.ClientId)
                .SetClaims(Claims.Role, [apiUser.UserGroup]);
        }
        else if (request.IsPasswordGrantType())
        {
            var (status, user) = await users.SignInAsync(request.Username ?? "", request.Password ?? "", ct);
            if (status == SignInStatus.LockedOut)
            {
                return Forbid(Errors.InvalidGrant, "The user is locked out after too many failed sign-ins; try again later.");
            }

            if (user is null)
            {
                return Forbid(Errors.InvalidGrant, "The user name or password is incorrect.");
            }

            identity.SetClaim(Claims.Subject, user.Key.ToString())
                .SetClaim(Claims.Name, user.UserName)
                .SetClaim(Claims.Email, user.Email)
                .SetClaims(Claims.Role, [user.UserGroup]);
            identity.SetScopes(request.GetScopes());
        }
        else if (request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is null)
            {
                return Forbid(Errors.InvalidGrant, "The refresh token is no longer valid.");
            }

            identity = new ClaimsIdentity(result.Principal.Claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        }
        else
        {
            return Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
