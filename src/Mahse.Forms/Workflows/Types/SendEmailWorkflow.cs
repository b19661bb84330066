using System.Net;
using System.Net.Mail;
using Mahse.Forms.Model;
using Umbraco.Cms.Core.Mail;
using Umbraco.Cms.Core.Models.Email;

namespace Mahse.Forms.Workflows.Types;

/// <summary>
/// Umbraco Forms' "Send email": <c>Email</c>, <c>CcEmail</c>, <c>BccEmail</c>, <c>SenderEmail</c>, <c>ReplyToEmail</c>,
/// <c>Subject</c>, <c>Message</c> (magic strings in all of them; without a message, the entry's fields), sent as one
/// message through Umbraco's <see cref="IEmailSender"/> (<c>Umbraco:CMS:Global:Smtp</c>; sender defaults to its <c>From</c>).
/// </summary>
public class SendEmailWorkflow(IEmailSender sender, IServiceProvider services) : IFormWorkflowType
{
    public const string EmailType = "MahseForms.Workflow";

    public virtual Guid Id => FormWorkflowTypes.SendEmail;

    public virtual string Alias => "sendEmail";

    protected virtual bool Html => false;

    public async Task RunAsync(WorkflowContext context, CancellationToken ct)
    {
        var brackets = WorkflowRunner.Brackets(context, services);
        var to = Addresses(context, "Email", brackets);
        if (to.Length == 0)
        {
            throw new WorkflowPermanentException("The workflow names no recipient (Email), or its magic strings resolved to none.");
        }

        if (!sender.CanSendRequiredEmail())
        {
            // Umbraco's sender drops mail silently when nothing is configured; a workflow must not count that as sent.
            throw new InvalidOperationException("No SMTP server or pickup directory is configured (Umbraco:CMS:Global:Smtp), so the email was not sent.");
        }

        var from = Addresses(context, "SenderEmail", brackets).FirstOrDefault();
        var subject = OneLine(WorkflowTemplates.Apply(context.Setting("Subject") is { Length: > 0 } s ? s : $"The form '{context.Form.Name}' was submitted", context, brackets));
        var message = new EmailMessage(from, to, Addresses(context, "CcEmail", brackets), Addresses(context, "BccEmail", brackets),
            Addresses(context, "ReplyToEmail", brackets), subject, Body(context, brackets), Html, attachments: null);
        ct.ThrowIfCancellationRequested();
        await sender.SendAsync(message, EmailType, enableNotification: true);
    }

    protected virtual string Body(WorkflowContext context, Delivery.FormMagicStrings brackets) =>
        context.Setting("Message") is { Length: > 0 } body ? WorkflowTemplates.Apply(body, context, brackets) : WorkflowTemplates.Summary(context);

    private static string[] Addresses(WorkflowContext context, string setting, Delivery.FormMagicStrings brackets)
    {
        var addresses = WorkflowTemplates.Addresses(context.Setting(setting), context, brackets);
        foreach (var address in addresses)
        {
            if (!MailAddress.TryCreate(address, out _))
            {
                throw new WorkflowPermanentException($"The {setting} address \"{address}\" is not a valid email address.");
            }
        }

        return addresses.ToArray();
    }

    // A submitted value must not start a new header line.
    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

/// <summary>
/// Umbraco Forms' "Send email with template": the same settings, sent as HTML. This site renders no Razor view
/// (<c>RazorViewFilePath</c> is not used): <c>HeaderHtml</c>, then the <c>Message</c> (values HTML-encoded, line breaks
/// kept) or a table of the entry's fields, then <c>FooterHtml</c>.
/// </summary>
public sealed class SendEmailWithTemplateWorkflow(IEmailSender sender, IServiceProvider services) : SendEmailWorkflow(sender, services)
{
    public override Guid Id => FormWorkflowTypes.SendEmailWithRazorTemplate;

    public override string Alias => "sendEmailWithRazorTemplate";

    protected override bool Html => true;

    protected override string Body(WorkflowContext context, Delivery.FormMagicStrings brackets)
    {
        var message = context.Setting("Message") is { Length: > 0 } body
            ? "<p>" + WorkflowTemplates.Apply(WebUtility.HtmlEncode(body), context, brackets, html: true).Replace("\n", "<br>") + "</p>"
            : WorkflowTemplates.SummaryHtml(context);
        return WorkflowTemplates.Apply(context.Setting("HeaderHtml"), context, brackets, html: true) + message
               + WorkflowTemplates.Apply(context.Setting("FooterHtml"), context, brackets, html: true);
    }
}
