using Mahse.Cms.Infrastructure.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mahse.Cms.Users.Http;

public sealed record CreateUserRequestModel(string? Name, string? Email, string? UserName, string? Password, string? UserGroup);

public sealed record CurrentUserResponseModel(string? Id, string? Name, string? Email, IReadOnlyList<string> UserGroups);

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/user/current", (HttpContext http) => TypedResults.Ok(new CurrentUserResponseModel(
                http.User.FindFirst(Claims.Subject)?.Value,
                http.User.FindFirst(Claims.Name)?.Value,
                http.User.FindFirst(Claims.Email)?.Value,
                http.User.FindAll(Claims.Role).Select(c => c.Value).ToList())))
            .WithTags("User").WithName("GetCurrentUser").WithSummary("Who the token belongs to.");
        api.MapPost("/user", async (HttpRequest request, BackOfficeUserService users, CancellationToken ct) =>
            {
                var (body, problem) = await RequestBody.ReadAsync<CreateUserRequestModel>(request, ct);
                if (problem is not null)
                {
                    return (IResult)problem;
                }

                var (user, errors) = await users.CreateAsync(body!.Name ?? "", body.Email ?? "", body.UserName ?? body.Email ?? "", body.Password ?? "",
                    body.UserGroup ?? UserGroups.Writers, ct);
                if (user is null)
                {
                    var conflict = errors.Any(e => e.Field == "userName");
                    return Problems.Of(conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
                        conflict ? "Duplicate user" : "Invalid user", conflict ? "DuplicateUserName" : "InvalidUser", errors);
                }

                request.HttpContext.Response.Headers["Umbraco-Generated-Resource"] = user.Key.ToString();
                return TypedResults.Created($"/umbraco/management/api/v1/user/{user.Key}");
            })
            .WithTags("User").WithName("PostUser").WithSummary("Creates a backoffice user in a group.")
            .RequireAuthorization(BackOfficePolicies.ManageSettings);
        return api;
    }
}
