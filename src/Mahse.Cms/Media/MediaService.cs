using System.Globalization;
using System.Text.Json.Nodes;
using Mahse.Cms.Content;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;
using MediaConventions = Umbraco.Cms.Core.Constants.Conventions.Media;

namespace Mahse.Cms.Media;

/// <summary>
/// Creates and saves media items, turning a <c>{"temporaryFileId": …}</c> value of <c>umbracoFile</c> into a
/// stored file under media/ and filling umbracoBytes, umbracoExtension and, for images, umbracoWidth and
/// umbracoHeight. A file whose item could not be saved is removed again.
/// </summary>
public sealed class MediaService(
    ContentEditingService editing,
    TemporaryFileService temporaryFiles,
    IMediaFileSystem files,
    SchemaCache schema)
{
    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> CreateAsync(ContentCreateModel model, string? user, CancellationToken ct)
    {
        var upload = await ResolveUploadAsync(model.ContentTypeKey, model.Values, ct);
        if (upload.Error is not null)
        {
            return upload.Error.Value;
        }

        var result = await editing.CreateAsync(model with { Kind = ContentNodeKind.Media, Values = upload.Values }, user, ct);
        return await FinishAsync(result, upload, ct);
    }

    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> UpdateAsync(
        Guid key, ContentUpdateModel model, int? expectedVersion, string? user, CancellationToken ct)
    {
        var existing = await editing.GetAsync(key, ContentNodeKind.Media, ct);
        if (existing is null)
        {
            return Fail(ContentEditingOperationStatus.NotFound, "id", $"Media {key} does not exist.");
        }

        var upload = await ResolveUploadAsync(existing.ContentTypeKey, model.Values, ct);
        if (upload.Error is not null)
        {
            return upload.Error.Value;
        }

        var result = await editing.UpdateAsync(key, ContentNodeKind.Media, model with { Values = upload.Values }, expectedVersion, user, ct);
        return await FinishAsync(result, upload, ct);
    }

    private sealed record Upload(
        IReadOnlyDictionary<string, JsonNode?> Values,
        string? StoredPath = null,
        Guid? TemporaryFileKey = null,
        Attempt<ContentOperationResult, ContentEditingOperationStatus>? Error = null);

    private async Task<Upload> ResolveUploadAsync(Guid mediaTypeKey, IReadOnlyDictionary<string, JsonNode?> given, CancellationToken ct)
    {
        var values = new Dictionary<string, JsonNode?>(given);
        if (!values.TryGetValue(MediaConventions.File, out var fileValue) || fileValue is not JsonObject obj
            || obj["temporaryFileId"] is not JsonValue tempValue || !tempValue.TryGetValue<string>(out var tempId))
        {
            return new Upload(values);
        }

        if (!Guid.TryParse(tempId, out var tempKey) || await temporaryFiles.GetAsync(tempKey, ct) is not { } temp)
        {
            return new Upload(values, Error: Fail(ContentEditingOperationStatus.PropertyValidationError, "$.values[umbracoFile]",
                $"Temporary file '{tempId}' does not exist or has expired."));
        }

        var type = (await schema.GetAsync(ct)).FindContentType(mediaTypeKey);
        var extension = Path.GetExtension(temp.FileName).TrimStart('.').ToLowerInvariant();
        var isImageType = type?.Alias == Constants.Conventions.MediaTypes.Image;
        if (isImageType && !FileSignatures.ImageExtensions.Contains(extension))
        {
            return new Upload(values, Error: Fail(ContentEditingOperationStatus.PropertyValidationError, "$.values[umbracoFile]",
                $"An Image needs a picture (jpg, png, gif, webp); '.{extension}' is not one."));
        }

        var storedPath = $"{Guid.NewGuid().ToString("N")[..8]}/{temp.FileName.ToLowerInvariant().Replace(' ', '-')}";
        await using (var source = File.OpenRead(temp.StoragePath))
        {
            await files.SaveAsync(storedPath, source, ct);
        }

        values[MediaConventions.File] = new JsonObject { ["src"] = "/media/" + storedPath, ["crops"] = new JsonArray() };
        SetIfDefined(type, values, MediaConventions.Bytes, JsonValue.Create(temp.Length));
        SetIfDefined(type, values, MediaConventions.Extension, JsonValue.Create(extension));
        if (isImageType)
        {
            var head = new byte[64 * 1024];
            int read;
            await using (var stream = files.OpenRead(storedPath))
            {
                read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
            }

            if (FileSignatures.ImageSize(head.AsSpan(0, read)) is { } size)
            {
                SetIfDefined(type, values, MediaConventions.Width, JsonValue.Create(size.Width));
                SetIfDefined(type, values, MediaConventions.Height, JsonValue.Create(size.Height));
            }
        }

        return new Upload(values, storedPath, tempKey);
    }

    private async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> FinishAsync(
        Attempt<ContentOperationResult, ContentEditingOperationStatus> result, Upload upload, CancellationToken ct)
    {
        if (!result.Success && upload.StoredPath is not null)
        {
            files.Delete(upload.StoredPath);
        }

        if (result.Success && upload.TemporaryFileKey is { } used)
        {
            await temporaryFiles.DeleteAsync(used, ct);
        }

        return result;
    }

    /// <summary>The files a set of stored media values points at, as paths under the media folder.</summary>
    public static IEnumerable<string> FilePaths(string valuesJson)
    {
        var values = JsonNode.Parse(valuesJson) as JsonObject;
        if (values?[MediaConventions.File] is not JsonValue stored || !stored.TryGetValue<string>(out var text))
        {
            yield break;
        }

        string? src;
        try
        {
            src = text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)?["src"]?.GetValue<string>() : text;
        }
        catch (System.Text.Json.JsonException)
        {
            yield break;
        }

        if (src is not null && src.StartsWith("/media/", StringComparison.Ordinal))
        {
            yield return src["/media/".Length..];
        }
    }

    private static void SetIfDefined(ContentTypeDefinition? type, Dictionary<string, JsonNode?> values, string alias, JsonNode value)
    {
        if (type?.Properties.Any(p => p.Alias == alias) == true)
        {
            values[alias] = value;
        }
    }

    private static Attempt<ContentOperationResult, ContentEditingOperationStatus> Fail(ContentEditingOperationStatus status, string field, string message) =>
        Attempt.FailWithStatus(status, ContentOperationResult.Error(field, message));
}
