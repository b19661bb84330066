using System.Text.Json;

namespace Mahse.Cms.Forms.Entries;

/// <summary>An uploaded file as the Forms API posts it: a name and a base64 data URL.</summary>
public sealed record PostedFile(string FileName, string FileContents);

/// <summary>
/// A submission as the Forms API reads it: values by alias (strings kept, numbers, booleans and nulls dropped
/// silently, as Umbraco Forms does), files, contentId, culture and additional data.
/// </summary>
public sealed record PostedEntry(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyDictionary<string, IReadOnlyList<PostedFile>> Files,
    string? ContentId,
    string? Culture,
    IReadOnlyDictionary<string, string> AdditionalData)
{
    /// <summary>Reads the body; null with a message when it is not the API's shape.</summary>
    public static PostedEntry? Parse(JsonElement body, out string? problem)
    {
        problem = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            problem = "The body must be a JSON object with a 'values' object.";
            return null;
        }

        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var files = new Dictionary<string, IReadOnlyList<PostedFile>>(StringComparer.Ordinal);
        if (body.TryGetProperty("values", out var posted) && posted.ValueKind != JsonValueKind.Null)
        {
            if (posted.ValueKind != JsonValueKind.Object)
            {
                problem = "'values' must be an object of field aliases.";
                return null;
            }

            foreach (var property in posted.EnumerateObject())
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
                            else if (item.ValueKind == JsonValueKind.Object
                                     && item.TryGetProperty("fileName", out var name) && name.ValueKind == JsonValueKind.String
                                     && item.TryGetProperty("fileContents", out var contents) && contents.ValueKind == JsonValueKind.String)
                            {
                                uploads.Add(new PostedFile(name.GetString()!, contents.GetString()!));
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
        }

        var additional = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.TryGetProperty("additionalData", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                additional[property.Name] = property.Value.GetString()!;
            }
        }

        return new PostedEntry(values, files, Text(body, "contentId"), Text(body, "culture"), additional);
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
