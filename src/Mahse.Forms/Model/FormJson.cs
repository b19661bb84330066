using System.Text.Json;

namespace Mahse.Forms.Model;

/// <summary>
/// How a definition is stored: one JSON document per form, camelCase names as Umbraco Forms writes them, settings
/// keys left as stored (PascalCase).
/// </summary>
public static class FormJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>An empty definition for <c>null</c>; throws <see cref="JsonException"/> on text that is not JSON.</summary>
    public static FormDefinition Parse(string json) => JsonSerializer.Deserialize<FormDefinition>(json, Options) ?? new FormDefinition();

    public static string Serialize(FormDefinition form) => JsonSerializer.Serialize(form, Options);

    /// <summary>A deep copy, for changes that must not reach a cached definition.</summary>
    public static FormDefinition Copy(FormDefinition form) => Parse(Serialize(form));
}
