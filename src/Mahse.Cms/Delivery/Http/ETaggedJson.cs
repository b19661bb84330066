using Mahse.Cms.Delivery.Caching;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mahse.Cms.Delivery.Http;

/// <summary>
/// A Delivery API item body with a strong ETag taken from its bytes, answering If-None-Match with 304.
/// Hashing the body rather than the item's version keeps the tag honest when an expanded picker or a
/// media item inside the body changes while the item itself does not.
/// </summary>
public sealed class ETaggedJson(RenderedItemMemo.Rendered rendered) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var tag = new EntityTagHeaderValue(rendered.ETag);
        http.Response.Headers.ETag = rendered.ETag;

        if (Matches(http.Request, tag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = rendered.Body.Length;
        await http.Response.Body.WriteAsync(rendered.Body, http.RequestAborted);
    }

    // If-None-Match uses the weak comparison (RFC 9110 §13.1.2), so W/"x" matches "x"; * matches any current body.
    private static bool Matches(HttpRequest request, EntityTagHeaderValue tag) =>
        EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var candidates)
        && candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(tag, useStrongComparison: false));
}
