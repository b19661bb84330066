using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Infrastructure.Http;

/// <summary>
/// Reads a JSON body and turns malformed JSON into a 400 problem that says where it broke, instead of
/// minimal APIs' bare 400.
/// </summary>
public static class RequestBody
{
    public const long MaxJsonBytes = 4 * 1024 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength is > MaxJsonBytes)
        {
            return (null, Problems.Of(StatusCodes.Status413PayloadTooLarge, "Request body too large", null,
                [new FieldError("body", $"JSON bodies are limited to {MaxJsonBytes / 1024 / 1024} MB.")]));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", null,
                [new FieldError("Content-Type", "Send the body as application/json.")]));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct);
            return value is null
                ? (null, Problems.BadRequest("body", "A JSON object is required.", "Malformed request body"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) ? "body" : ex.Path;
            return (null, Problems.BadRequest(field, $"The body is not valid JSON for this request (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}).", "Malformed request body"));
        }
    }

    /// <summary>Whether a body was sent at all (a streamed body has no Content-Length).</summary>
    public static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>The version the client read, from an <c>If-Match: "3"</c> header; null when the header is absent.</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header == "*")
        {
            return null;
        }

        var trimmed = header.Trim().TrimStart('W', '/').Trim('"');
        return int.TryParse(trimmed, out var version) ? version : -1;
    }

    public static string ETag(int version) => $"\"{version}\"";
}
