using Umbraco.Cms.Core.Models;
using static Umbraco.Cms.Core.Constants.PropertyEditors;

namespace Mahse.Cms.Content.PropertyEditors;

/// <summary>The property editors this runtime knows, by Umbraco editor alias.</summary>
public sealed class PropertyEditorCollection
{
    private readonly Dictionary<string, IPropertyEditor> _editors;

    public PropertyEditorCollection(IEnumerable<IPropertyEditor> editors)
    {
        _editors = new Dictionary<string, IPropertyEditor>(StringComparer.OrdinalIgnoreCase);
        foreach (var editor in editors)
        {
            _editors[editor.Alias] = editor;
        }
    }

    public IEnumerable<IPropertyEditor> All => _editors.Values;

    public bool TryGet(string alias, out IPropertyEditor editor) => _editors.TryGetValue(alias, out editor!);

    /// <summary>The editor for an alias; a label (stored as given) for one this runtime does not know.</summary>
    public IPropertyEditor Find(string alias) =>
        _editors.TryGetValue(alias, out var editor) ? editor : _editors[Aliases.Label];

    public static IEnumerable<IPropertyEditor> Defaults() =>
    [
        new TextBoxPropertyEditor(),
        new TextAreaPropertyEditor(),
        new EmailAddressPropertyEditor(),
        new RichTextPropertyEditor(),
        new IntegerPropertyEditor(),
        new DecimalPropertyEditor(),
        new TrueFalsePropertyEditor(),
        new DateTimePropertyEditor(),
        new DropDownFlexiblePropertyEditor(),
        new CheckBoxListPropertyEditor(),
        new RadioButtonListPropertyEditor(),
        new TagsPropertyEditor(),
        new ContentPickerPropertyEditor(),
        new MultiNodeTreePickerPropertyEditor(),
        new MediaPicker3PropertyEditor(),
        new MultiUrlPickerPropertyEditor(),
        new BlockListPropertyEditor(),
        new PlainPropertyEditor(Aliases.Label, "Umb.PropertyEditorUi.Label", ValueStorageType.Nvarchar),
        new PlainPropertyEditor(Aliases.PlainString, "Umb.PropertyEditorUi.TextBox", ValueStorageType.Ntext),
        new PlainPropertyEditor(Aliases.PlainJson, "Umb.PropertyEditorUi.Code", ValueStorageType.Ntext),
        new PlainPropertyEditor(Aliases.PlainInteger, "Umb.PropertyEditorUi.Integer", ValueStorageType.Integer),
        new PlainPropertyEditor(Aliases.PlainDecimal, "Umb.PropertyEditorUi.Decimal", ValueStorageType.Decimal),
        new PlainPropertyEditor(Aliases.PlainDateTime, "Umb.PropertyEditorUi.DatePicker", ValueStorageType.Date),
        new PlainPropertyEditor(Aliases.UploadField, "Umb.PropertyEditorUi.UploadField", ValueStorageType.Ntext),
        new PlainPropertyEditor(Aliases.ImageCropper, "Umb.PropertyEditorUi.ImageCropper", ValueStorageType.Ntext),
    ];
}
