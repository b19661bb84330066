using Mahse.Tests.Infrastructure;

namespace Mahse.Tests.Forms.Backoffice;

/// <summary>
/// The site for the entry review journey: no uSync content (the journey needs none), the Forms delivery API on with
/// a key for the applicant's post, and Umbraco's SMTP pointed at a real SMTP server on loopback, so the approval
/// email is read where a mail server would receive it.
/// </summary>
public sealed class EntryReviewSite : UmbracoSite
{
    public const string FormsApiKey = "forms-api-key-for-the-review-journey";

    public SmtpInbox Inbox { get; } = new();

    protected override string? UsyncSource => null;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Inbox.SiteSettings)
    {
        ["uSync:Settings:ImportOnFirstBoot"] = "false",
        ["Umbraco:Forms:Options:EnableFormsApi"] = "true",
        ["Umbraco:Forms:Security:FormsApiKey"] = FormsApiKey,

        // The approval nudges the workflow worker; a long poll shows the email was sent on that nudge.
        ["Mahse:Forms:Workflows:PollInterval"] = "00:10:00",
        ["Mahse:Forms:Workflows:StartDelay"] = "00:00:01",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Inbox.DisposeAsync();
    }
}
