using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;

namespace Mahse.Web.ApiUsers;

/// <summary>
/// Ensures the configured API users while Umbraco starts. <see cref="UmbracoApplicationStartingNotification"/> comes
/// after the unattended install and migrations (so the user tables exist on a first boot too) and before the site
/// serves, so a client can get a token from the very first request. A bad entry is logged and skipped: one wrong
/// setting must not keep the site, or the other API users, from starting. Entries removed from the configuration lose
/// their client credentials.
/// </summary>
public sealed class EnsureApiUsersOnStarting(
    ApiUserProvisioner provisioner,
    IRuntimeState runtime,
    IOptions<ApiUsersOptions> options,
    ILogger<EnsureApiUsersOnStarting> logger) : INotificationAsyncHandler<UmbracoApplicationStartingNotification>
{
    public async Task HandleAsync(UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        if (runtime.Level != RuntimeLevel.Run)
        {
            return;
        }

        foreach (var settings in options.Value.Users)
        {
            Attempt<ApiUserOperationStatus> attempt;
            try
            {
                attempt = await provisioner.EnsureAsync(settings, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "API user {ClientId} could not be set up", settings.ClientId);
                continue;
            }

            Log(settings, attempt.Result);
        }

        try
        {
            foreach (var clientId in await provisioner.RevokeUnconfiguredAsync(options.Value.Users))
            {
                logger.LogWarning("API user {ClientId} is no longer configured: its client credentials were removed", clientId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Client credentials of API users no longer configured could not be removed");
        }
    }

    private void Log(ApiUserSettings settings, ApiUserOperationStatus status)
    {
        switch (status)
        {
            case ApiUserOperationStatus.Created or ApiUserOperationStatus.Updated:
                logger.LogInformation("API user {ClientId} {Status} in user group {UserGroup}", settings.ClientId, status, settings.UserGroup);
                break;
            case ApiUserOperationStatus.Unchanged:
                break;
            case ApiUserOperationStatus.InvalidClientId:
                logger.LogError("API user {ClientId} is not set up: a client id must start with {Prefix} and may hold only letters, digits and - . _ ~ (at most 100 characters)",
                    settings.ClientId, ApiUserSettings.ClientIdPrefix);
                break;
            case ApiUserOperationStatus.MissingClientSecret:
                logger.LogError("API user {ClientId} is not set up: it has no ClientSecret", settings.ClientId);
                break;
            case ApiUserOperationStatus.UnknownUserGroup:
                logger.LogError("API user {ClientId} is not set up: there is no user group with the alias {UserGroup}", settings.ClientId, settings.UserGroup);
                break;
            case ApiUserOperationStatus.EmailTakenByAnotherUser:
                logger.LogError("API user {ClientId} is not set up: a user who is not an API user already has the email {Email}", settings.ClientId, settings.Email);
                break;
            default:
                logger.LogError("API user {ClientId} is not set up: {Status}", settings.ClientId, status);
                break;
        }
    }
}
