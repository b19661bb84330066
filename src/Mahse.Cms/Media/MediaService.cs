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
/// Creates media items, turning a <c>{"temporaryFileId": …}</c> value of <c>umbracoFile</c> into a stored file
/// under media/ and filling umbracoBytes, umbracoExtension and, for images, umbracoWidth and umbracoHeight.
/// </summary>
public sealed class MediaService(
    ContentEditingService editing,
    TemporaryFileService temporaryFiles,
    IMediaFileSystem files,
    SchemaCache schema)
{
    public async Task<Attempt<ContentOperationResult, ContentEditingOperationStatus>> CreateAsync(ContentCreateModel model, string? user, CancellationToken ct)
    {
        var snapshot = await schema.GetAsync(ct);
        var type = snapshot.FindContentType(model.ContentTypeKey);
        var values = new Dictionary<string, JsonNode?>(model.Values);
        string? storedPath = null;
        Guid? temporaryFileKey = null;

        if (values.TryGetValue(MediaConventions.File, out var fileValue) && fileValue is JsonObject obj
            && obj["temporaryFileId"]?.GetValue<string>() is { } tempId)
        {
            if (!Guid.TryParse(tempId, out var tempKey) || await temporaryFiles.GetAsync(tempKey, ct) is not { } temp)
            {
                return Fail("$.values[umbracoFile]", $"Temporary file '{tempId}' does not exist or has expired.");
            }

            var extension = Path.GetExtension(temp.FileName).TrimStart('.').ToLowerInvariant();
            var isImageType = type?.Alias == Constants.Conventions.MediaTypes.Image;
            if (isImageType && !FileSignatures.ImageExtensions.Contains(extension))
            {
                return Fail("$.values[umbracoFile]", $"An Image needs a picture (jpg, png, gif, webp); '.{extension}' is not one.");
            }

            storedPath = $"{Guid.NewGuid().ToString("N")[..8]}/{temp.FileName.ToLowerInvariant().Replace(' ', '-')}";
            await using (var source = File.OpenRead(temp.StoragePath))
            {
                await files.SaveAsync(storedPath, source, ct);
            }

            temporaryFileKey = tempKey;
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
        }

        var result = await editing.CreateAsync(model with { Kind = ContentNodeKind.Media, Values = values }, user, ct);
        if (!result.Success && storedPath is not null)
        {
            files.Delete(storedPath);
        }

        if (result.Success && temporaryFileKey is { } used)
        {
            await temporaryFiles.DeleteAsync(used, ct);
        }

        return result;
    }

    private static void SetIfDefined(ContentTypeDefinition? type, Dictionary<string, JsonNode?> values, string alias, JsonNode value)
    {
        if (type?.Properties.Any(p => p.Alias == alias) == true)
        {
            values[alias] = value;
        }
    }

    private static Attempt<ContentOperationResult, ContentEditingOperationStatus> Fail(string field, string message) =>
        Attempt.FailWithStatus(ContentEditingOperationStatus.PropertyValidationError, ContentOperationResult.Error(field, message));
}
