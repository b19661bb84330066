namespace Mahse.Web.Portal;

/// <summary>A stakeholder resource's type (guide, tool, course, …): <c>filter=resourceType:tool</c>.</summary>
public sealed class ResourceTypeIndexer() : DropdownIndexer(FieldName, "resourceType")
{
    public const string FieldName = "resourceType";
}

public sealed class ResourceTypeFilter() : FieldFilter("resourceType:", ResourceTypeIndexer.FieldName);
