namespace Mahse.Web.Portal;

/// <summary>The healthcare science divisions a resource is for: <c>filter=discipline:Life sciences</c>.</summary>
public sealed class DisciplineIndexer() : DropdownIndexer(FieldName, "disciplines")
{
    public const string FieldName = "discipline";
}

public sealed class DisciplineFilter() : FieldFilter("discipline:", DisciplineIndexer.FieldName);
