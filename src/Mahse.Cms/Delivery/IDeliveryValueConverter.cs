using System.Text.Json.Nodes;

namespace Mahse.Cms.Delivery;

/// <summary>
/// Converts one editor's stored value for the Delivery API (Umbraco's IDeliveryApiPropertyValueConverter), so a
/// module adds its editors' output without the builder knowing them.
/// </summary>
public interface IDeliveryValueConverter
{
    string EditorAlias { get; }

    JsonNode? Convert(JsonNode stored, bool expand);
}
