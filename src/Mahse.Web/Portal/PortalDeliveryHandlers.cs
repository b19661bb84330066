using System.Text.Json;
using Mahse.Cms.Infrastructure;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models;

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

/// <summary>Open, upcoming or closed, from a fellowship call's opening and closing dates and the clock.</summary>
public sealed class FellowshipStatusIndexer(TimeProvider clock) : IContentIndexHandler
{
    public const string FieldName = "fellowshipStatus";

    public IEnumerable<IndexField> GetFields() => [new IndexField { FieldName = FieldName, FieldType = FieldType.StringRaw, VariesByCulture = false }];

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture)
    {
        if (content.ContentType.Alias != "fellowshipCall")
        {
            return [];
        }

        return [new IndexFieldValue { FieldName = FieldName, Values = [Status(content.GetValue<DateTime?>("opens"), content.GetValue<DateTime?>("closes"), clock.GetUtcNow().UtcDateTime)] }];
    }

    /// <summary>A call is open from the start of its opening day to the end of its closing day.</summary>
    public static string Status(DateTime? opens, DateTime? closes, DateTime now) =>
        opens is { } o && now < o.Date ? "upcoming"
        : closes is { } c && now >= c.Date.AddDays(1) ? "closed"
        : "open";
}

public sealed class FellowshipStatusFilter() : FieldFilter("fellowshipStatus:", FellowshipStatusIndexer.FieldName);

/// <summary>Roadmap stages an item belongs to (its taxonomy), as document keys; a stage also belongs to itself.</summary>
public sealed class RoadmapStageIndexer : IContentIndexHandler
{
    public const string FieldName = "roadmapStage";

    public IEnumerable<IndexField> GetFields() => [new IndexField { FieldName = FieldName, FieldType = FieldType.StringRaw, VariesByCulture = false }];

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture)
    {
        var keys = (content.GetValue<string>("roadmapStages") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(udi => Udis.TryParse(udi, Constants.UdiEntityType.Document, out var key) ? key.ToString("D") : null)
            .OfType<string>()
            .ToList();
        if (content.ContentType.Alias == "roadmapStage")
        {
            keys.Add(content.Key.ToString("D"));
        }

        return keys.Count == 0 ? [] : [new IndexFieldValue { FieldName = FieldName, Values = keys.Cast<object>().ToList() }];
    }
}

public sealed class RoadmapStageFilter() : FieldFilter("roadmapStage:", RoadmapStageIndexer.FieldName);

public sealed class ResourceTypeIndexer : IContentIndexHandler
{
    public const string FieldName = "resourceType";

    public IEnumerable<IndexField> GetFields() => [new IndexField { FieldName = FieldName, FieldType = FieldType.StringRaw, VariesByCulture = false }];

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture) =>
        DropdownValues(content.GetValue<string>("resourceType")) is { Count: > 0 } values
            ? [new IndexFieldValue { FieldName = FieldName, Values = values }]
            : [];

    internal static List<object> DropdownValues(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return [];
        }

        return stored.TrimStart().StartsWith('[') ? JsonSerializer.Deserialize<List<string>>(stored)!.Cast<object>().ToList() : [stored];
    }
}

public sealed class ResourceTypeFilter() : FieldFilter("resourceType:", ResourceTypeIndexer.FieldName);

public sealed class DisciplineIndexer : IContentIndexHandler
{
    public const string FieldName = "discipline";

    public IEnumerable<IndexField> GetFields() => [new IndexField { FieldName = FieldName, FieldType = FieldType.StringRaw, VariesByCulture = false }];

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture) =>
        ResourceTypeIndexer.DropdownValues(content.GetValue<string>("disciplines")) is { Count: > 0 } values
            ? [new IndexFieldValue { FieldName = FieldName, Values = values }]
            : [];
}

public sealed class DisciplineFilter() : FieldFilter("discipline:", DisciplineIndexer.FieldName);

/// <summary>A roadmap stage's position, for <c>sort=stageOrder:asc</c>.</summary>
public sealed class StageOrderIndexer : IContentIndexHandler
{
    public const string FieldName = "stageOrder";

    public IEnumerable<IndexField> GetFields() => [new IndexField { FieldName = FieldName, FieldType = FieldType.Number, VariesByCulture = false }];

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture) =>
        content.GetValue<int?>("stageOrder") is { } order ? [new IndexFieldValue { FieldName = FieldName, Values = [order] }] : [];
}

public sealed class StageOrderSort : ISortHandler
{
    public bool CanHandle(string query) => query.StartsWith("stageOrder:", StringComparison.OrdinalIgnoreCase);

    public SortOption BuildSortOption(string sort) => new()
    {
        FieldName = StageOrderIndexer.FieldName,
        Direction = sort["stageOrder:".Length..].StartsWith("asc", StringComparison.Ordinal) ? Direction.Ascending : Direction.Descending,
    };
}
