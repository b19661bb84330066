namespace Mahse.Cms.Search;

/// <summary>Umbraco's index names (Constants.UmbracoIndexes) and their field definitions.</summary>
public static class UmbracoIndexes
{
    public const string ExternalIndexName = "ExternalIndex";
    public const string InternalIndexName = "InternalIndex";
    public const string MembersIndexName = "MembersIndex";

    /// <summary>The portal's R&amp;I survey responses (not one of Umbraco's indexes).</summary>
    public const string SurveyIndexName = "SurveyIndex";
    public const string DeliveryApiContentIndexName = "DeliveryApiContentIndex";

    public static string SearcherName(string indexName) => indexName + "Searcher";

    /// <summary>Umbraco's UmbracoFieldDefinitionCollection, plus the portal's facet fields.</summary>
    public static IReadOnlyList<FieldDefinition> ContentFields { get; } =
    [
        new("id", FieldDefinitionTypes.Integer),
        new("parentID", FieldDefinitionTypes.Integer),
        new("level", FieldDefinitionTypes.Integer),
        new("sortOrder", FieldDefinitionTypes.Integer),
        new("createDate", FieldDefinitionTypes.DateTime),
        new("updateDate", FieldDefinitionTypes.DateTime),
        new("__Key", FieldDefinitionTypes.InvariantCultureIgnoreCase),
        new("nodeType", FieldDefinitionTypes.InvariantCultureIgnoreCase, Facet: true),
        new("urlName", FieldDefinitionTypes.InvariantCultureIgnoreCase),
        new("nodeName", FieldDefinitionTypes.FullTextSortable),
        new("path", FieldDefinitionTypes.Raw),
        new("__Path", FieldDefinitionTypes.Raw),
        new("__Published", FieldDefinitionTypes.Raw),
        new("__Protected", FieldDefinitionTypes.Raw),
        new("__Icon", FieldDefinitionTypes.Raw),
        new("email", FieldDefinitionTypes.EmailAddress),
        new("disciplines", FieldDefinitionTypes.Raw, Facet: true),
        new("resourceType", FieldDefinitionTypes.Raw, Facet: true),
        new("roadmapStages", FieldDefinitionTypes.Raw, Facet: true),
    ];

    public static IReadOnlyList<FieldDefinition> DeliveryApiFields { get; } =
    [
        new("itemId", FieldDefinitionTypes.Raw),
        new("culture", FieldDefinitionTypes.Raw),
        new("contentType", FieldDefinitionTypes.Raw, Facet: true),
        new("name", FieldDefinitionTypes.FullText),
        new("sortName", FieldDefinitionTypes.FullTextSortable),
        new("createDate", FieldDefinitionTypes.DateTime),
        new("updateDate", FieldDefinitionTypes.DateTime),
        new("level", FieldDefinitionTypes.Integer),
        new("sortOrder", FieldDefinitionTypes.Integer),
        new("__Path", FieldDefinitionTypes.Raw),
        new("ancestorIds", FieldDefinitionTypes.Raw),
        new("parentId", FieldDefinitionTypes.Raw),
        new("protected", FieldDefinitionTypes.Raw),
        new("protectedAccess", FieldDefinitionTypes.Raw),
    ];

    public static IReadOnlyList<FieldDefinition> MemberFields { get; } =
    [
        new("id", FieldDefinitionTypes.Integer),
        new("__Key", FieldDefinitionTypes.InvariantCultureIgnoreCase),
        new("email", FieldDefinitionTypes.EmailAddress),
        new("loginName", FieldDefinitionTypes.InvariantCultureIgnoreCase),
        new("nodeName", FieldDefinitionTypes.FullTextSortable),
        new("nodeType", FieldDefinitionTypes.InvariantCultureIgnoreCase, Facet: true),
        new("isApproved", FieldDefinitionTypes.Raw),
        new("consentToDirectory", FieldDefinitionTypes.Raw),
        new("division", FieldDefinitionTypes.FullText, Facet: true),
        new("region", FieldDefinitionTypes.FullText, Facet: true),
    ];

    public static IReadOnlyList<FieldDefinition> SurveyFields { get; } =
    [
        new("organisation", FieldDefinitionTypes.Raw, Facet: true),
        new("subRegion", FieldDefinitionTypes.Raw, Facet: true),
        new("division", FieldDefinitionTypes.Raw, Facet: true),
        new("specialism", FieldDefinitionTypes.Raw, Facet: true),
        new("careerStage", FieldDefinitionTypes.Raw, Facet: true),
        new("activities", FieldDefinitionTypes.Raw, Facet: true),
        new("barriers", FieldDefinitionTypes.Raw, Facet: true),
        new("champion", FieldDefinitionTypes.Raw, Facet: true),
        new("audit", FieldDefinitionTypes.Integer),
        new("serviceImprovement", FieldDefinitionTypes.Integer),
        new("research", FieldDefinitionTypes.Integer),
        new("innovation", FieldDefinitionTypes.Integer),
        new("publication", FieldDefinitionTypes.Integer),
        new("grantHolding", FieldDefinitionTypes.Integer),
        new("comments", FieldDefinitionTypes.FullText),
        new("specialismText", FieldDefinitionTypes.FullText),
    ];
}
