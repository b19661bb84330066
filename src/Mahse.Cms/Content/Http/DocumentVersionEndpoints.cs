using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Management;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mahse.Cms.Content.Http;

public static class DocumentVersionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var versions = api.MapGroup("/document-version").WithTags("Document Version");
        versions.MapGet("", async Task<IResult> (Guid documentId, int? skip, int? take, ContentVersionService service, CancellationToken ct) =>
            {
                var list = await service.ListAsync(documentId, skip ?? 0, Math.Clamp(take ?? 100, 0, 1000), ct);
                if (list is null)
                {
                    return Problems.NotFound("document");
                }

                var items = list.Select(v => new DocumentVersionItemModel(v.Key, new ReferenceByIdModel(v.DocumentKey), v.CreateDate, v.CreatedBy,
                    v.IsCurrentDraft, v.IsCurrentPublished, v.WasPublished)).ToList();
                return TypedResults.Ok(new PagedModel<DocumentVersionItemModel>(items.Count, items));
            })
            .WithName("GetDocumentVersions").WithSummary("The version history of a document, newest first.");
        versions.MapGet("/{id:guid}", async (Guid id, ContentVersionService service, ContentResponses responses, CancellationToken ct) =>
            {
                var found = await service.GetAsync(id, ct);
                return found is null ? (IResult)Problems.NotFound("document version") : TypedResults.Ok(await responses.ToResponseAsync(found.Value.Content, ct));
            })
            .WithName("GetDocumentVersionById").WithSummary("One version's values.");
        versions.MapPost("/{id:guid}/rollback", async (Guid id, HttpContext http, ContentVersionService service, CancellationToken ct) =>
                ContentEndpoints.ToResult(await service.RollbackAsync(id, http.User.Identity?.Name, ct), http))
            .WithName("RollbackDocumentVersion").WithSummary("Makes an old version's values the current draft.")
            .RequireAuthorization(BackOfficePolicies.SaveContent);
    }
}
