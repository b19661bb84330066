using System.Security.Cryptography;
using System.Text;
using Mahse.Forms.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mahse.Forms.Http;

/// <summary>
/// Umbraco Forms' gate in front of every Forms API endpoint: the API switched on (<c>EnableFormsApi</c>, off by
/// default), and, when <c>FormsApiKey</c> is configured, that key in the <c>Api-Key</c> header. Status and messages are
/// Umbraco Forms' own (contracts/fixtures/forms/derived.403.*).
/// </summary>
public static class FormsApiAccess
{
    public const string ApiKeyHeader = "Api-Key";

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<IOptionsMonitor<FormsSettings>>().CurrentValue;
        if (!settings.Options.EnableFormsApi)
        {
            return Forbidden("The Forms API is not enabled.");
        }

        if (!string.IsNullOrEmpty(settings.Security.FormsApiKey))
        {
            var given = http.Request.Headers[ApiKeyHeader].ToString();
            if (given.Length == 0)
            {
                return Forbidden($"An API key has been configured for the Umbraco Forms API but no key was found in the request's '{ApiKeyHeader}' header.");
            }

            if (!KeyMatches(given, settings.Security.FormsApiKey))
            {
                return Forbidden($"An API key has been configured for the Umbraco Forms API but the value provided in the request's '{ApiKeyHeader}' header does not match.");
            }
        }

        return await next(context);
    }

    /// <summary>
    /// Compared in constant time. Both sides are hashed first so the comparison also takes the same time whatever the
    /// lengths (FixedTimeEquals returns at once for spans of different length).
    /// </summary>
    public static bool KeyMatches(string given, string configured) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));

    /// <summary>
    /// Browser posts must carry the antiforgery token. A server client configured with an API key has already passed
    /// the key check (the key is required on every request once set), so it does not need one: Umbraco Forms' docs
    /// pair the key with turning antiforgery off, and this keeps that pairing without a second setting to forget.
    /// </summary>
    public static bool NeedsAntiforgery(FormsSettings settings) =>
        settings.Security.EnableAntiForgeryTokenForFormsApi && string.IsNullOrEmpty(settings.Security.FormsApiKey);

    private static IResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", type: "https://httpstatuses.io/403", detail: detail);
}
