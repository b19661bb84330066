using System.Text.Json.Nodes;
using Mahse.Forms.Model;

namespace Mahse.Forms;

/// <summary>Umbraco Forms' built-in prevalue source types (ids from its type details).</summary>
public static class PreValueSourceTypes
{
    public static readonly Guid TextFile = Guid.Parse("35C2053E-CBF7-4793-B27C-6E97B7671A2D");
    public static readonly Guid DataTypePreValues = Guid.Parse("EA773CAF-FEF2-491B-B5B7-6A3552B1A0E2");
    public static readonly Guid Documents = Guid.Parse("de996870-c45a-11de-8a39-0800200c9a66");
}

/// <summary>The stored prevalue sources and their choices, however the site keeps and computes them.</summary>
public interface IPreValueSourceStore
{
    /// <summary>The choices of the source, in order (value and caption); null when there is no such source.</summary>
    Task<IReadOnlyList<FormPreValue>?> GetPreValuesAsync(Guid sourceKey, CancellationToken ct);

    /// <summary>The key of the source with this name (case-insensitive), for definitions from uSync.Forms, which writes names for keys.</summary>
    Task<Guid?> FindKeyByNameAsync(string name, CancellationToken ct);
}

/// <summary>
/// Fills the choices of fields that name a prevalue source (by key, or by name as uSync.Forms writes it), at render
/// and validation time, as Umbraco Forms does. A field whose source is missing keeps its inline prevalues.
/// </summary>
public sealed class PreValueSources(IPreValueSourceStore store)
{
    /// <summary>The form with every source-backed field's choices filled in: a copy, so a cached definition is untouched.</summary>
    public async Task<FormDefinition> ApplyAsync(FormDefinition form, CancellationToken ct)
    {
        if (!form.AllFields.Any(NamesASource))
        {
            return form;
        }

        var copy = FormJson.Copy(form);
        foreach (var field in copy.AllFields.Where(NamesASource))
        {
            var key = Guid.TryParse(field.PrevalueSourceId, out var id) ? id : await store.FindKeyByNameAsync(field.PrevalueSourceId!.Trim(), ct);
            if (key is { } sourceKey && await store.GetPreValuesAsync(sourceKey, ct) is { } preValues)
            {
                field.PreValues = preValues.Select(p => new FormPreValue { Value = p.Value, Caption = p.Caption }).ToList();
            }
        }

        return copy;
    }

    /// <summary>Forms writes an empty GUID for "no source".</summary>
    private static bool NamesASource(FormField field) =>
        !string.IsNullOrWhiteSpace(field.PrevalueSourceId) && !(Guid.TryParse(field.PrevalueSourceId, out var id) && id == Guid.Empty);
}

/// <summary>The items of a text file source as Umbraco Forms and uSync.Forms keep them: <c>[{"id","value","caption","sortOrder"}]</c>.</summary>
public static class PreValueTextFile
{
    /// <summary>The items by sort order; a blank caption shows the value.</summary>
    public static IReadOnlyList<FormPreValue> Parse(string? json) =>
        (JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json) as JsonArray ?? []).OfType<JsonObject>()
            .OrderBy(SortOrder)
            .Select(i => new FormPreValue { Value = i["value"]?.ToString() ?? "", Caption = i["caption"]?.ToString() is { Length: > 0 } c ? c : i["value"]?.ToString() })
            .ToList();

    private static int SortOrder(JsonObject item) =>
        item["sortOrder"] is JsonValue value && (value.TryGetValue<int>(out var number) || int.TryParse(value.ToString(), out number)) ? number : 0;
}
