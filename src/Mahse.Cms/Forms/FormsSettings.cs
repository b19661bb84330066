namespace Mahse.Cms.Forms;

/// <summary>Umbraco Forms' <c>Umbraco:Forms</c> settings that the API and submissions use.</summary>
public sealed class FormsSettings
{
    public OptionsSettings Options { get; set; } = new();

    public SecuritySettings Security { get; set; } = new();

    public sealed class OptionsSettings
    {
        /// <summary>Off by default, as in Umbraco Forms: both endpoints then answer 403.</summary>
        public bool EnableFormsApi { get; set; }
    }

    public sealed class SecuritySettings
    {
        public string? FormsApiKey { get; set; }

        public bool EnableAntiForgeryTokenForFormsApi { get; set; } = true;

        /// <summary>Always refused, whatever a field allows.</summary>
        public string DisallowedFileUploadExtensions { get; set; } = "config,exe,dll,asp,aspx";
    }
}
