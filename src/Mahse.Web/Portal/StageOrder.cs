using Umbraco.Cms.Core;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models;

namespace Mahse.Web.Portal;

/// <summary>A roadmap stage's position in the roadmap: <c>sort=stageOrder:asc</c>.</summary>
public sealed class StageOrderIndexer : IContentIndexHandler
{
    public const string FieldName = "stageOrder";

    public IEnumerable<IndexField> GetFields() => [new IndexField { FieldName = FieldName, FieldType = FieldType.Number, VariesByCulture = false }];

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture) =>
        content.GetValue<int?>("stageOrder") is { } order ? [new IndexFieldValue { FieldName = FieldName, Values = [order] }] : [];
}

public sealed class StageOrderSort : ISortHandler
{
    private const string Prefix = "stageOrder:";

    public bool CanHandle(string query) => query.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public SortOption BuildSortOption(string sort) => new()
    {
        FieldName = StageOrderIndexer.FieldName,
        Direction = sort[Prefix.Length..].StartsWith("desc", StringComparison.OrdinalIgnoreCase) ? Direction.Descending : Direction.Ascending,
    };
}
