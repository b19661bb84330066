namespace Mahse.Sync.Api;

/// <summary>Names shared by the sync module's Management API controllers, its OpenAPI document and the dashboard.</summary>
public static class SyncApi
{
    /// <summary>The OpenAPI document (<c>/umbraco/openapi/mahse-sync.json</c> where Umbraco serves OpenAPI documents).</summary>
    public const string DocumentName = "mahse-sync";

    public const string DocumentTitle = "MAHSE sync API";

    public const string DocumentDescription =
        "Import, report (dry run) and export of uSync v17 files by MAHSE's own sync module, which is written to be compatible " +
        "with uSync's files; it is not uSync. Administrators only.";

    /// <summary>Under <c>/umbraco/management/api/v1/</c>, named after the files it reads and writes.</summary>
    public const string Route = "usync";

    public const string GroupName = "Sync";
}
