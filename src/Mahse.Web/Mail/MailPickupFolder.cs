using System.Net.Mail;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Web.Mail;

/// <summary>
/// Creates the pickup folder when mail is written to one (<c>SpecifiedPickupDirectory</c>, this site's default):
/// Umbraco's email sender writes the .eml file into the folder but does not create it, so on a new site every
/// email (a draft's resume link, a workflow's message) failed with "Could not find a part of the path".
/// A relative location is made absolute against the content root first: the sender resolves it against the working
/// directory, which under <c>dotnet run --project src/Mahse.Web</c> is the project folder, not the repository root.
/// </summary>
public sealed class MailPickupFolder(IOptions<GlobalSettings> global, ILogger<MailPickupFolder> logger)
    : INotificationHandler<UmbracoApplicationStartingNotification>
{
    private const string LocationKey = "Umbraco:CMS:Global:Smtp:PickupDirectoryLocation";

    public static void ResolveAgainstContentRoot(ConfigurationManager configuration, string contentRoot)
    {
        if (configuration[LocationKey] is { Length: > 0 } location && !Path.IsPathRooted(location))
        {
            configuration[LocationKey] = Path.GetFullPath(Path.Combine(contentRoot, location));
        }
    }

    public void Handle(UmbracoApplicationStartingNotification notification)
    {
        var smtp = global.Value.Smtp;
        if (smtp is not { DeliveryMethod: SmtpDeliveryMethod.SpecifiedPickupDirectory } || string.IsNullOrWhiteSpace(smtp.PickupDirectoryLocation))
        {
            return;
        }

        var folder = Path.GetFullPath(smtp.PickupDirectoryLocation);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "The mail pickup folder {Folder} could not be created; emails will fail until it exists", folder);
        }
    }
}
