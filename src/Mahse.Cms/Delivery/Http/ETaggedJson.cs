using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mahse.Cms.Delivery.Http;

/// <summary>
/// A Delivery API item body with a strong ETag taken from its bytes, answering If-None-Match with 304.
/// Hashing the body rather than the item's version keeps the tag honest when an expanded picker or a
/// media item inside the body changes while the item itself does not.
/// </summary>
public sealed class ETaggedJson(JsonNode body) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16))}\"");
        http.Response.Headers.ETag = tag.ToString();

        if (Matches(http.Request, tag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    // If-None-Match uses the weak comparison (RFC 9110 §13.1.2), so W/"x" matches "x"; * matches any current body.
    private static bool Matches(HttpRequest request, EntityTagHeaderValue tag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var candidates)
        && candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(tag, useStrongComparison: false));
}
