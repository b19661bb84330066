using Umbraco.Cms.Core.PropertyEditors;

namespace Mahse.Forms.Picker;

/// <summary>
/// The form picker, under Umbraco Forms' editor alias so that document types and uSync files written for Umbraco Forms
/// (a fellowship call's <c>applicationForm</c>) work unchanged. It stores the picked form's key.
/// </summary>
[DataEditor(EditorAlias, ValueType = ValueTypes.String, ValueEditorIsReusable = true)]
public sealed class FormPickerPropertyEditor(IDataValueEditorFactory dataValueEditorFactory) : DataEditor(dataValueEditorFactory)
{
    public const string EditorAlias = "UmbracoForms.FormPicker";
}
