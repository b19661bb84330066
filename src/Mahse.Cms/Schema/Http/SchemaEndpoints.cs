using Mahse.Cms.Infrastructure;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Persistence;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Schema.Http;

/// <summary>Data types and document, media and member types at Umbraco's Management API paths.</summary>
public static class SchemaEndpoints
{
    public static RouteGroupBuilder MapSchemaEndpoints(this RouteGroupBuilder api)
    {
        MapDataTypes(api);
        MapContentTypes(api, ContentTypeKind.Document, "document-type", "Document Type");
        MapContentTypes(api, ContentTypeKind.Media, "media-type", "Media Type");
        MapContentTypes(api, ContentTypeKind.Member, "member-type", "Member Type");
        return api;
    }

    private static void MapDataTypes(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/data-type").WithTags("Data Type");
        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, DataTypeService service, SchemaCache schema, CancellationToken ct) =>
            {
                var dataType = await service.GetAsync(id, ct);
                return dataType is null ? Problems.NotFound("data type") : TypedResults.Ok(SchemaMapping.ToResponse(dataType, await IsDeletableAsync(schema, id, ct)));
            })
            .WithName("GetDataTypeById").WithSummary("Gets a data type.");
        api.MapGet("/tree/data-type/root", async (DataTypeService service, CancellationToken ct) =>
            {
                var all = await service.GetAllAsync(ct);
                return TypedResults.Ok(new Management.PagedModel<SchemaTreeItemModel>(all.Count, all.Select(d => new SchemaTreeItemModel(d.Key, d.Name, null, false)).ToList()));
            })
            .WithTags("Data Type").WithName("GetTreeDataTypeRoot").WithSummary("All data types.");
        group.MapPost("", async (HttpRequest request, DataTypeService service, CancellationToken ct) =>
            {
                var (body, problem) = await RequestBody.ReadAsync<DataTypeRequestModel>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var key = body!.Id ?? Guid.NewGuid();
                if (await service.GetAsync(key, ct) is not null)
                {
                    return Problems.Of(StatusCodes.Status409Conflict, "Duplicate key", nameof(DataTypeOperationStatus.DuplicateKey), [new FieldError("id", $"Data type {key} already exists.")]);
                }

                var attempt = await service.SaveAsync(SchemaMapping.ToDefinition(key, body), null, ct);
                return attempt.Success ? Created(request, "data-type", key) : DataTypeProblem(attempt.Status, attempt.Result);
            })
            .WithName("PostDataType").WithSummary("Creates a data type.").RequireAuthorization(BackOfficePolicies.ManageSettings);
        group.MapPut("/{id:guid}", async (Guid id, HttpRequest request, DataTypeService service, CancellationToken ct) =>
            {
                var (body, problem) = await RequestBody.ReadAsync<DataTypeRequestModel>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                if (await service.GetAsync(id, ct) is null)
                {
                    return Problems.NotFound("data type");
                }

                var attempt = await service.SaveAsync(SchemaMapping.ToDefinition(id, body!), RequestBody.ExpectedVersion(request), ct);
                return attempt.Success ? TypedResults.Ok() : DataTypeProblem(attempt.Status, attempt.Result);
            })
            .WithName("PutDataTypeById").WithSummary("Updates a data type.").RequireAuthorization(BackOfficePolicies.ManageSettings);
        group.MapDelete("/{id:guid}", async (Guid id, DataTypeService service, CancellationToken ct) =>
            {
                var attempt = await service.DeleteAsync(id, ct);
                return attempt.Success ? TypedResults.Ok() : DataTypeProblem(attempt.Status, attempt.Result);
            })
            .WithName("DeleteDataTypeById").WithSummary("Deletes a data type that no content type uses.").RequireAuthorization(BackOfficePolicies.ManageSettings);
    }

    private static void MapContentTypes(RouteGroupBuilder api, ContentTypeKind kind, string path, string tag)
    {
        var group = api.MapGroup("/" + path).WithTags(tag);
        var name = tag.Replace(" ", "");
        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, HttpContext http, ContentTypeService service, CancellationToken ct) =>
            {
                var type = await service.GetAsync(id, ct);
                if (type is null || type.Kind != kind)
                {
                    return Problems.NotFound(tag.ToLowerInvariant());
                }

                http.Response.Headers.ETag = RequestBody.ETag(type.Version);
                return TypedResults.Ok(SchemaMapping.ToResponse(type));
            })
            .WithName($"Get{name}ById").WithSummary($"Gets a {tag.ToLowerInvariant()}.");
        api.MapGet($"/tree/{path}/root", async (ContentTypeService service, CancellationToken ct) =>
            {
                var all = await service.GetAllAsync(kind, ct);
                return TypedResults.Ok(new Management.PagedModel<SchemaTreeItemModel>(all.Count, all.Select(t => new SchemaTreeItemModel(t.Key, t.Name, t.Icon, t.IsElement)).ToList()));
            })
            .WithTags(tag).WithName($"GetTree{name}Root").WithSummary($"All {tag.ToLowerInvariant()}s.");
        group.MapPost("", async (HttpRequest request, ContentTypeService service, CancellationToken ct) =>
            {
                var (body, problem) = await RequestBody.ReadAsync<ContentTypeRequestModel>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var key = body!.Id ?? Guid.NewGuid();
                if (await service.GetAsync(key, ct) is not null)
                {
                    return Problems.Of(StatusCodes.Status409Conflict, "Duplicate key", "DuplicateKey", [new FieldError("id", $"Type {key} already exists.")]);
                }

                var attempt = await service.SaveAsync(SchemaMapping.ToDefinition(key, kind, body), null, ct);
                return attempt.Success ? Created(request, path, key) : ContentTypeProblem(attempt.Status, attempt.Result);
            })
            .WithName($"Post{name}").WithSummary($"Creates a {tag.ToLowerInvariant()}.").RequireAuthorization(BackOfficePolicies.ManageSettings);
        group.MapPut("/{id:guid}", async (Guid id, HttpRequest request, ContentTypeService service, CancellationToken ct) =>
            {
                var (body, problem) = await RequestBody.ReadAsync<ContentTypeRequestModel>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var existing = await service.GetAsync(id, ct);
                if (existing is null || existing.Kind != kind)
                {
                    return Problems.NotFound(tag.ToLowerInvariant());
                }

                var expected = RequestBody.ExpectedVersion(request);
                var attempt = await service.SaveAsync(SchemaMapping.ToDefinition(id, kind, body!), expected, ct);
                return attempt.Success ? TypedResults.Ok()
                    : attempt.Result.IsStale && expected is not null ? Problems.PreconditionFailed()
                    : ContentTypeProblem(attempt.Status, attempt.Result);
            })
            .WithName($"Put{name}ById").WithSummary($"Updates a {tag.ToLowerInvariant()}.").RequireAuthorization(BackOfficePolicies.ManageSettings);
        group.MapDelete("/{id:guid}", async (Guid id, ContentTypeService service, CancellationToken ct) =>
            {
                var attempt = await service.DeleteAsync(id, ct);
                return attempt.Success ? TypedResults.Ok() : ContentTypeProblem(attempt.Status, attempt.Result);
            })
            .WithName($"Delete{name}ById").WithSummary($"Deletes an unused {tag.ToLowerInvariant()}.").RequireAuthorization(BackOfficePolicies.ManageSettings);
    }

    private static async Task<bool> IsDeletableAsync(SchemaCache schema, Guid id, CancellationToken ct) =>
        !(await schema.GetAsync(ct)).ContentTypes.Any(t => t.Properties.Any(p => p.DataTypeKey == id));

    private static IResult Created(HttpRequest request, string path, Guid key)
    {
        request.HttpContext.Response.Headers["Umbraco-Generated-Resource"] = key.ToString();
        return TypedResults.Created($"/umbraco/management/api/v1/{path}/{key}");
    }

    private static IResult DataTypeProblem(DataTypeOperationStatus status, DataTypeSaveResult result)
    {
        if (result.IsStale)
        {
            return Problems.PreconditionFailed();
        }

        var (code, title) = status switch
        {
            DataTypeOperationStatus.NotFound => (StatusCodes.Status404NotFound, "The data type could not be found"),
            DataTypeOperationStatus.DuplicateKey => (StatusCodes.Status409Conflict, "Duplicate data type"),
            DataTypeOperationStatus.PropertyEditorNotFound => (StatusCodes.Status400BadRequest, "Property editor not found"),
            DataTypeOperationStatus.InvalidConfiguration => (StatusCodes.Status400BadRequest, "Invalid data type configuration"),
            DataTypeOperationStatus.InvalidName => (StatusCodes.Status400BadRequest, "Invalid data type name"),
            DataTypeOperationStatus.NonDeletable => (StatusCodes.Status400BadRequest, "The data type is in use and cannot be deleted"),
            _ => (StatusCodes.Status500InternalServerError, "Unknown data type operation status"),
        };
        return Problems.Of(code, title, status.ToString(), result.Errors);
    }

    private static IResult ContentTypeProblem(ContentTypeOperationStatus status, ContentTypeSaveResult result)
    {
        if (result.IsStale)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "Stale version", "ConcurrencyViolation", result.Errors);
        }

        var (code, title) = status switch
        {
            ContentTypeOperationStatus.NotFound => (StatusCodes.Status404NotFound, "The content type could not be found"),
            ContentTypeOperationStatus.DuplicateAlias => (StatusCodes.Status409Conflict, "Duplicate alias"),
            ContentTypeOperationStatus.InvalidAlias => (StatusCodes.Status400BadRequest, "Invalid alias"),
            ContentTypeOperationStatus.NameCannotBeEmpty => (StatusCodes.Status400BadRequest, "Name cannot be empty"),
            ContentTypeOperationStatus.NameTooLong => (StatusCodes.Status400BadRequest, "Name was too long"),
            ContentTypeOperationStatus.InvalidPropertyTypeAlias => (StatusCodes.Status400BadRequest, "Invalid property type alias"),
            ContentTypeOperationStatus.DuplicatePropertyTypeAlias => (StatusCodes.Status400BadRequest, "Duplicate property type alias"),
            ContentTypeOperationStatus.PropertyTypeAliasCannotEqualContentTypeAlias => (StatusCodes.Status400BadRequest, "Invalid property type alias"),
            ContentTypeOperationStatus.DataTypeNotFound => (StatusCodes.Status400BadRequest, "Data type not found"),
            ContentTypeOperationStatus.InvalidInheritance => (StatusCodes.Status400BadRequest, "Invalid inheritance"),
            ContentTypeOperationStatus.InvalidComposition => (StatusCodes.Status400BadRequest, "Invalid composition"),
            ContentTypeOperationStatus.InvalidContainerName => (StatusCodes.Status400BadRequest, "Invalid container name"),
            ContentTypeOperationStatus.InvalidContainerType => (StatusCodes.Status400BadRequest, "Invalid container type"),
            ContentTypeOperationStatus.MissingContainer => (StatusCodes.Status400BadRequest, "Missing container"),
            ContentTypeOperationStatus.DuplicateContainer => (StatusCodes.Status400BadRequest, "Duplicate container"),
            ContentTypeOperationStatus.NotAllowed => (StatusCodes.Status400BadRequest, "Operation not permitted"),
            _ => (StatusCodes.Status500InternalServerError, "Unknown content type operation status"),
        };
        return Problems.Of(code, title, status.ToString(), result.Errors);
    }
}
