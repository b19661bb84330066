using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mahse.Cms.Schema;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Content.PropertyEditors;

public sealed record ValuesValidationResult(
    IContentTypeComposition? ElementType,
    IReadOnlyDictionary<string, JsonNode?> Values,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Validates property values against a content type (with its compositions, as Umbraco's model resolves them)
/// and each data type's configuration, and converts them into the values Umbraco stores.
/// </summary>
public sealed class PropertyValueValidator(PropertyEditorCollection editors, SchemaCache schema)
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public PropertyEditorCollection Editors => editors;

    public async Task<ValuesValidationResult> ValidateAsync(
        IContentTypeComposition contentType,
        IReadOnlyDictionary<string, JsonNode?> values,
        IContentReferenceLookup references,
        bool enforceMandatory,
        CancellationToken cancellationToken)
    {
        var snapshot = await schema.GetAsync(cancellationToken);
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var stored = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var propertyTypes = contentType.CompositionPropertyTypes.ToDictionary(p => p.Alias, StringComparer.Ordinal);

        foreach (var alias in values.Keys.Where(a => !propertyTypes.ContainsKey(a)))
        {
            errors[alias] = [$"Content type '{contentType.Alias}' has no property '{alias}'."];
        }

        foreach (var propertyType in propertyTypes.Values)
        {
            values.TryGetValue(propertyType.Alias, out var value);
            var dataType = snapshot.FindDataType(propertyType.DataTypeKey);
            if (dataType is null)
            {
                errors[propertyType.Alias] = [$"Data type {propertyType.DataTypeKey} of property '{propertyType.Alias}' does not exist."];
                continue;
            }

            var editor = editors.Find(dataType.EditorAlias);
            var context = new PropertyEditorContext(dataType, references, this);
            PropertyValueResult result;
            try
            {
                result = await editor.FromEditorAsync(value, context, cancellationToken);
            }
            catch (System.Text.Json.JsonException ex)
            {
                result = PropertyValueResult.Invalid($"The value is not valid JSON: {ex.Message}");
            }
            catch (InvalidOperationException ex)
            {
                // JsonNode.GetValue<T> on a node of another kind.
                result = PropertyValueResult.Invalid($"The value has the wrong shape for {dataType.EditorAlias}: {ex.Message}");
            }

            var messages = result.Errors.ToList();
            if (result.IsValid && result.Stored is not null && !string.IsNullOrEmpty(propertyType.ValidationRegExp))
            {
                var text = result.Stored is JsonValue v && v.TryGetValue<string>(out var s) ? s : result.Stored.ToJsonString();
                try
                {
                    if (!Regex.IsMatch(text, propertyType.ValidationRegExp, RegexOptions.None, RegexTimeout))
                    {
                        messages.Add(propertyType.ValidationRegExpMessage ?? $"The value does not match the pattern {propertyType.ValidationRegExp}.");
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    messages.Add("The value could not be checked against the pattern in time.");
                }
            }

            if (enforceMandatory && propertyType.Mandatory && result.IsValid && result.Stored is null)
            {
                messages.Add(propertyType.MandatoryMessage ?? "Value cannot be empty.");
            }

            if (messages.Count > 0)
            {
                errors[propertyType.Alias] = messages;
            }
            else if (result.Stored is not null)
            {
                stored[propertyType.Alias] = result.Stored;
            }
        }

        return new ValuesValidationResult(contentType, stored, errors);
    }

    /// <summary>Validates the values of a block's element.</summary>
    public async Task<ValuesValidationResult> ValidateElementAsync(
        Guid elementTypeKey,
        IReadOnlyDictionary<string, JsonNode?> values,
        IContentReferenceLookup references,
        CancellationToken cancellationToken)
    {
        var snapshot = await schema.GetAsync(cancellationToken);
        var elementType = snapshot.FindComposition(elementTypeKey);
        if (elementType is null || !elementType.IsElement)
        {
            return new ValuesValidationResult(null, new Dictionary<string, JsonNode?>(),
                new Dictionary<string, IReadOnlyList<string>> { ["contentTypeKey"] = [$"{elementTypeKey} is not an element type."] });
        }

        return await ValidateAsync(elementType, values, references, enforceMandatory: true, cancellationToken);
    }

    /// <summary>The stored values turned back into editor JSON.</summary>
    public JsonObject ToEditor(IContentTypeComposition contentType, IReadOnlyDictionary<string, JsonNode?> stored)
    {
        var result = new JsonObject();
        foreach (var propertyType in contentType.CompositionPropertyTypes.OrderBy(p => p.SortOrder))
        {
            stored.TryGetValue(propertyType.Alias, out var value);
            result[propertyType.Alias] = value is null ? null : editors.Find(propertyType.PropertyEditorAlias).ToEditor(value);
        }

        return result;
    }
}
