namespace Mahse.Cms.Members.Auth;

/// <summary>Umbraco's <c>Umbraco:CMS:DeliveryApi:MemberAuthorization</c> settings.</summary>
public sealed class MemberAuthorizationSettings
{
    public AuthorizationCodeFlowSettings AuthorizationCodeFlow { get; set; } = new();

    public ClientCredentialsFlowSettings ClientCredentialsFlow { get; set; } = new();

    public sealed class AuthorizationCodeFlowSettings
    {
        public bool Enabled { get; set; }

        public Uri[] LoginRedirectUrls { get; set; } = [];

        public Uri[] LogoutRedirectUrls { get; set; } = [];
    }

    public sealed class ClientCredentialsFlowSettings
    {
        public bool Enabled { get; set; }

        public AssociatedMember[] AssociatedMembers { get; set; } = [];
    }

    /// <summary>A server-to-server client acting as one member: client id <c>umbraco-member-{ClientId}</c>.</summary>
    public sealed class AssociatedMember
    {
        public string ClientId { get; set; } = "";

        public string ClientSecret { get; set; } = "";

        /// <summary>The member's login (email).</summary>
        public string UserName { get; set; } = "";
    }
}

/// <summary>Umbraco's member security paths (v1 on purpose: they predate the v2 content API).</summary>
public static class MemberAuthPaths
{
    public const string Base = "/umbraco/delivery/api/v1/security/member";
    public const string Authorize = Base + "/authorize";
    public const string Token = Base + "/token";
    public const string SignOut = Base + "/signout";
    public const string Revoke = Base + "/revoke";
    public const string UserInfo = Base + "/userinfo";
    public const string ClientId = Umbraco.Cms.Core.Constants.OAuthClientIds.Member;
    public const string ClientCredentialsPrefix = ClientId + "-";
    public const string CookieScheme = "Mahse.Member";
    public const string LoginPage = "/members/login";
}
