using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models;

namespace Mahse.Web.Portal;

/// <summary>A fellowship call is open, upcoming or closed, from its opening and closing dates and the clock: <c>filter=fellowshipStatus:open</c>.</summary>
public sealed class FellowshipStatusIndexer(TimeProvider clock) : IContentIndexHandler
{
    public const string FieldName = "fellowshipStatus";
    public const string ContentTypeAlias = "fellowshipCall";

    public IEnumerable<IndexField> GetFields() => [new IndexField { FieldName = FieldName, FieldType = FieldType.StringRaw, VariesByCulture = false }];

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture) =>
        content.ContentType.Alias != ContentTypeAlias
            ? []
            : [new IndexFieldValue { FieldName = FieldName, Values = [Status(content.GetValue<DateTime?>("opens"), content.GetValue<DateTime?>("closes"), clock.GetUtcNow().UtcDateTime)] }];

    /// <summary>A call is open from the start of its opening day to the end of its closing day.</summary>
    public static string Status(DateTime? opens, DateTime? closes, DateTime now) =>
        opens is { } o && now < o.Date ? "upcoming"
        : closes is { } c && now >= c.Date.AddDays(1) ? "closed"
        : "open";
}

public sealed class FellowshipStatusFilter() : FieldFilter("fellowshipStatus:", FellowshipStatusIndexer.FieldName);
