namespace Mahse.Cms.Email;

/// <summary>Umbraco's <c>Umbraco:CMS:Global:Smtp</c> settings.</summary>
public sealed class SmtpSettings
{
    public string From { get; set; } = "noreply@localhost";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>MailKit's SecureSocketOptions by name: None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
    public string SecureSocketOptions { get; set; } = "Auto";

    /// <summary>Umbraco's <c>Network</c> (send to Host) or <c>SpecifiedPickupDirectory</c> (write .eml files, for development).</summary>
    public string DeliveryMethod { get; set; } = "Network";

    public string? PickupDirectoryLocation { get; set; }
}
