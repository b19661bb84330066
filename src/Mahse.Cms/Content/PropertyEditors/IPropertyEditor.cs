using System.Text.Json.Nodes;
using Mahse.Cms.Schema;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Content.PropertyEditors;

/// <summary>
/// The server side of one Umbraco property editor: turns the value an editor sends (JSON, as Umbraco's Management
/// API takes it) into the value Umbraco stores, validating it against the data type's configuration, and back.
/// </summary>
public interface IPropertyEditor
{
    /// <summary>The editor alias, as in <c>Umbraco.Cms.Core.Constants.PropertyEditors.Aliases</c>.</summary>
    string Alias { get; }

    /// <summary>The backoffice UI alias Umbraco 17 pairs with the editor.</summary>
    string DefaultUiAlias { get; }

    ValueStorageType StorageType { get; }

    /// <summary>Validates and converts an editor value; a null stored value means "no value".</summary>
    ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken);

    /// <summary>Turns a stored value back into the editor's JSON.</summary>
    JsonNode? ToEditor(JsonNode? stored);
}

public sealed record PropertyEditorContext(DataTypeDefinition DataType, IContentReferenceLookup References, PropertyValueValidator Validator);

public sealed record PropertyValueResult(JsonNode? Stored, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static PropertyValueResult Ok(JsonNode? stored) => new(stored, []);

    public static PropertyValueResult Invalid(params string[] errors) => new(null, errors);
}

/// <summary>What a picker needs to know about the item it points at.</summary>
public sealed record ReferencedItem(Guid Key, string ContentTypeAlias, Guid ContentTypeKey, bool Trashed);

public interface IContentReferenceLookup
{
    ValueTask<ReferencedItem?> FindDocumentAsync(Guid key, CancellationToken cancellationToken);

    ValueTask<ReferencedItem?> FindMediaAsync(Guid key, CancellationToken cancellationToken);
}
