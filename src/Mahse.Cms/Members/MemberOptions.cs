namespace Mahse.Cms.Members;

/// <summary>The portal's member settings (<c>Mahse:Members</c>); password and lock-out rules use Umbraco's keys.</summary>
public sealed class MemberOptions
{
    /// <summary>The member type new registrations get.</summary>
    public string MemberTypeAlias { get; set; } = "Member";

    /// <summary>The group a member joins once the email address is confirmed.</summary>
    public string RegistrationGroup { get; set; } = "Registered members";

    /// <summary>How long confirmation and password reset links work.</summary>
    public TimeSpan TokenLifespan { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The site's public address for links in emails (Umbraco's <c>WebRouting:UmbracoApplicationUrl</c>).</summary>
    public string? ApplicationUrl { get; set; }
}
