using System.Text.RegularExpressions;
using Mahse.Cms.Forms.Delivery;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Media;

namespace Mahse.Cms.Forms.Entries;

/// <summary>An upload that passed its checks, ready to be written beside the entry.</summary>
public sealed record AcceptedFile(Guid FieldId, Guid FileId, string FileName, byte[] Content);

public sealed record EntryValidation(
    IReadOnlyDictionary<string, List<string>> Errors,
    IReadOnlyDictionary<Guid, IReadOnlyList<string>> Values,
    IReadOnlyList<AcceptedFile> Files)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Limits on uploads beyond Umbraco Forms (which has none): bytes per file and files per field.</summary>
public sealed class FormUploadLimits
{
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxFilesPerField { get; set; } = 5;
}

/// <summary>
/// Validates a whole submission in one go, as Umbraco Forms does on the server: pattern, required (only for
/// fields their conditions show), allowed values, length, and uploads by extension, by content and by size.
/// </summary>
public static class EntryValidator
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    /// <param name="contentValues">The properties of the page the form is posted from (a fellowship call), for limits taken from it.</param>
    /// <param name="magic">Resolves magic strings in the editor's messages (never in messages that quote posted values).</param>
    public static EntryValidation Validate(FormDefinition form, PostedEntry entry, FormsSettings settings, FormUploadLimits limits,
        IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? contentValues = null, FormMagicStrings? magic = null)
    {
        magic ??= FormMagicStrings.None;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var values = new Dictionary<Guid, IReadOnlyList<string>>();
        var files = new List<AcceptedFile>();
        var byId = form.AllFields.ToDictionary(f => f.Id);
        string ValueOf(Guid id) => byId.TryGetValue(id, out var f) && entry.Values.TryGetValue(f.Alias, out var v) ? Normalize(f, string.Join(",", v)) : "";
        void Error(string alias, string message) => (errors.TryGetValue(alias, out var list) ? list : errors[alias] = []).Add(message);

        foreach (var (fieldSet, field) in form.FieldsWithFieldSets)
        {
            var type = FormFieldTypes.Find(field.FieldTypeId);
            if (type is null || !type.StoresValue && type != FormFieldTypes.Password)
            {
                continue;
            }

            var posted = entry.Values.TryGetValue(field.Alias, out var given) ? given.Where(v => v.Length > 0).ToList() : [];
            if (type == FormFieldTypes.Checkbox || type == FormFieldTypes.DataConsent)
            {
                // Browsers post "on" for a ticked box; Umbraco Forms stores "true".
                posted = posted.Take(1).Select(v => v == "on" ? "true" : v).ToList();
            }

            var uploads = type == FormFieldTypes.FileUpload && entry.Files.TryGetValue(field.Alias, out var postedFiles) ? postedFiles : [];
            var joined = string.Join(",", posted);
            if (!string.IsNullOrEmpty(field.Regex) && joined.Length > 0 && !MatchesPattern(field.Regex, joined))
            {
                Error(field.Alias, magic.Parse(FormDtoBuilder.InvalidMessage(form, field))!);
            }

            var empty = joined.Length == 0 && uploads.Count == 0 || (type == FormFieldTypes.DataConsent || type == FormFieldTypes.Checkbox) && joined != "true";
            if (field.Mandatory && empty && FormConditions.IsVisible(fieldSet, field, ValueOf))
            {
                Error(field.Alias, magic.Parse(FormDtoBuilder.RequiredMessage(form, field))!);
            }

            if (field.PreValues.Count > 0)
            {
                foreach (var value in posted.Where(v => field.PreValues.All(p => p.Value != v)))
                {
                    Error(field.Alias, $"Unexpected value: '{value}'. Expected one of these: {string.Join(", ", field.PreValues.Select(p => $"'{p.Value}'"))}");
                }
            }

            if (type == FormFieldTypes.ShortAnswer || type == FormFieldTypes.LongAnswer)
            {
                var max = int.TryParse(field.Setting("MaximumLength"), out var configured) && configured > 0 ? configured : type == FormFieldTypes.ShortAnswer ? 255 : 0;
                if (max > 0 && joined.Length > max)
                {
                    Error(field.Alias, $"The value provided exceeds {max} characters.");
                }
            }

            // Extension: a number may not exceed a property of the hosting page (costs up to the call's maximum award).
            if (field.Setting("MaximumFromContent") is { } property && joined.Length > 0 && contentValues is not null
                && contentValues.TryGetValue(property, out var limitNode) && limitNode is not null
                && decimal.TryParse(limitNode.ToString().Trim('"'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var limit)
                && decimal.TryParse(joined, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount) && amount > limit)
            {
                Error(field.Alias, $"The amount may not be more than {limit.ToString("#,0.##", System.Globalization.CultureInfo.InvariantCulture)}.");
            }

            if (type == FormFieldTypes.FileUpload)
            {
                files.AddRange(CheckUploads(field, uploads, settings, limits, message => Error(field.Alias, message)));
            }

            if (type.StoresValue)
            {
                values[field.Id] = posted;
            }
        }

        return new EntryValidation(errors, values, errors.Count == 0 ? files : []);
    }

    /// <summary>The uploads of a draft, checked as an entry's are (type, content, size, count); nothing is required yet.</summary>
    public static (IReadOnlyList<AcceptedFile> Files, IReadOnlyDictionary<string, List<string>> Errors) CheckDraftUploads(
        FormDefinition form, PostedEntry entry, FormsSettings settings, FormUploadLimits limits)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var files = new List<AcceptedFile>();
        foreach (var field in form.AllFields.Where(f => f.FieldTypeId == FormFieldTypes.FileUpload.Id))
        {
            if (entry.Files.TryGetValue(field.Alias, out var uploads))
            {
                files.AddRange(CheckUploads(field, uploads, settings, limits, message => (errors.TryGetValue(field.Alias, out var list) ? list : errors[field.Alias] = []).Add(message)));
            }
        }

        return (errors.Count == 0 ? files : [], errors);
    }

    /// <summary>A ticked box reads "true" whether the browser posted "on" or the client "true".</summary>
    private static string Normalize(FormField field, string value) =>
        (field.FieldTypeId == FormFieldTypes.Checkbox.Id || field.FieldTypeId == FormFieldTypes.DataConsent.Id) && value == "on" ? "true" : value;

    private static IEnumerable<AcceptedFile> CheckUploads(FormField field, IReadOnlyList<PostedFile> uploads, FormsSettings settings, FormUploadLimits limits, Action<string> error)
    {
        if (uploads.Count > limits.MaxFilesPerField || uploads.Count > 1 && !field.AllowMultipleFileUploads)
        {
            error(field.AllowMultipleFileUploads ? $"At most {limits.MaxFilesPerField} files may be uploaded here." : "Only one file may be uploaded here.");
            yield break;
        }

        var disallowed = settings.Security.DisallowedFileUploadExtensions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var upload in uploads)
        {
            var name = Path.GetFileName(upload.FileName.Replace('\\', '/'));
            var extension = Path.GetExtension(name).TrimStart('.').ToLowerInvariant();
            var allowed = field.AllowedUploadTypes is { Count: > 0 } types ? types.Contains(extension, StringComparer.OrdinalIgnoreCase) : true;
            if (extension.Length == 0 || !allowed || disallowed.Contains(extension, StringComparer.OrdinalIgnoreCase))
            {
                error($"The file type (.{extension}) you tried to upload is not allowed.");
                continue;
            }

            var marker = upload.FileContents.IndexOf("base64,", StringComparison.Ordinal);
            var data = marker >= 0 ? upload.FileContents[(marker + 7)..] : upload.FileContents;
            if ((long)data.Length * 3 / 4 > limits.MaxFileBytes)
            {
                error($"The file {name} is larger than {limits.MaxFileBytes / 1024 / 1024} MB.");
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

            // By content, not only by name: an executable renamed .pdf is refused.
            if (!FileSignatures.Matches(extension, bytes.AsSpan(0, Math.Min(bytes.Length, 4096))))
            {
                error($"The file {name} is not a valid .{extension} file.");
                continue;
            }

            yield return new AcceptedFile(field.Id, Guid.NewGuid(), name, bytes);
        }
    }

    private static bool MatchesPattern(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, pattern, RegexOptions.None, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return true; // a broken pattern in the definition is the editor's problem, not the applicant's
        }
    }
}
