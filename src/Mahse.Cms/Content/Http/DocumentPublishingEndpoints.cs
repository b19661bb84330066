using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Content.Http;

public static class DocumentPublishingEndpoints
{
    public static void Map(RouteGroupBuilder documents)
    {
        documents.MapPut("/{id:guid}/publish", PublishAsync)
            .WithName("PublishDocument").WithSummary("Publishes the current draft now, or schedules it.")
            .RequireAuthorization(BackOfficePolicies.PublishContent);
        documents.MapPut("/{id:guid}/publish-with-descendants", PublishWithDescendantsAsync)
            .WithName("PublishDocumentWithDescendants").WithSummary("Publishes a branch, all or nothing.")
            .RequireAuthorization(BackOfficePolicies.PublishContent);
        documents.MapPut("/{id:guid}/unpublish", UnpublishAsync)
            .WithName("UnpublishDocument").WithSummary("Unpublishes a document (its descendants stop being served too).")
            .RequireAuthorization(BackOfficePolicies.PublishContent);
    }

    private static async Task<IResult> PublishAsync(Guid id, HttpRequest request, ContentPublishingService publishing, CancellationToken ct)
    {
        PublishSchedule? schedule = null;
        if (RequestBody.HasBody(request))
        {
            var (body, problem) = await RequestBody.ReadAsync<PublishDocumentRequestModel>(request, ct);
            if (problem is not null)
            {
                return problem;
            }

            var first = body!.PublishSchedules?.FirstOrDefault()?.Schedule;
            if (first is not null)
            {
                schedule = new PublishSchedule(first.PublishTime?.UtcDateTime, first.UnpublishTime?.UtcDateTime);
            }
        }

        var expected = RequestBody.ExpectedVersion(request);
        return ToResult(await publishing.PublishAsync(id, schedule, expected, ct), request.HttpContext, expected);
    }

    private static async Task<IResult> PublishWithDescendantsAsync(Guid id, HttpRequest request, ContentPublishingService publishing, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync<PublishWithDescendantsRequestModel>(request, ct);
        return problem ?? ToResult(await publishing.PublishWithDescendantsAsync(id, body!.IncludeUnpublishedDescendants, ct), request.HttpContext, null);
    }

    private static async Task<IResult> UnpublishAsync(Guid id, HttpRequest request, ContentPublishingService publishing, CancellationToken ct)
    {
        var expected = RequestBody.ExpectedVersion(request);
        return ToResult(await publishing.UnpublishAsync(id, expected, ct), request.HttpContext, expected);
    }

    private static IResult ToResult(Attempt<ContentOperationResult, ContentPublishingOperationStatus> attempt, HttpContext http, int? expectedVersion)
    {
        if (attempt.Success)
        {
            if (attempt.Result.Item is { } item)
            {
                http.Response.Headers.ETag = RequestBody.ETag(item.Version);
            }

            return TypedResults.Ok();
        }

        return attempt.Status == ContentPublishingOperationStatus.ConcurrencyViolation && expectedVersion is not null
            ? Problems.PreconditionFailed()
            : ContentProblems.For(attempt.Status, attempt.Result.Errors);
    }
}
