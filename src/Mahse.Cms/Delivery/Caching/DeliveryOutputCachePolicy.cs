using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mahse.Cms.Delivery.Caching;

/// <summary>
/// Umbraco's opt-in Delivery API output cache (<c>Umbraco:CMS:DeliveryApi:OutputCache</c>): successful answers
/// only, never preview or signed-in requests, varied by query, the headers that change the answer, and whether the
/// Api-Key was valid — Umbraco's CVE-2025-54425 was a cache that did not vary by the key.
/// </summary>
public sealed class DeliveryOutputCachePolicy(string tag) : IOutputCachePolicy
{
    public const string ContentTag = "umbraco-delivery-content";
    public const string MediaTag = "umbraco-delivery-media";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<IOptions<DeliveryApiSettings>>().Value;
        var cache = settings.OutputCache;
        var cacheable = cache.Enabled
            && HttpMethods.IsGet(http.Request.Method)
            && !string.Equals(http.Request.Headers["Preview"], "true", StringComparison.OrdinalIgnoreCase)
            && !http.Request.Headers.ContainsKey("Authorization");

        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (!cacheable)
        {
            return ValueTask.CompletedTask;
        }

        context.ResponseExpirationTimeSpan = tag == MediaTag ? cache.MediaDuration : cache.ContentDuration;
        context.Tags.Add(tag);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.HeaderNames = new[] { "Accept-Language", "Accept-Segment", "Start-Item" };
        context.CacheVaryByRules.VaryByValues["api-key-valid"] = settings.HasValidApiKey(http.Request) ? "1" : "0";
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        // 200s only: a 401, 404 or 400 must be decided afresh (a key may be rotated, an item published).
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
