using Mahse.Cms.Infrastructure;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Media;

public sealed record TemporaryFileResult(TemporaryFileRow? File, IReadOnlyList<FieldError> Errors, bool TooLarge = false);

/// <summary>
/// Umbraco's two-step upload: a file is first stored as a temporary file (checked by size, extension and
/// content), then referenced by key when a media item is created.
/// </summary>
public sealed class TemporaryFileService(ICmsDbContextFactory contexts, IOptions<MediaOptions> options, TimeProvider clock, TemporaryFileFolder folder)
{
    public async Task<Attempt<TemporaryFileResult, TemporaryFileOperationStatus>> CreateAsync(
        Guid key, string fileName, string contentType, Stream content, CancellationToken ct)
    {
        var settings = options.Value;
        var safeName = Path.GetFileName(fileName ?? "").Trim();
        if (safeName.Length == 0 || safeName.Length > 255 || safeName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return Fail(TemporaryFileOperationStatus.InvalidFileName, "file", "The file name is missing or not allowed.");
        }

        var extension = Path.GetExtension(safeName).TrimStart('.').ToLowerInvariant();
        if (!settings.AllowedUploadedFileExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return Fail(TemporaryFileOperationStatus.FileExtensionNotAllowed, "file",
                $"Files of type '.{extension}' may not be uploaded. Allowed: {string.Join(", ", settings.AllowedUploadedFileExtensions)}.");
        }

        await using var db = contexts.CreateDbContext();
        if (await db.TemporaryFiles.AnyAsync(t => t.Key == key, ct))
        {
            return Fail(TemporaryFileOperationStatus.KeyAlreadyUsed, "id", $"Temporary file {key} already exists.");
        }

        var maxBytes = settings.MaxRequestLengthKb * 1024;
        var storagePath = Path.Combine(folder.Path, key.ToString("N"));
        Directory.CreateDirectory(folder.Path);
        long length;
        var head = new byte[4096];
        var headLength = 0;
        try
        {
            await using (var file = new FileStream(storagePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                length = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    if (headLength < head.Length)
                    {
                        var take = Math.Min(read, head.Length - headLength);
                        Array.Copy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }

                    length += read;
                    if (length > maxBytes)
                    {
                        break;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            if (length > maxBytes)
            {
                File.Delete(storagePath);
                return Attempt.FailWithStatus(TemporaryFileOperationStatus.UploadBlocked, new TemporaryFileResult(null,
                    [new FieldError("file", $"The file is larger than the {settings.MaxRequestLengthKb} KB limit.")], TooLarge: true));
            }

            if (length == 0 || !FileSignatures.Matches(extension, head.AsSpan(0, headLength)))
            {
                File.Delete(storagePath);
                return Fail(TemporaryFileOperationStatus.UploadBlocked, "file", $"The file's content is not a valid .{extension} file.");
            }
        }
        catch
        {
            File.Delete(storagePath);
            throw;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = new TemporaryFileRow
        {
            Key = key,
            FileName = safeName,
            ContentType = contentType,
            Length = length,
            StoragePath = storagePath,
            CreateDate = now,
            ExpiresAt = now + settings.TemporaryFileLifetime,
        };
        db.TemporaryFiles.Add(row);
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(TemporaryFileOperationStatus.Success, new TemporaryFileResult(row, []));
    }

    public async Task<TemporaryFileRow?> GetAsync(Guid key, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.TemporaryFiles.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key, ct);
        return row is null || row.ExpiresAt < clock.GetUtcNow().UtcDateTime ? null : row;
    }

    public async Task DeleteAsync(Guid key, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.TemporaryFiles.SingleOrDefaultAsync(t => t.Key == key, ct);
        if (row is not null)
        {
            File.Delete(row.StoragePath);
            db.TemporaryFiles.Remove(row);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Removes temporary files nobody used in time; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        var expired = await db.TemporaryFiles.AsNoTracking().Where(t => t.ExpiresAt < now).ToListAsync(ct);
        var deleted = 0;
        foreach (var row in expired)
        {
            // Set-based delete: a second cleaner running at the same time is harmless.
            deleted += await db.TemporaryFiles.Where(t => t.Key == row.Key).ExecuteDeleteAsync(ct);
            File.Delete(row.StoragePath);
        }

        return deleted;
    }

    private static Attempt<TemporaryFileResult, TemporaryFileOperationStatus> Fail(TemporaryFileOperationStatus status, string field, string message) =>
        Attempt.FailWithStatus(status, new TemporaryFileResult(null, [new FieldError(field, message)]));
}

/// <summary>Temporary uploads live under umbraco/Data/TEMP, outside anything served.</summary>
public sealed record TemporaryFileFolder(string Path);
