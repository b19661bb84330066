using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
using Mahse.Cms.Persistence;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mahse.Cms.Content.Redirects;

/// <summary>Umbraco's redirect URL management: list and filter tracked URLs, those of one document, and delete one.</summary>
public static class RedirectManagementEndpoints
{
    public sealed record RedirectUrlResponseModel(Guid Id, string OriginalUrl, string DestinationUrl, DateTime Created, ReferenceByIdModel Document, string? Culture);

    public sealed record RedirectUrlStatusResponseModel(string Status, bool UserIsAdmin);

    public static RouteGroupBuilder MapRedirectManagement(this RouteGroupBuilder api)
    {
        var redirects = api.MapGroup("/redirect-management").WithTags("Redirect Management");
        redirects.MapGet("", async Task<IResult> (string? filter, int? skip, int? take, RedirectUrlService service, PublishedContentCache cache, CancellationToken ct) =>
            {
                if (skip is < 0 || take is < 0)
                {
                    return Problems.BadRequest(skip is < 0 ? "skip" : "take", "skip and take must be 0 or more.", "Invalid paging");
                }

                var (total, items) = await service.ListAsync(filter, skip ?? 0, Math.Min(take ?? 100, 1000), ct);
                return TypedResults.Ok(new PagedModel<RedirectUrlResponseModel>(total, items.Select(r => ToModel(r, cache)).ToList()));
            })
            .WithName("GetRedirectManagement").WithSummary("Tracked old URLs, newest first; filter matches part of the URL.");
        redirects.MapGet("/{id:guid}", async (Guid id, RedirectUrlService service, PublishedContentCache cache, CancellationToken ct) =>
            {
                var items = await service.ForContentAsync(id, ct);
                return TypedResults.Ok(new PagedModel<RedirectUrlResponseModel>(items.Count, items.Select(r => ToModel(r, cache)).ToList()));
            })
            .WithName("GetRedirectManagementById").WithSummary("The tracked old URLs of one document.");
        redirects.MapDelete("/{id:guid}", async Task<IResult> (Guid id, RedirectUrlService service, CancellationToken ct) =>
                await service.DeleteAsync(id, ct) ? TypedResults.Ok() : Problems.NotFound("redirect URL"))
            .WithName("DeleteRedirectManagementById").WithSummary("Stops redirecting one old URL.")
            .RequireAuthorization(BackOfficePolicies.PublishContent);
        redirects.MapGet("/status", (RedirectUrlService service, HttpContext http) =>
                TypedResults.Ok(new RedirectUrlStatusResponseModel(service.IsEnabled ? "Enabled" : "Disabled", http.User.HasClaim(OpenIddict.Abstractions.OpenIddictConstants.Claims.Role, UserGroups.Administrators))))
            .WithName("GetRedirectManagementStatus").WithSummary("Whether URL tracking is on (set by Umbraco:CMS:WebRouting:DisableRedirectUrlTracking).");
        return api;
    }

    private static RedirectUrlResponseModel ToModel(RedirectUrlRow row, PublishedContentCache cache)
    {
        var destination = cache.Get(row.ContentKey);
        return new RedirectUrlResponseModel(row.Key, row.Url, destination is null ? "" : PublishedContentCache.Url(destination), row.CreateDate,
            new ReferenceByIdModel(row.ContentKey), row.Culture);
    }
}
