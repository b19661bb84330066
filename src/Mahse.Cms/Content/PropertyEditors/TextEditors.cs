using System.Net.Mail;
using System.Text.Json.Nodes;
using Umbraco.Cms.Core.Models;
using static Umbraco.Cms.Core.Constants.PropertyEditors;

namespace Mahse.Cms.Content.PropertyEditors;

public class TextBoxPropertyEditor : PropertyEditorBase
{
    public override string Alias => Aliases.TextBox;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.TextBox";

    public override ValueStorageType StorageType => ValueStorageType.Nvarchar;

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (IsEmpty(value))
        {
            return ValueTask.FromResult(PropertyValueResult.Ok(null));
        }

        if (!TryGetString(value, out var text))
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"Expected a string, got {Describe(value)}."));
        }

        var maxChars = ConfigInt(context, "maxChars");
        if (maxChars is > 0 && text.Length > maxChars)
        {
            return ValueTask.FromResult(PropertyValueResult.Invalid($"The value is {text.Length} characters long; the maximum is {maxChars}."));
        }

        return ValueTask.FromResult(Validate(text) ?? PropertyValueResult.Ok(JsonValue.Create(text)));
    }

    protected virtual PropertyValueResult? Validate(string text) => null;
}

public sealed class TextAreaPropertyEditor : TextBoxPropertyEditor
{
    public override string Alias => Aliases.TextArea;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.TextArea";

    public override ValueStorageType StorageType => ValueStorageType.Ntext;
}

public sealed class EmailAddressPropertyEditor : TextBoxPropertyEditor
{
    public override string Alias => Aliases.EmailAddress;

    public override string DefaultUiAlias => "Umb.PropertyEditorUi.EmailAddress";

    protected override PropertyValueResult? Validate(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal)
            ? null
            : PropertyValueResult.Invalid($"'{text}' is not a valid email address.");
}

/// <summary>
/// Editors this project stores without interpreting: Umbraco.Plain.String and friends (custom UIs keep their value
/// as a plain string or JSON), labels. Unknown editor aliases are refused when a data type is saved, not here.
/// </summary>
public sealed class PlainPropertyEditor(string alias, string uiAlias, ValueStorageType storageType) : PropertyEditorBase
{
    public override string Alias => alias;

    public override string DefaultUiAlias => uiAlias;

    public override ValueStorageType StorageType => storageType;

    public override ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(IsEmpty(value) ? PropertyValueResult.Ok(null)
            : value is JsonValue ? PropertyValueResult.Ok(value.DeepClone())
            : PropertyValueResult.Ok(StoreJson(value!)));

    /// <summary>Only JSON objects and arrays kept as text are parsed back; "123" stays the string it was stored as.</summary>
    public override JsonNode? ToEditor(JsonNode? stored) =>
        TryGetString(stored, out var text) && text.TrimStart() is ['{' or '[', ..] ? ParseStoredJson(stored) : stored?.DeepClone();
}
