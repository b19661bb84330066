using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PropertyEditors;
using Umbraco.Cms.Core.PropertyEditors.DeliveryApi;

namespace Mahse.Forms.Picker;

/// <summary>
/// A picked form as Umbraco Forms' picker gives it: the form's key in templates, and in the Delivery API
/// <c>{"id": "…", "form": null}</c> (the form itself comes from the Forms API, as with Umbraco Forms unexpanded).
/// </summary>
public sealed class FormPickerValueConverter : PropertyValueConverterBase, IDeliveryApiPropertyValueConverter
{
    public override bool IsConverter(IPublishedPropertyType propertyType) => propertyType.EditorAlias == FormPickerPropertyEditor.EditorAlias;

    public override Type GetPropertyValueType(IPublishedPropertyType propertyType) => typeof(Guid?);

    public override PropertyCacheLevel GetPropertyCacheLevel(IPublishedPropertyType propertyType) => PropertyCacheLevel.Element;

    public override object? ConvertSourceToIntermediate(IPublishedElement owner, IPublishedPropertyType propertyType, object? source, bool preview) =>
        Guid.TryParse(source?.ToString(), out var key) ? key : null;

    public PropertyCacheLevel GetDeliveryApiPropertyCacheLevel(IPublishedPropertyType propertyType) => PropertyCacheLevel.Element;

    public Type GetDeliveryApiPropertyValueType(IPublishedPropertyType propertyType) => typeof(FormPickerDeliveryValue);

    public object? ConvertIntermediateToDeliveryApiObject(
        IPublishedElement owner, IPublishedPropertyType propertyType, PropertyCacheLevel referenceCacheLevel, object? inter, bool preview, bool expanding) =>
        inter is Guid key ? new FormPickerDeliveryValue(key, null) : null;
}

/// <summary>Umbraco Forms' Delivery API shape for a picked form.</summary>
public sealed record FormPickerDeliveryValue(Guid Id, object? Form);
