using Umbraco.Cms.Core;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models;

namespace Mahse.Web.Portal;

/// <summary>
/// The roadmap stages an item belongs to (its <c>roadmapStages</c> picker), as document keys; a stage also belongs to
/// itself: <c>filter=roadmapStage:{key}</c>.
/// </summary>
public sealed class RoadmapStageIndexer : IContentIndexHandler
{
    public const string FieldName = "roadmapStage";

    public IEnumerable<IndexField> GetFields() => [new IndexField { FieldName = FieldName, FieldType = FieldType.StringRaw, VariesByCulture = false }];

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture)
    {
        var keys = (content.GetValue<string>("roadmapStages") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(text => UdiParser.TryParse(text, out Udi? udi) && udi is GuidUdi { EntityType: Constants.UdiEntityType.Document } document
                ? document.Guid.ToString("D")
                : null)
            .OfType<string>()
            .ToList();
        if (content.ContentType.Alias == "roadmapStage")
        {
            keys.Add(content.Key.ToString("D"));
        }

        return keys.Count == 0 ? [] : [new IndexFieldValue { FieldName = FieldName, Values = keys.Distinct().Cast<object>().ToList() }];
    }
}

public sealed class RoadmapStageFilter() : FieldFilter("roadmapStage:", RoadmapStageIndexer.FieldName);
