namespace Mahse.Cms.Users;

/// <summary>One API user declared in configuration (<c>Mahse:ApiUsers</c>), signing in with client credentials.</summary>
public sealed class ApiUserOptions
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string UserGroup { get; set; } = UserGroups.Editors;
}

public sealed class BackOfficeSecurityOptions
{
    /// <summary>Failed sign-ins before a user is locked out (Umbraco's UserPassword:MaxFailedAccessAttemptsBeforeLockout).</summary>
    public int MaxFailedAccessAttemptsBeforeLockout { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Umbraco's UserPassword:RequiredLength.</summary>
    public int RequiredLength { get; set; } = 10;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
