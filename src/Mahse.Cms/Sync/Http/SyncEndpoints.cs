using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mahse.Cms.Sync.Http;

public sealed record SyncRequestModel(bool DryRun = false, string? Group = "All");

/// <summary>uSync over the Management API: import (or a dry-run report), export, and the last report.</summary>
public static class SyncEndpoints
{
    public static RouteGroupBuilder MapSyncEndpoints(this RouteGroupBuilder api)
    {
        var sync = api.MapGroup("/usync").WithTags("uSync").RequireAuthorization(BackOfficePolicies.ManageSettings);
        sync.MapPost("/import", async (HttpRequest request, SyncService service, CancellationToken ct) =>
            {
                var model = new SyncRequestModel();
                if (RequestBody.HasBody(request))
                {
                    var (body, problem) = await RequestBody.ReadAsync<SyncRequestModel>(request, ct);
                    if (problem is not null)
                    {
                        return (IResult)problem;
                    }

                    model = body!;
                }

                var groups = SyncSettings.ParseGroups(model.Group ?? "All");
                if (groups == SyncGroups.None)
                {
                    return Problems.BadRequest("group", "Use All, Settings or Content.");
                }

                return TypedResults.Ok(await service.ImportAsync(null, model.DryRun, groups, ct));
            })
            .WithName("USyncImport").WithSummary("Imports the uSync folder (or, with dryRun, reports what would change).");
        sync.MapPost("/export", async (SyncService service, CancellationToken ct) => TypedResults.Ok(await service.ExportAsync(null, SyncGroups.All, ct)))
            .WithName("USyncExport").WithSummary("Writes every item to the uSync folder.");
        sync.MapGet("/report", (SyncService service) => service.LastReport is { } report ? (IResult)TypedResults.Ok(report) : Problems.NotFound("report"))
            .WithName("USyncLastReport").WithSummary("The report of the last import or export.");
        return api;
    }
}
