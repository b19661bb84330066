using System.Text.Json.Nodes;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Members.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Members.Http;

/// <summary>
/// The portal's member account API (Umbraco has no REST API for this; these are the site's own): register,
/// confirm, reset a password, and — with a member access token — read, edit, download and delete one's profile.
/// Registration and reset requests answer 202 whether or not the address has an account.
/// </summary>
public static class MemberAccountEndpoints
{
    public const string Base = "/mahse/api/v1/members";
    public const string MemberPolicy = "Member";

    public sealed record RegisterRequest(string? Name, string? Email, string? Password, Dictionary<string, JsonNode?>? Values);

    public sealed record ConfirmRequest(Guid MemberId, string? Token);

    public sealed record EmailRequest(string? Email);

    public sealed record ResetRequest(Guid MemberId, string? Token, string? Password);

    public sealed record ProfileUpdateRequest(string? Name, Dictionary<string, JsonNode?>? Values);

    public static IEndpointRouteBuilder MapMemberAccounts(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup(Base).WithTags("Members").WithGroupName("mahse").DisableAntiforgery();
        members.MapPost("/register", async Task<IResult> (HttpRequest request, MemberService service, IOptions<MemberOptions> options, CancellationToken ct) =>
        {
            var (body, problem) = await RequestBody.ReadAsync<RegisterRequest>(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            var refused = await service.RegisterAsync(new MemberRegistration(body!.Name, body.Email, body.Password, body.Values), SiteUrl(request, options), ct);
            return refused is null ? Accepted() : Invalid(refused);
        }).WithName("RegisterMember").WithSummary("Registers a member; the account starts once the emailed link is followed.");

        members.MapPost("/confirm", async Task<IResult> (HttpRequest request, MemberService service, CancellationToken ct) =>
        {
            var (body, problem) = await RequestBody.ReadAsync<ConfirmRequest>(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            if (!await service.ConfirmEmailAsync(body!.MemberId, body.Token, ct))
            {
                return Problems.BadRequest("token", "The link is not valid or has expired; ask for a new one.", "Invalid confirmation link");
            }

            // A member registered through a form has no password yet: the answer carries a one-time token to set it.
            var setup = await service.PasswordSetupTokenAsync(body.MemberId);
            return TypedResults.Ok(new { passwordRequired = setup is not null, passwordToken = setup });
        }).WithName("ConfirmMemberEmail").WithSummary("Confirms a member's email address from the emailed link.");

        members.MapPost("/confirm/resend", async Task<IResult> (HttpRequest request, MemberService service, IOptions<MemberOptions> options, CancellationToken ct) =>
        {
            var (body, problem) = await RequestBody.ReadAsync<EmailRequest>(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            await service.ResendConfirmationAsync(body!.Email, SiteUrl(request, options), ct);
            return Accepted();
        }).WithName("ResendMemberConfirmation").WithSummary("Sends the confirmation link again (to unconfirmed accounts only).");

        members.MapPost("/password-reset", async Task<IResult> (HttpRequest request, MemberService service, IOptions<MemberOptions> options, CancellationToken ct) =>
        {
            var (body, problem) = await RequestBody.ReadAsync<EmailRequest>(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            await service.RequestPasswordResetAsync(body!.Email, SiteUrl(request, options), ct);
            return Accepted();
        }).WithName("RequestMemberPasswordReset").WithSummary("Emails a one-time link to choose a new password.");

        members.MapPost("/password-reset/confirm", async Task<IResult> (HttpRequest request, MemberService service, CancellationToken ct) =>
        {
            var (body, problem) = await RequestBody.ReadAsync<ResetRequest>(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            var refused = await service.ResetPasswordAsync(body!.MemberId, body.Token, body.Password, ct);
            return refused is null ? TypedResults.Ok() : Invalid(refused);
        }).WithName("ResetMemberPassword").WithSummary("Sets a new password with the emailed one-time link.");

        members.MapGet("/directory", async Task<IResult> (string? q, string? division, string? region, int? skip, int? take, MemberDirectory directory, CancellationToken ct) =>
        {
            if (skip is < 0 || take is < 0 or > 100)
            {
                return Problems.BadRequest(skip is < 0 ? "skip" : "take", "skip must be 0 or more and take between 0 and 100.", "Invalid paging");
            }

            try
            {
                return TypedResults.Ok(await directory.SearchAsync(q, division, region, skip ?? 0, take ?? 20, ct));
            }
            catch (Search.SearchQueryException ex)
            {
                return Problems.BadRequest("q", ex.Message, "Invalid search");
            }
        }).RequireAuthorization(MemberPolicy).WithName("SearchMemberDirectory")
            .WithSummary("The R&I network directory: members who agreed to be listed (signed-in members only).");

        var me = members.MapGroup("/me").RequireAuthorization(MemberPolicy);
        me.MapGet("", async Task<IResult> (HttpContext http, MemberService service, CancellationToken ct) =>
            await service.GetProfileAsync(CurrentMember(http), ct) is { } profile ? TypedResults.Ok(profile) : Problems.NotFound("member"))
            .WithName("GetCurrentMember").WithSummary("The signed-in member's profile.");
        me.MapPut("", async Task<IResult> (HttpContext http, MemberService service, CancellationToken ct) =>
        {
            var (body, problem) = await RequestBody.ReadAsync<ProfileUpdateRequest>(http.Request, ct);
            if (problem is not null)
            {
                return problem;
            }

            var (profile, refused) = await service.UpdateProfileAsync(CurrentMember(http), body!.Name, body.Values, ct);
            return refused is not null ? Invalid(refused) : profile is null ? Problems.NotFound("member") : TypedResults.Ok(profile);
        }).WithName("UpdateCurrentMember").WithSummary("Edits the signed-in member's name and profile values.");
        me.MapGet("/data", async Task<IResult> (HttpContext http, MemberService service, CancellationToken ct) =>
        {
            if (await service.ExportAsync(CurrentMember(http), ct) is not { } data)
            {
                return Problems.NotFound("member");
            }

            http.Response.Headers.ContentDisposition = "attachment; filename=\"my-mahse-data.json\"";
            return TypedResults.Json(data);
        }).WithName("DownloadCurrentMemberData").WithSummary("Everything stored about the signed-in member, as a JSON download.");
        me.MapDelete("", async Task<IResult> (HttpContext http, MemberService service, CancellationToken ct) =>
            await service.DeleteAsync(CurrentMember(http), ct) ? TypedResults.NoContent() : Problems.NotFound("member"))
            .WithName("DeleteCurrentMember").WithSummary("Deletes the signed-in member's account and profile; their tokens stop working.");
        return app;
    }

    private static Guid CurrentMember(HttpContext http) => MemberClaims.Read(http.User)?.Key ?? Guid.Empty;

    private static IResult Accepted() => TypedResults.Accepted((string?)null);

    private static IResult Invalid(MemberProblem problem) => Problems.Of(StatusCodes.Status400BadRequest, "Invalid member details", "InvalidMember",
        problem.Errors.SelectMany(e => e.Value.Select(m => new FieldError(e.Key, m))).ToList());

    /// <summary>Links in emails point at the configured site address; the request's own host only when none is set.</summary>
    private static Uri SiteUrl(HttpRequest request, IOptions<MemberOptions> options) =>
        options.Value.ApplicationUrl is { Length: > 0 } configured ? new Uri(configured) : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
