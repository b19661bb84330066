namespace Mahse.Web.ApiUsers;

/// <summary>
/// One API user as configured under <c>Mahse:ApiUsers:{i}</c>: a backoffice user of Umbraco's kind <c>Api</c>,
/// in one user group, signing in to the Management API with the client credentials grant.
/// </summary>
public sealed class ApiUserSettings
{
    /// <summary>Umbraco's rule: client ids of backoffice API users start with this.</summary>
    public const string ClientIdPrefix = "umbraco-back-office-";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The alias of an Umbraco user group: <c>admin</c>, <c>editor</c>, <c>writer</c>, …</summary>
    public string UserGroup { get; set; } = "";

    /// <summary>The name shown in the backoffice's Users section; defaults to one made from the client id.</summary>
    public string? Name { get; set; }

    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? "API user " + ClientId[Math.Min(ClientIdPrefix.Length, ClientId.Length)..] : Name;

    /// <summary>
    /// Umbraco wants an email for every user (and the user name to be that email). An API user has no mailbox, so it
    /// gets an address under the reserved <c>.invalid</c> top-level domain (RFC 2606), which can never receive mail.
    /// </summary>
    public string Email => ClientId.ToLowerInvariant() + "@" + EmailDomain;

    /// <summary>Marks the users this configuration manages, apart from API users people create in the backoffice.</summary>
    public const string EmailDomain = "api-users.invalid";
}

/// <summary>Every configured API user, bound from the <c>Mahse:ApiUsers</c> array.</summary>
public sealed class ApiUsersOptions
{
    public const string Section = "Mahse:ApiUsers";

    public List<ApiUserSettings> Users { get; } = [];
}
