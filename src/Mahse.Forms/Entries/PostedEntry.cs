using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Mahse.Forms.Entries;

/// <summary>An uploaded file as the Forms API posts it: a name and a base64 data URL.</summary>
public sealed record PostedFile(string FileName, string FileContents);

/// <summary>
/// A submission as the Forms API reads it: values by alias (strings kept; numbers, booleans and nulls dropped
/// silently, as Umbraco Forms does), files, contentId, culture and additional data. Keys that name no field stay in
/// <see cref="Values"/> as non-field values (<c>g-recaptcha-response</c>).
/// </summary>
public sealed record PostedEntry(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyDictionary<string, IReadOnlyList<PostedFile>> Files,
    string? ContentId,
    string? Culture,
    IReadOnlyDictionary<string, string> AdditionalData)
{
    /// <summary>Reads a raw body; false with a problem (for a 400) when it is not JSON or not the API's shape.</summary>
    public static bool TryParse(string body, [NotNullWhen(true)] out PostedEntry? entry, [NotNullWhen(false)] out string? problem)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return TryParse(document.RootElement, out entry, out problem);
        }
        catch (JsonException exception)
        {
            entry = null;
            problem = $"The body is not valid JSON: {exception.Message}";
            return false;
        }
    }

    /// <summary>Reads a parsed body; false with a problem (for a 400) when it is not the API's shape.</summary>
    public static bool TryParse(JsonElement body, [NotNullWhen(true)] out PostedEntry? entry, [NotNullWhen(false)] out string? problem)
    {
        entry = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            problem = "The body must be a JSON object with a 'values' object.";
            return false;
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var files = new Dictionary<string, IReadOnlyList<PostedFile>>(StringComparer.Ordinal);
        if (body.TryGetProperty("values", out var posted) && posted.ValueKind != JsonValueKind.Null)
        {
            if (posted.ValueKind != JsonValueKind.Object)
            {
                problem = "'values' must be an object of field aliases.";
                return false;
            }

            foreach (var property in posted.EnumerateObject())
            {
                ReadValue(property, values, files);
            }
        }

        entry = new PostedEntry(values, files, Text(body, "contentId"), Text(body, "culture"), AdditionalDataOf(body));
        problem = null;
        return true;
    }

    private static void ReadValue(JsonProperty property, Dictionary<string, IReadOnlyList<string>> values, Dictionary<string, IReadOnlyList<PostedFile>> files)
    {
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String:
                values[property.Name] = [property.Value.GetString()!];
                break;
            case JsonValueKind.Array:
                var strings = new List<string>();
                var uploads = new List<PostedFile>();
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        strings.Add(item.GetString()!);
                    }
                    else if (AsFile(item) is { } file)
                    {
                        uploads.Add(file);
                    }
                }

                values[property.Name] = strings;
                if (uploads.Count > 0)
                {
                    files[property.Name] = uploads;
                }

                break;
        }
    }

    private static PostedFile? AsFile(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object
        && item.TryGetProperty("fileName", out var name) && name.ValueKind == JsonValueKind.String
        && item.TryGetProperty("fileContents", out var contents) && contents.ValueKind == JsonValueKind.String
            ? new PostedFile(name.GetString()!, contents.GetString()!)
            : null;

    private static Dictionary<string, string> AdditionalDataOf(JsonElement body)
    {
        var additional = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("additionalData", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                additional[property.Name] = property.Value.GetString()!;
            }
        }

        return additional;
    }

    /// <summary>contentId may be an integer id or a GUID, so a number is kept as its text.</summary>
    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
