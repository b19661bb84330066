namespace Mahse.Cms.Users;

/// <summary>The backoffice user groups and what each may do.</summary>
public static class UserGroups
{
    public const string Administrators = "Administrators";
    public const string Editors = "Editors";
    public const string Writers = "Writers";
    public const string Reviewers = "Reviewers";

    public static readonly IReadOnlyList<string> All = [Administrators, Editors, Writers, Reviewers];

    public static bool IsKnown(string group) => All.Contains(group, StringComparer.Ordinal);
}

/// <summary>Authorization policy names used by the Management API.</summary>
public static class BackOfficePolicies
{
    /// <summary>Any signed-in backoffice user or API user: read content and schema.</summary>
    public const string BackOfficeAccess = "BackOfficeAccess";

    /// <summary>Create and save content and media (Writers and up).</summary>
    public const string SaveContent = "SaveContent";

    /// <summary>Publish, unpublish, delete, move (Editors and up).</summary>
    public const string PublishContent = "PublishContent";

    /// <summary>Change the schema, run imports (Administrators).</summary>
    public const string ManageSettings = "ManageSettings";

    /// <summary>See survey responses with respondents' personal details (Administrators, Reviewers).</summary>
    public const string ViewSurveyData = "ViewSurveyData";

    /// <summary>Read, approve, reject and export form entries (Administrators, Editors, Reviewers).</summary>
    public const string ReviewEntries = "ReviewEntries";

    /// <summary>Read and change members' personal data (Administrators, who have Umbraco's Members section by default).</summary>
    public const string ManageMembers = "ManageMembers";
}
