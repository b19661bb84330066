using Mahse.Cms.Infrastructure.Export;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Members.Auth;
using Mahse.Cms.Members.Http;
using Mahse.Cms.Persistence;
using Mahse.Cms.Search;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Validation.AspNetCore;

namespace Mahse.Cms.Survey;

/// <summary>
/// The survey for its three audiences: the public and members under <c>/mahse/api/v1/survey</c> (aggregates, and
/// for members the consenting champions), staff under <c>/umbraco/management/api/v1/survey</c> (every response,
/// import and export), behind the ViewSurveyData policy.
/// </summary>
public static class SurveyEndpoints
{
    public static IEndpointRouteBuilder MapSurvey(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/mahse/api/v1/survey").WithTags("Survey").WithGroupName("mahse");
        open.MapGet("/search", async Task<IResult> ([AsParameters] SearchParameters p, HttpContext http, SurveyQueries queries) =>
        {
            var member = await IsMemberAsync(http);
            return Run(p, queries, member ? SurveyView.Member : SurveyView.Public);
        }).WithName("SearchSurvey").WithSummary("Aggregates of the R&I survey: totals and facets, groups under five suppressed.");
        open.MapGet("/centres", (string? division, string? level, int? take, SurveyQueries queries, CancellationToken ct) =>
                CentresAsync(division, level, take, queries, SurveyView.Public, ct))
            .WithName("SurveyCentresOfExcellence").WithSummary("Organisations or departments ranked by R&I activity, with the evidence behind each rank.");
        open.MapGet("/centres/method", (SurveyQueries queries) => TypedResults.Ok(queries.Method()))
            .WithName("SurveyCentresMethod").WithSummary("How centres are ranked: the formula, the weights, the fewest responses ranked.");
        open.MapGet("/organisations", async Task<IResult> (HttpContext http, SurveyQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.OrganisationsAsync(await IsMemberAsync(http) ? SurveyView.Member : SurveyView.Public, ct)))
            .WithName("SurveyOrganisations").WithSummary("Each organisation's aggregated profile (groups under five left out).");
        open.MapGet("/champions", async Task<IResult> (string? division, string? specialism, string? region, int? skip, int? take, SurveyQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.ChampionsAsync(division, specialism, region, Math.Max(0, skip ?? 0), Math.Clamp(take ?? 20, 1, 100), ct)))
            .RequireAuthorization(MemberAccountEndpoints.MemberPolicy).WithName("SurveyChampions")
            .WithSummary("R&I champions who agreed to be contacted (signed-in members only).");

        var staff = app.MapGroup("/umbraco/management/api/v1/survey").WithTags("Survey").WithGroupName("management")
            .RequireAuthorization(BackOfficePolicies.ViewSurveyData);
        staff.MapGet("/search", ([AsParameters] SearchParameters p, SurveyQueries queries) => Run(p, queries, SurveyView.Staff)).WithName("SearchSurveyResponses");
        staff.MapGet("/champions", async (string? division, string? specialism, string? region, int? skip, int? take, SurveyQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.ChampionsAsync(division, specialism, region, Math.Max(0, skip ?? 0), Math.Clamp(take ?? 100, 1, 1000), ct))).WithName("SurveyChampionsForStaff");
        staff.MapGet("/centres", (string? division, string? level, int? take, SurveyQueries queries, CancellationToken ct) =>
                CentresAsync(division, level, take, queries, SurveyView.Staff, ct))
            .WithName("SurveyCentresOfExcellenceForStaff").WithSummary("The same ranking with every champion count.");
        staff.MapGet("/organisations", async (SurveyQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.OrganisationsAsync(SurveyView.Staff, ct)))
            .WithName("SurveyOrganisationsForStaff");
        staff.MapPost("/import", ImportAsync).WithName("ImportSurvey").DisableAntiforgery().RequireAuthorization(BackOfficePolicies.ManageSettings);
        staff.MapGet("/export", ExportAsync).WithName("ExportSurvey");
        return app;
    }

    private static async Task<IResult> CentresAsync(string? division, string? level, int? take, SurveyQueries queries, SurveyView view, CancellationToken ct)
    {
        CentreLevel? ranked = level?.ToLowerInvariant() switch
        {
            null or "organisation" => CentreLevel.Organisation,
            "department" => CentreLevel.Department,
            _ => null,
        };
        return ranked is { } by
            ? TypedResults.Ok(await queries.CentresAsync(division, by, Math.Clamp(take ?? 10, 1, 100), ct, view))
            : Problems.BadRequest("level", "Centres are ranked by 'organisation' or 'department'.", "Unknown ranking level");
    }

    public sealed record SearchParameters(
        string? Q, string? Division, string? Specialism, string? Region, string? Organisation, string? CareerStage, string? Activity, string? Barrier,
        bool? Champion, string? RangeField, int? Min, int? Max, int? Skip, int? Take);

    private static IResult Run(SearchParameters p, SurveyQueries queries, SurveyView view)
    {
        if (p.RangeField is { } field && !SurveyVocabulary.Activities.Contains(field))
        {
            return Problems.BadRequest("rangeField", $"Ranges are on activity counts: {string.Join(", ", SurveyVocabulary.Activities)}.", "Unknown range field");
        }

        if (p.Skip is < 0 || p.Take is < 0 or > 500)
        {
            return Problems.BadRequest("take", "skip must be 0 or more and take between 0 and 500.", "Invalid paging");
        }

        try
        {
            return TypedResults.Ok(queries.Search(new SurveySearchRequest(p.Q, p.Division, p.Specialism, p.Region, p.Organisation, p.CareerStage, p.Activity, p.Barrier,
                p.Champion, p.RangeField, p.Min, p.Max, p.Skip ?? 0, p.Take ?? 20), view));
        }
        catch (SearchQueryException ex)
        {
            return Problems.BadRequest("q", ex.Message, "Invalid search");
        }
    }

    private static async Task<bool> IsMemberAsync(HttpContext http)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        return result.Succeeded && MemberClaims.Read(result.Principal) is not null;
    }

    /// <summary>A CSV or XLSX file (multipart field <c>file</c>), with an optional column mapping (field <c>mapping</c>, JSON).</summary>
    private static async Task<IResult> ImportAsync(HttpRequest request, SurveyImporter importer, IndexingQueue indexing, IndexManager indexes, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", null, [new Infrastructure.FieldError("Content-Type", "Send the file as multipart/form-data.")]);
        }

        var form = await request.ReadFormAsync(ct);
        if (form.Files["file"] is not { Length: > 0 } file)
        {
            return Problems.BadRequest("file", "Attach the survey export as 'file'.", "No file");
        }

        SurveyColumnMapping mapping;
        try
        {
            mapping = form["mapping"].ToString() is { Length: > 0 } json
                ? System.Text.Json.JsonSerializer.Deserialize<SurveyColumnMapping>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) ?? new()
                : new();
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Problems.BadRequest("mapping", $"The mapping is not valid JSON: {ex.Message}", "Invalid mapping");
        }

        await using var stream = file.OpenReadStream();
        var report = await importer.ImportAsync(stream, file.FileName, mapping, ct);
        if (report.Failed)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "File refused", "InvalidFile", [new Infrastructure.FieldError("file", report.FileProblem!)]);
        }

        indexing.EnqueueRebuild(indexes.Survey);
        return TypedResults.Ok(report);
    }

    /// <summary>Every response as CSV or XLSX, for staff, in the import's column order, so an export imports again unchanged.</summary>
    private static async Task<IResult> ExportAsync(string? format, ICmsDbContextFactory contexts, CancellationToken ct)
    {
        if (!TableExport.IsKnownFormat(format))
        {
            return Problems.BadRequest("format", "The export format is csv or xlsx.", "Unknown export format");
        }

        await using var db = contexts.CreateDbContext();
        var organisations = await db.SurveyOrganisations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var rows = db.SurveyResponses.AsNoTracking().OrderBy(r => r.Id).AsEnumerable().Select(r => new object?[]
        {
            r.RespondentId, organisations.GetValueOrDefault(r.OrganisationId)?.Name, organisations.GetValueOrDefault(r.OrganisationId)?.Kind, r.Site, r.SubRegion,
            r.Division, r.Specialism, r.CareerStage, r.Band,
            r.AuditCount, r.ServiceImprovementCount, r.ResearchCount, r.InnovationCount, r.PublicationCount, r.GrantCount,
            r.Barriers.Replace(',', ';'), r.TrainingNeeds.Replace(',', ';'), r.ChampionWilling, r.Comments, r.ContactConsent, r.ContactName, r.ContactEmail,
        });
        return await TableExport.FileAsync(format, "survey-responses", SurveyColumnMapping.Fields, rows, ct);
    }
}
