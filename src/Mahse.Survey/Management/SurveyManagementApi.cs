namespace Mahse.Survey.Management;

/// <summary>Names shared by the survey's Management API controllers and its OpenAPI document.</summary>
public static class SurveyManagementApi
{
    /// <summary>The OpenAPI document (<c>/umbraco/openapi/mahse-survey.json</c> where Umbraco serves OpenAPI documents).</summary>
    public const string DocumentName = "mahse-survey";

    public const string DocumentTitle = "MAHSE R&I survey management API";

    public const string DocumentDescription =
        "The R&I survey for programme leads: import (Administrators), and for users in a group of Mahse:Survey:ViewerGroups " +
        "every response with contact details, search, export, centres of excellence and champions.";

    /// <summary>Under <c>/umbraco/management/api/v1/</c>.</summary>
    public const string Route = "survey";

    public const string GroupName = "Survey";
}
