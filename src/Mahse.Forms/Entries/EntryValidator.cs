using System.Globalization;
using System.Text.RegularExpressions;
using Mahse.Forms.Delivery;
using Mahse.Forms.Model;
using Microsoft.Extensions.Options;

namespace Mahse.Forms.Entries;

/// <summary>The outcome of validating a submission: errors by field alias, the values to store by field id, and the accepted uploads.</summary>
public sealed record EntryValidation(
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyDictionary<Guid, IReadOnlyList<string>> Values,
    IReadOnlyList<AcceptedFile> Files)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Validates a whole submission in one go, as Umbraco Forms does on the server: pattern, required (only for
/// fields their own and their fieldset's conditions show), allowed values, length, and uploads. Page conditions
/// are not checked, as in Umbraco Forms.
/// </summary>
public sealed class EntryValidator(IOptions<FormUploadOptions> uploads)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    /// <param name="form">The definition with its prevalue sources applied (<see cref="PreValueSources.ApplyAsync"/>).</param>
    /// <param name="magic">Resolves magic strings in the editor's messages (never in messages that quote posted values).</param>
    /// <param name="pageValue">A property of the page the form is posted from, for limits taken from it (<c>MaximumFromContent</c>).</param>
    public EntryValidation Validate(FormDefinition form, PostedEntry entry, FormMagicStrings? magic = null, Func<string, string?>? pageValue = null)
    {
        magic ??= FormMagicStrings.None;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var values = new Dictionary<Guid, IReadOnlyList<string>>();
        var files = new List<AcceptedFile>();
        var byId = form.AllFields.GroupBy(f => f.Id).ToDictionary(g => g.Key, g => g.First());
        string ValueOf(Guid id) => byId.TryGetValue(id, out var f) && entry.Values.TryGetValue(f.Alias, out var v) ? TickedAsTrue(f, string.Join(",", v)) : "";
        void Error(string alias, string message) => (errors.TryGetValue(alias, out var list) ? list : errors[alias] = []).Add(message);

        foreach (var (fieldSet, field) in form.FieldsWithFieldSets)
        {
            var type = FormFieldTypes.Find(field.FieldTypeId);
            if (type is null || !type.StoresValue && type != FormFieldTypes.Password)
            {
                continue; // rich text, titles, reCAPTCHA (verified apart) and unknown types carry nothing to check
            }

            var posted = entry.Values.TryGetValue(field.Alias, out var given) ? given.Where(v => v.Length > 0).ToList() : [];
            if (IsTickBox(type))
            {
                posted = posted.Take(1).Select(v => v == "on" ? "true" : v).ToList();
            }

            var postedFiles = type == FormFieldTypes.FileUpload && entry.Files.TryGetValue(field.Alias, out var found) ? found : [];
            var joined = string.Join(",", posted);
            if (!string.IsNullOrEmpty(field.Regex) && joined.Length > 0 && !MatchesPattern(field.Regex, joined))
            {
                Error(field.Alias, magic.Parse(FormDtoBuilder.InvalidMessage(form, field))!);
            }

            var empty = joined.Length == 0 && postedFiles.Count == 0 || IsTickBox(type) && joined != "true";
            if (field.Mandatory && empty && FormConditions.IsVisible(fieldSet, field, ValueOf))
            {
                Error(field.Alias, magic.Parse(FormDtoBuilder.RequiredMessage(form, field))!);
            }

            foreach (var value in posted.Where(v => field.PreValues.Count > 0 && field.PreValues.All(p => p.Value != v)))
            {
                Error(field.Alias, $"Unexpected value: '{value}'. Expected one of these: {string.Join(", ", field.PreValues.Select(p => $"'{p.Value}'"))}");
            }

            if (MaximumLength(field, type) is { } max && joined.Length > max)
            {
                Error(field.Alias, $"The value provided exceeds {max} characters.");
            }

            if (ExceedsPageLimit(field, joined, pageValue) is { } limit)
            {
                Error(field.Alias, $"The amount may not be more than {limit.ToString("#,0.##", CultureInfo.InvariantCulture)}.");
            }

            if (type == FormFieldTypes.FileUpload)
            {
                files.AddRange(FormUploads.Check(field, postedFiles, uploads.Value, message => Error(field.Alias, message)));
            }

            if (type.StoresValue)
            {
                values[field.Id] = posted;
            }
        }

        return new EntryValidation(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal), values, errors.Count == 0 ? files : []);
    }

    /// <summary>Browsers post "on" for a ticked box; Umbraco Forms stores "true".</summary>
    private static bool IsTickBox(FormFieldType type) => type == FormFieldTypes.Checkbox || type == FormFieldTypes.DataConsent;

    private static string TickedAsTrue(FormField field, string value) =>
        value == "on" && FormFieldTypes.Find(field.FieldTypeId) is { } type && IsTickBox(type) ? "true" : value;

    /// <summary>Short answers default to 255 characters, as in Umbraco Forms; long answers only when configured.</summary>
    private static int? MaximumLength(FormField field, FormFieldType type)
    {
        if (type != FormFieldTypes.ShortAnswer && type != FormFieldTypes.LongAnswer)
        {
            return null;
        }

        return int.TryParse(field.Setting("MaximumLength"), CultureInfo.InvariantCulture, out var configured) && configured > 0 ? configured
            : type == FormFieldTypes.ShortAnswer ? 255 : null;
    }

    /// <summary>Extension: a number may not exceed a property of the hosting page (costs up to a call's maximum award).</summary>
    private static decimal? ExceedsPageLimit(FormField field, string joined, Func<string, string?>? pageValue) =>
        field.Setting("MaximumFromContent") is { } property && joined.Length > 0 && pageValue?.Invoke(property) is { } text
        && decimal.TryParse(text.Trim('"'), NumberStyles.Number, CultureInfo.InvariantCulture, out var limit)
        && decimal.TryParse(joined, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount > limit
            ? limit
            : null;

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
