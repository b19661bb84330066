using Mahse.Cms.Content.PublishedCache;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.DeliveryApi;

namespace Mahse.Cms.Delivery.Querying;

// Umbraco's built-in query handlers, implementing Umbraco.Cms.Core's own interfaces. Each names the index field it
// reads; the query service turns the options into Lucene queries on DeliveryApiContentIndex.

/// <summary>Resolves the value after "children:", "ancestors:" or "descendants:": a key first, else a route.</summary>
public sealed class ContentReferenceResolver(PublishedContentCache cache)
{
    public PublishedContentItem? Resolve(string value, string? startItem)
    {
        if (Guid.TryParse(value, out var key))
        {
            return cache.Get(key);
        }

        var path = value.Trim();
        return path.Length == 0 ? null : cache.GetByRoute(path, startItem);
    }
}

public sealed class ChildrenSelector(ContentReferenceResolver resolver) : ISelectorHandler
{
    public const string Prefix = "children:";

    public bool CanHandle(string query) => query.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public SelectorOption BuildSelectorOption(string selector) => new()
    {
        FieldName = "parentId",
        Values = resolver.Resolve(selector[Prefix.Length..], null) is { } parent ? [parent.Key.ToString("D")] : [Guid.Empty.ToString("D")],
    };
}

public sealed class DescendantsSelector(ContentReferenceResolver resolver) : ISelectorHandler
{
    public const string Prefix = "descendants:";

    public bool CanHandle(string query) => query.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public SelectorOption BuildSelectorOption(string selector) => new()
    {
        FieldName = "ancestorIds",
        Values = resolver.Resolve(selector[Prefix.Length..], null) is { } ancestor ? [ancestor.Key.ToString("D")] : [Guid.Empty.ToString("D")],
    };
}

public sealed class AncestorsSelector(ContentReferenceResolver resolver, PublishedContentCache cache) : ISelectorHandler
{
    public const string Prefix = "ancestors:";

    public bool CanHandle(string query) => query.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public SelectorOption BuildSelectorOption(string selector)
    {
        var item = resolver.Resolve(selector[Prefix.Length..], null);
        var ancestors = item is null ? [] : Content.ContentStore.AncestorIds(item.Path).Select(cache.Get).OfType<PublishedContentItem>().Select(a => a.Key.ToString("D")).ToArray();
        return new SelectorOption { FieldName = "itemId", Values = ancestors.Length == 0 ? [Guid.Empty.ToString("D")] : ancestors };
    }
}

public sealed class ContentTypeFilter : IFilterHandler
{
    private const string Prefix = "contentType:";

    public bool CanHandle(string query) => query.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public FilterOption BuildFilterOption(string filter)
    {
        var value = filter[Prefix.Length..];
        var negate = value.StartsWith('!');
        return new FilterOption
        {
            FieldName = "contentType",
            Values = value.TrimStart('!').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Operator = negate ? FilterOperation.IsNot : FilterOperation.Is,
        };
    }
}

public sealed class NameFilter : IFilterHandler
{
    private const string Prefix = "name:";

    public bool CanHandle(string query) => query.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public FilterOption BuildFilterOption(string filter)
    {
        var value = filter[Prefix.Length..];
        var negate = value.StartsWith('!');
        return new FilterOption
        {
            FieldName = "name",
            Values = value.TrimStart('!').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Operator = negate ? FilterOperation.DoesNotContain : FilterOperation.Contains,
        };
    }
}

/// <summary>createDate / updateDate with Umbraco's operators: &gt;, &gt;:, &lt;, &lt;:, : (is), :! (is not).</summary>
public abstract class DateFilterBase(string fieldName) : IFilterHandler
{
    public bool CanHandle(string query) => query.StartsWith(fieldName, StringComparison.OrdinalIgnoreCase)
                                           && query.Length > fieldName.Length && query[fieldName.Length] is '>' or '<' or ':';

    public FilterOption BuildFilterOption(string filter)
    {
        var rest = filter[fieldName.Length..];
        var (operation, length) = rest switch
        {
            _ when rest.StartsWith(">:", StringComparison.Ordinal) => (FilterOperation.GreaterThanOrEqual, 2),
            _ when rest.StartsWith("<:", StringComparison.Ordinal) => (FilterOperation.LessThanOrEqual, 2),
            _ when rest.StartsWith(":!", StringComparison.Ordinal) => (FilterOperation.IsNot, 2),
            _ when rest.StartsWith('>') => (FilterOperation.GreaterThan, 1),
            _ when rest.StartsWith('<') => (FilterOperation.LessThan, 1),
            _ => (FilterOperation.Is, 1),
        };
        return new FilterOption { FieldName = fieldName, Values = [rest[length..]], Operator = operation };
    }
}

public sealed class CreateDateFilter() : DateFilterBase("createDate");

public sealed class UpdateDateFilter() : DateFilterBase("updateDate");

/// <summary>Umbraco's sorts: the value after the colon starting with "asc" means ascending, anything else descending.</summary>
public abstract class SortBase(string name, string fieldName) : ISortHandler
{
    public bool CanHandle(string query) => query.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase);

    public SortOption BuildSortOption(string sort) => new()
    {
        FieldName = fieldName,
        Direction = sort[(name.Length + 1)..].StartsWith("asc", StringComparison.Ordinal) ? Direction.Ascending : Direction.Descending,
    };
}

public sealed class CreateDateSort() : SortBase("createDate", "createDate");

public sealed class UpdateDateSort() : SortBase("updateDate", "updateDate");

public sealed class LevelSort() : SortBase("level", "level");

public sealed class NameSort() : SortBase("name", "sortName");

public sealed class SortOrderSort() : SortBase("sortOrder", "sortOrder");
