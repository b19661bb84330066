namespace Mahse.Forms.Configuration;

/// <summary>
/// Umbraco Forms' <c>Umbraco:Forms</c> settings that the delivery API reads, under the same keys and with the same
/// defaults as Umbraco Forms, so a site configured for Umbraco Forms behaves the same here.
/// </summary>
public sealed class FormsSettings
{
    public const string Section = "Umbraco:Forms";

    public OptionsSettings Options { get; set; } = new();

    public SecuritySettings Security { get; set; } = new();

    public sealed class OptionsSettings
    {
        /// <summary>Off by default, as in Umbraco Forms: every endpoint then answers 403.</summary>
        public bool EnableFormsApi { get; set; }
    }

    public sealed class SecuritySettings
    {
        /// <summary>When set, every request needs it in the <c>Api-Key</c> header.</summary>
        public string? FormsApiKey { get; set; }

        /// <summary>Browser posts carry the antiforgery token; on by default, as in Umbraco Forms.</summary>
        public bool EnableAntiForgeryTokenForFormsApi { get; set; } = true;
    }
}

/// <summary><c>Mahse:Forms:RateLimit</c>: public submissions per client address (Umbraco Forms has no limit).</summary>
public sealed class FormsRateLimitOptions
{
    public const string Section = "Mahse:Forms:RateLimit";

    public int PermitsPerMinute { get; set; } = 60;
}

/// <summary><c>Mahse:Forms:Drafts</c>: save and resume.</summary>
public sealed class FormDraftOptions
{
    public const string Section = "Mahse:Forms:Drafts";

    /// <summary>How long a saved draft can be resumed.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The page a resume link opens; {form} and {token} are filled in. Relative links get the site's application URL in front.</summary>
    public string ResumeUrl { get; set; } = "/apply?form={form}&resume={token}";
}
