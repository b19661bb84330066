using System.Security.Claims;
using System.Text.Encodings.Web;
using Mahse.Cms.Members.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mahse.Cms.Members.Http;

/// <summary>
/// The site's member pages that the authorization flow and the emails send people to: sign in, confirm an email
/// address, choose a new password. Plain server-rendered forms with antiforgery tokens; every value written into
/// the page is HTML-encoded.
/// </summary>
public static class MemberPages
{
    public static IEndpointRouteBuilder MapMemberPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(MemberAuthPaths.LoginPage, (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Page(http, "Sign in", LoginForm(http, antiforgery, returnUrl, null))).ExcludeFromDescription();
        app.MapPost(MemberAuthPaths.LoginPage, SignInAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet(MemberEmails.ConfirmPath, (HttpContext http, IAntiforgery antiforgery, Guid? member, string? token) =>
            Page(http, "Confirm your email address", $"""
                <form method="post">{Token(http, antiforgery)}
                <input type="hidden" name="member" value="{Encode(member?.ToString())}"><input type="hidden" name="token" value="{Encode(token)}">
                <button type="submit">Confirm my email address</button></form>
                """)).ExcludeFromDescription();
        app.MapPost(MemberEmails.ConfirmPath, ConfirmAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet(MemberEmails.ResetPath, (HttpContext http, IAntiforgery antiforgery, Guid? member, string? token) =>
            Page(http, "Choose a new password", ResetForm(http, antiforgery, member, token, null))).ExcludeFromDescription();
        app.MapPost(MemberEmails.ResetPath, ResetAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapGet(ForgotPath, (HttpContext http, IAntiforgery antiforgery) => Page(http, "Forgotten your password?", $"""
                <form method="post">{Token(http, antiforgery)}
                <label>Email <input type="email" name="email" autocomplete="email" required></label>
                <button type="submit">Email me a link</button></form>
                """)).ExcludeFromDescription();
        app.MapPost(ForgotPath, ForgotAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapRegistrationPage();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, MemberService members, CancellationToken ct)
    {
        if (await InvalidFormAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var form = http.Request.Form;
        var returnUrl = form["returnUrl"].ToString();
        var result = await members.SignInAsync(form["email"], form["password"], ct);
        if (result.Status != MemberSignInStatus.Success)
        {
            var message = result.Status == MemberSignInStatus.NotAllowed
                ? "Please confirm your email address first: follow the link in the message we sent you."
                : "The email address or password is not right, or the account is locked after too many attempts.";
            return Page(http, "Sign in", LoginForm(http, antiforgery, returnUrl, message), StatusCodes.Status200OK);
        }

        var identity = new ClaimsIdentity(MemberAuthPaths.CookieScheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, result.Member!.Key.ToString("D")));
        identity.AddClaim(new Claim(Claims.Name, result.Member.Name));
        await http.SignInAsync(MemberAuthPaths.CookieScheme, new ClaimsPrincipal(identity));
        return Results.Redirect(IsLocal(returnUrl) ? returnUrl : "/");
    }

    public const string ForgotPath = "/members/forgot-password";

    private static async Task<IResult> ForgotAsync(HttpContext http, IAntiforgery antiforgery, MemberService members, Microsoft.Extensions.Options.IOptions<MemberOptions> options, CancellationToken ct)
    {
        if (await InvalidFormAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var site = options.Value.ApplicationUrl is { Length: > 0 } url ? new Uri(url) : new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/");
        await members.RequestPasswordResetAsync(http.Request.Form["email"], site, ct);

        // The same answer for every address, so the page tells nobody which addresses have accounts.
        return Page(http, "Check your email", "<p>If the address has an account, a message with a link to choose a new password is on its way.</p>");
    }

    private static async Task<IResult> ConfirmAsync(HttpContext http, IAntiforgery antiforgery, MemberService members, CancellationToken ct)
    {
        if (await InvalidFormAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var form = http.Request.Form;
        var confirmed = Guid.TryParse(form["member"], out var key) && await members.ConfirmEmailAsync(key, form["token"], ct);
        if (confirmed && await members.PasswordSetupTokenAsync(key) is { } setup)
        {
            // Registered through a form, so no password yet: choose one now.
            return Page(http, "Choose a password", ResetForm(http, antiforgery, key, setup, null));
        }

        return confirmed
            ? Page(http, "Email address confirmed", $"""<p>Thank you. You can now <a href="{MemberAuthPaths.LoginPage}">sign in</a>.</p>""")
            : Page(http, "This link does not work", "<p>The link is not valid or has expired. Ask for a new one from the sign-in page.</p>", StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ResetAsync(HttpContext http, IAntiforgery antiforgery, MemberService members, CancellationToken ct)
    {
        if (await InvalidFormAsync(http, antiforgery) is { } refused)
        {
            return refused;
        }

        var form = http.Request.Form;
        Guid.TryParse(form["member"], out var key);
        var problem = await members.ResetPasswordAsync(key, form["token"], form["password"], ct);
        return problem is null
            ? Page(http, "Password changed", $"""<p>Your password has been changed. <a href="{MemberAuthPaths.LoginPage}">Sign in</a>.</p>""")
            : Page(http, "Choose a new password", ResetForm(http, antiforgery, key, form["token"], string.Join(" ", problem.Errors.Values.SelectMany(v => v))), StatusCodes.Status400BadRequest);
    }

    private static string LoginForm(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? message) => $"""
        {(message is null ? "" : $"<p role=\"alert\">{Encode(message)}</p>")}
        <form method="post">{Token(http, antiforgery)}
        <input type="hidden" name="returnUrl" value="{Encode(returnUrl)}">
        <label>Email <input type="email" name="email" autocomplete="username" required></label>
        <label>Password <input type="password" name="password" autocomplete="current-password" required></label>
        <button type="submit">Sign in</button></form>
        <p><a href="{ForgotPath}">Forgotten your password?</a> · <a href="{RegistrationPage.Path}">Register</a></p>
        """;

    private static string ResetForm(HttpContext http, IAntiforgery antiforgery, Guid? member, string? token, string? message) => $"""
        {(message is null ? "" : $"<p role=\"alert\">{Encode(message)}</p>")}
        <form method="post">{Token(http, antiforgery)}
        <input type="hidden" name="member" value="{Encode(member?.ToString())}"><input type="hidden" name="token" value="{Encode(token)}">
        <label>New password <input type="password" name="password" autocomplete="new-password" required></label>
        <button type="submit">Change my password</button></form>
        """;

    internal static async Task<IResult?> InvalidFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "A form post is expected");
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The form's antiforgery token is missing or not valid",
                detail: "Reload the page and try again.");
        }
    }

    internal static string Token(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">";
    }

    /// <summary>Only paths on this site: "/x" but not "//host" or "/\host", so the form is no open redirect.</summary>
    private static bool IsLocal(string? url) => !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    internal static IResult Page(HttpContext http, string title, string body, int status = StatusCodes.Status200OK)
    {
        http.Response.Headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'";
        http.Response.Headers["X-Frame-Options"] = "DENY";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · MAHSE Research &amp; Innovation</title></head>
            <body><main><h1>{Encode(title)}</h1>
            {body}
            </main></body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }
}
