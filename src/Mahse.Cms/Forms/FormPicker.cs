using System.Text.Json.Nodes;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Delivery;
using Mahse.Cms.Forms.Delivery;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Forms;

/// <summary>Umbraco Forms' form picker (<c>UmbracoForms.FormPicker</c>): one form, stored as its id.</summary>
public sealed class FormPickerPropertyEditor(FormStore forms) : PropertyEditorBase
{
    public const string EditorAlias = "UmbracoForms.FormPicker";

    public override string Alias => EditorAlias;

    public override string DefaultUiAlias => "Forms.PropertyEditorUi.FormPicker.Single";

    public override ValueStorageType StorageType => ValueStorageType.Nvarchar;

    public override async ValueTask<PropertyValueResult> FromEditorAsync(JsonNode? value, PropertyEditorContext context, CancellationToken cancellationToken)
    {
        if (IsEmpty(value))
        {
            return PropertyValueResult.Ok(null);
        }

        if (!TryGetString(value, out var text) || !Guid.TryParse(text, out var key))
        {
            return PropertyValueResult.Invalid($"Expected a form id (a GUID), got {value!.ToJsonString()}.");
        }

        return await forms.GetAsync(key, cancellationToken) is null
            ? PropertyValueResult.Invalid($"The form {key} does not exist.")
            : PropertyValueResult.Ok(JsonValue.Create(key.ToString("D")));
    }
}

/// <summary>The form picker in the Delivery API, as Umbraco Forms: <c>{"id", "form": null}</c>, the FormDto when expanded.</summary>
public sealed class FormPickerDeliveryConverter(FormStore forms, PreValueSources sources, FormDtoBuilder builder) : IDeliveryValueConverter
{
    public string EditorAlias => FormPickerPropertyEditor.EditorAlias;

    public JsonNode? Convert(JsonNode stored, bool expand)
    {
        if (!Guid.TryParse(stored.ToString().Trim('"'), out var key))
        {
            return null;
        }

        var form = expand ? forms.GetAsync(key, CancellationToken.None).AsTask().GetAwaiter().GetResult() : null;
        return new JsonObject { ["id"] = key.ToString("D"), ["form"] = form is null ? null : builder.Build(sources.ApplyAsync(form, CancellationToken.None).GetAwaiter().GetResult()) };
    }
}
