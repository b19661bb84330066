namespace Mahse.Forms.Management;

/// <summary>Names shared by the forms module's Management API controllers, its OpenAPI document and the Forms section.</summary>
public static class FormsManagementApi
{
    /// <summary>The OpenAPI document (<c>/umbraco/openapi/mahse-forms.json</c> where Umbraco serves OpenAPI documents).</summary>
    public const string DocumentName = "mahse-forms";

    public const string DocumentTitle = "MAHSE Forms management API";

    public const string DocumentDescription =
        "Forms, folders and entries of the MAHSE Forms module (compatible with Umbraco Forms' files and APIs; it is not " +
        "Umbraco Forms), for the backoffice Forms section. Users whose groups have that section; entries also need an " +
        "entry reader group (Mahse:Forms:EntryReaderGroups).";

    /// <summary>Under <c>/umbraco/management/api/v1/</c>.</summary>
    public const string Route = "mahse-forms";

    public const string GroupName = "Forms";

    /// <summary>The absolute path of the API's base, for Location headers and file links.</summary>
    public const string BasePath = "/umbraco/management/api/v1/" + Route;
}

/// <summary>The backoffice section of the forms module (not Umbraco Forms' <c>Umb.Section.Forms</c>, stored as <c>forms</c>).</summary>
public static class FormsSection
{
    /// <summary>Stored as written in umbracoUserGroup2App (50 characters at most).</summary>
    public const string Alias = "Mahse.Section.Forms";
}
