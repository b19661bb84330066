using System.Net;
using Mahse.Cms.Email;
using Mahse.Cms.Persistence;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Members;

/// <summary>
/// The emails of member accounts. A message that cannot be sent is logged, not thrown: the visitor's answer must
/// not depend on the mail server (nor reveal anything), and they can ask for the link again.
/// </summary>
public sealed class MemberEmails(IEmailSender sender, ILogger<MemberEmails> logger)
{
    public const string ConfirmPath = "/members/confirm";
    public const string ResetPath = "/members/reset-password";

    public Task ConfirmEmailAsync(MemberRow member, string token, Uri site, CancellationToken ct) => SendAsync(member, "Confirm your MAHSE R&I account",
        $"Hello {member.Name},\n\nPlease confirm your email address to finish registering for the MAHSE Research & Innovation portal:\n\n{Link(site, ConfirmPath, member, token)}\n\nIf you did not register, ignore this message.", ct);

    public Task AlreadyRegisteredAsync(MemberRow member, Uri site, CancellationToken ct) => SendAsync(member, "You already have a MAHSE R&I account",
        $"Hello {member.Name},\n\nSomeone (perhaps you) tried to register with this email address, which already has an account.\nIf you forgot your password, reset it at {new Uri(site, ResetPath)}.\n\nIf it was not you, you can ignore this message.", ct);

    public Task ResetPasswordAsync(MemberRow member, string token, Uri site, CancellationToken ct) => SendAsync(member, "Reset your MAHSE R&I password",
        $"Hello {member.Name},\n\nUse this link once to choose a new password:\n\n{Link(site, ResetPath, member, token)}\n\nIf you did not ask for this, ignore this message; your password stays as it is.", ct);

    private static string Link(Uri site, string path, MemberRow member, string token) =>
        new Uri(site, $"{path}?member={member.Key:D}&token={WebUtility.UrlEncode(token)}").ToString();

    private async Task SendAsync(MemberRow member, string subject, string text, CancellationToken ct)
    {
        try
        {
            await sender.SendAsync(new EmailMessage(member.Email, subject, text), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not send \"{Subject}\" to member {Member}", subject, member.Key);
        }
    }
}
