using System.Text.Json;
using Mahse.Forms.Model;

namespace Mahse.Forms.Management.Controllers;

/// <summary>
/// The body of a form save, <c>{ "folderId"?: guid|null, "form": definition }</c>, read by hand: the definition is
/// parsed by <see cref="FormJson"/> exactly as it is stored, and "folderId" left out (keep the folder) differs from
/// null (move to the root).
/// </summary>
public sealed record FormBody(FormDefinition Form, bool HasFolder, Guid? FolderId)
{
    public static bool TryRead(JsonElement body, out FormBody? result, out string problem)
    {
        result = null;
        problem = "";
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("form", out var form) || form.ValueKind != JsonValueKind.Object)
        {
            problem = "The body must be an object with the definition in \"form\".";
            return false;
        }

        var hasFolder = body.TryGetProperty("folderId", out var folder);
        Guid? folderId = null;
        if (hasFolder && folder.ValueKind != JsonValueKind.Null)
        {
            if (folder.ValueKind != JsonValueKind.String || !Guid.TryParse(folder.GetString(), out var parsed))
            {
                problem = "\"folderId\" must be a folder's id or null.";
                return false;
            }

            folderId = parsed;
        }

        try
        {
            result = new FormBody(FormJson.Parse(form.GetRawText()), hasFolder, folderId);
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"The form definition could not be read: {ex.Message}";
            return false;
        }
    }
}
