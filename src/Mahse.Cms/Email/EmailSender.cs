using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mahse.Cms.Email;

/// <param name="IdempotencyKey">
/// The same for every attempt at the same message (a retried workflow, say): it becomes the Message-ID, and a
/// pickup-directory file of that name is replaced rather than written again. Letters, digits, '.' and '-'.
/// </param>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null, string? IdempotencyKey = null);

public interface IEmailSender
{
    /// <summary>Sends one message; throws when the server refuses it or cannot be reached.</summary>
    Task SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>
/// Sends through the SMTP server of <c>Umbraco:CMS:Global:Smtp</c> with MailKit, or, with Umbraco's
/// <c>SpecifiedPickupDirectory</c> delivery (the out-of-the-box development setting), writes .eml files to a folder
/// under the content root.
/// </summary>
public sealed class SmtpEmailSender(IOptions<SmtpSettings> settings, Microsoft.Extensions.Hosting.IHostEnvironment environment, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        var smtp = settings.Value;
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(smtp.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        var key = message.IdempotencyKey is { Length: > 0 } given && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') ? given : null;
        if (key is not null)
        {
            mime.MessageId = $"{key}@{mime.From.Mailboxes.First().Domain}";
        }

        if (string.Equals(smtp.DeliveryMethod, "SpecifiedPickupDirectory", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(smtp.PickupDirectoryLocation))
        {
            var folder = Path.Combine(environment.ContentRootPath, smtp.PickupDirectoryLocation);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, key is null ? $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml" : $"{key}.eml");
            // Written aside and renamed, so a stop mid-write never leaves half a message in the folder; a repeat of
            // the same message replaces its file.
            var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
            await mime.WriteToAsync(temporary, ct);
            File.Move(temporary, file, overwrite: true);
            logger.LogInformation("Wrote \"{Subject}\" to {File}", message.Subject, file);
            return;
        }

        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException("No SMTP server is configured (Umbraco:CMS:Global:Smtp:Host).");
        }

        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(smtp.SecureSocketOptions, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.Auto;
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
        }

        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(true, ct);
        logger.LogInformation("Sent \"{Subject}\" to {Recipient}", message.Subject, message.To);
    }
}
