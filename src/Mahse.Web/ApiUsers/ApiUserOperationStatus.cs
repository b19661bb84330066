namespace Mahse.Web.ApiUsers;

/// <summary>What ensuring one configured API user came to.</summary>
public enum ApiUserOperationStatus
{
    /// <summary>The user was created and given its client credentials.</summary>
    Created,

    /// <summary>The user existed; its group, approval or secret was brought in line with the configuration.</summary>
    Updated,

    /// <summary>The user existed exactly as configured.</summary>
    Unchanged,

    InvalidClientId,
    MissingClientSecret,
    UnknownUserGroup,

    /// <summary>A user who is not an API user already has the email this API user would get.</summary>
    EmailTakenByAnotherUser,

    /// <summary>Umbraco refused to create the user or to register its client id.</summary>
    UmbracoRefused,
}
