using Mahse.Cms.Infrastructure;
using Mahse.Cms.Infrastructure.Http;
using Mahse.Cms.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Media.Http;

public static class TemporaryFileEndpoints
{
    public static RouteGroupBuilder MapTemporaryFileEndpoints(this RouteGroupBuilder api)
    {
        // Bearer-token API: no cookie, so no cross-site request forgery to guard against here.
        api.MapPost("/temporary-file", UploadAsync)
            .WithTags("Temporary File").WithName("CreateTemporaryFile")
            .WithSummary("Uploads a file (multipart: Id, File) to be used by a media item within the hour.")
            .DisableAntiforgery()
            .RequireAuthorization(BackOfficePolicies.SaveContent);
        return api;
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, TemporaryFileService service, IOptions<MediaOptions> options, CancellationToken ct)
    {
        var limit = options.Value.MaxRequestLengthKb * 1024;
        if (request.ContentLength > limit + 64 * 1024)
        {
            return TooLarge(options.Value);
        }

        if (!request.HasFormContentType)
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", null,
                [new FieldError("Content-Type", "Send the file as multipart/form-data with the fields Id and File.")]);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 64 * 1024;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options.Value);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problems.BadRequest("body", "The multipart body could not be read.", "Malformed request body");
        }

        var file = form.Files.GetFile("File") ?? form.Files.FirstOrDefault();
        if (file is null)
        {
            return Problems.BadRequest("File", "A file is required.");
        }

        var id = form["Id"].ToString();
        var key = string.IsNullOrEmpty(id) ? Guid.NewGuid() : Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
        if (key == Guid.Empty)
        {
            return Problems.BadRequest("Id", "Id must be a GUID.");
        }

        await using var stream = file.OpenReadStream();
        var attempt = await service.CreateAsync(key, file.FileName, file.ContentType, stream, ct);
        if (!attempt.Success)
        {
            if (attempt.Result.TooLarge)
            {
                return TooLarge(options.Value);
            }

            var (code, title) = attempt.Status switch
            {
                TemporaryFileOperationStatus.FileExtensionNotAllowed => (StatusCodes.Status400BadRequest, "File extension not allowed"),
                TemporaryFileOperationStatus.InvalidFileName => (StatusCodes.Status400BadRequest, "Invalid file name"),
                TemporaryFileOperationStatus.KeyAlreadyUsed => (StatusCodes.Status409Conflict, "Key already used"),
                TemporaryFileOperationStatus.UploadBlocked => (StatusCodes.Status400BadRequest, "Upload blocked"),
                _ => (StatusCodes.Status500InternalServerError, "Unknown temporary file operation status"),
            };
            return Problems.Of(code, title, attempt.Status.ToString(), attempt.Result.Errors);
        }

        request.HttpContext.Response.Headers["Umbraco-Generated-Resource"] = key.ToString();
        return TypedResults.Created($"/umbraco/management/api/v1/temporary-file/{key}");
    }

    private static IResult TooLarge(MediaOptions options) =>
        Problems.Of(StatusCodes.Status413PayloadTooLarge, "File too large", nameof(TemporaryFileOperationStatus.UploadBlocked),
            [new FieldError("File", $"The file is larger than the {options.MaxRequestLengthKb} KB limit.")]);
}
