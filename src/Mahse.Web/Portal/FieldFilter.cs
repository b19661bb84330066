using Umbraco.Cms.Core.DeliveryApi;

namespace Mahse.Web.Portal;

// The portal's own Delivery API query options, written the way Umbraco asks extensions to be written: an
// IContentIndexHandler puts a field in DeliveryApiContentIndex, and a filter or sort handler reads that field.

/// <summary>A filter "{prefix}{value}" on one raw index field, with Umbraco's comma list (OR) and "!" negation.</summary>
public abstract class FieldFilter(string prefix, string fieldName) : IFilterHandler
{
    public bool CanHandle(string query) => query.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    public FilterOption BuildFilterOption(string filter)
    {
        var value = filter[prefix.Length..];
        return new FilterOption
        {
            FieldName = fieldName,
            Values = value.TrimStart('!').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Operator = value.StartsWith('!') ? FilterOperation.IsNot : FilterOperation.Is,
        };
    }
}

/// <summary>A raw string field holding what a dropdown stored: one value, or Umbraco's JSON array for several.</summary>
public abstract class DropdownIndexer(string fieldName, string propertyAlias) : IContentIndexHandler
{
    public IEnumerable<IndexField> GetFields() => [new IndexField { FieldName = fieldName, FieldType = FieldType.StringRaw, VariesByCulture = false }];

    public IEnumerable<IndexFieldValue> GetFieldValues(Umbraco.Cms.Core.Models.IContent content, string? culture) =>
        Values(content.GetValue<string>(propertyAlias)) is { Count: > 0 } values
            ? [new IndexFieldValue { FieldName = fieldName, Values = values }]
            : [];

    private static List<object> Values(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return [];
        }

        return stored.TrimStart().StartsWith('[')
            ? (System.Text.Json.JsonSerializer.Deserialize<List<string>>(stored) ?? []).Cast<object>().ToList()
            : [stored];
    }
}
