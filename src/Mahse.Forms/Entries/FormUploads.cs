using Mahse.Forms.Model;

namespace Mahse.Forms.Entries;

/// <summary>An upload that passed its checks, ready to be written beside the entry.</summary>
public sealed record AcceptedFile(Guid FieldId, Guid FileId, string FileName, byte[] Content);

/// <summary>
/// Checks a file upload field's posted files: count, extension (the field's list, then the global lists, the
/// disallowed list winning), size, and content against the extension.
/// </summary>
public static class FormUploads
{
    public static IEnumerable<AcceptedFile> Check(FormField field, IReadOnlyList<PostedFile> uploads, FormUploadOptions options, Action<string> error)
    {
        if (uploads.Count > options.MaxFilesPerField || uploads.Count > 1 && !field.AllowMultipleFileUploads)
        {
            error(field.AllowMultipleFileUploads ? $"At most {options.MaxFilesPerField} files may be uploaded here." : "Only one file may be uploaded here.");
            yield break;
        }

        foreach (var upload in uploads)
        {
            var name = Path.GetFileName(upload.FileName.Replace('\\', '/'));
            var extension = Path.GetExtension(name).TrimStart('.').ToLowerInvariant();
            if (!IsAllowed(field, extension, options))
            {
                error($"The file type (.{extension}) you tried to upload is not allowed.");
                continue;
            }

            // Everything after the first "base64," is the content, as Umbraco Forms reads it; a bare base64 string works too.
            var marker = upload.FileContents.IndexOf("base64,", StringComparison.Ordinal);
            var data = marker >= 0 ? upload.FileContents[(marker + 7)..] : upload.FileContents;
            if ((long)data.Length * 3 / 4 > options.MaxFileBytes)
            {
                error($"The file {name} is larger than {Megabytes(options.MaxFileBytes)} MB.");
                continue;
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(data);
            }
            catch (FormatException)
            {
                error($"The file {name} could not be read (expected a base64 data URL).");
                continue;
            }

            if (!FileSignatures.Matches(extension, bytes.AsSpan(0, Math.Min(bytes.Length, FileSignatures.HeadLength))))
            {
                error($"The file {name} is not a valid .{extension} file.");
                continue;
            }

            yield return new AcceptedFile(field.Id, Guid.NewGuid(), name, bytes);
        }
    }

    private static bool IsAllowed(FormField field, string extension, FormUploadOptions options)
    {
        if (extension.Length == 0 || FormUploadOptions.List(options.DisallowedFileUploadExtensions).Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        var byField = field.AllowedUploadTypes is not { Count: > 0 } types || types.Select(t => t.TrimStart('.')).Contains(extension, StringComparer.OrdinalIgnoreCase);
        var global = FormUploadOptions.List(options.AllowedFileUploadExtensions);
        return byField && (global.Length == 0 || global.Contains(extension, StringComparer.OrdinalIgnoreCase));
    }

    private static string Megabytes(long bytes) => (bytes / (1024d * 1024d)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
