using System.Text.RegularExpressions;
using OpenIddict.Abstractions;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Infrastructure.Security;
using Umbraco.Extensions;

namespace Mahse.Web.ApiUsers;

/// <summary>
/// Makes one configured API user exist as Umbraco has it: a user of kind <see cref="UserKind.Api"/> in the configured
/// group, holding the configured client id and secret. Safe to run on every start: an unchanged user is left alone, a
/// changed secret replaces the stored one, a changed group replaces the user's groups.
/// </summary>
public sealed partial class ApiUserProvisioner(
    IUserService users,
    IUserGroupService groups,
    IServiceScopeFactory scopes,
    ILogger<ApiUserProvisioner> logger)
{
    public async Task<Attempt<ApiUserOperationStatus>> EnsureAsync(ApiUserSettings settings, CancellationToken ct)
    {
        if (Validate(settings) is { } invalid)
        {
            return Attempt.Fail(invalid);
        }

        var group = await groups.GetAsync(settings.UserGroup);
        if (group is null)
        {
            return Attempt.Fail(ApiUserOperationStatus.UnknownUserGroup);
        }

        // The credentials manager and OpenIddict's managers are scoped services; a start-up step has no request scope.
        using var scope = scopes.CreateScope();
        var existing = await users.FindByClientIdAsync(settings.ClientId);
        if (existing is not null)
        {
            var updated = EnsureGroup(existing, group);
            updated |= await EnsureSecretAsync(scope.ServiceProvider, settings, ct);
            return Attempt.Succeed(updated ? ApiUserOperationStatus.Updated : ApiUserOperationStatus.Unchanged);
        }

        // No user holds the client id: either a new user, or ours lost its credentials (removed in the backoffice).
        var user = users.GetByEmail(settings.Email);
        var status = ApiUserOperationStatus.Updated;
        if (user is null)
        {
            user = await CreateAsync(settings, group);
            if (user is null)
            {
                return Attempt.Fail(ApiUserOperationStatus.UmbracoRefused);
            }

            status = ApiUserOperationStatus.Created;
        }
        else if (user.Kind != UserKind.Api)
        {
            return Attempt.Fail(ApiUserOperationStatus.EmailTakenByAnotherUser);
        }
        else
        {
            EnsureGroup(user, group);
        }

        var credentials = scope.ServiceProvider.GetRequiredService<IBackOfficeUserClientCredentialsManager>();
        var saved = await credentials.SaveAsync(user.Key, settings.ClientId, settings.ClientSecret);
        if (!saved.Success)
        {
            logger.LogError("Umbraco refused client id {ClientId} for API user {UserKey}: {Status}", settings.ClientId, user.Key, saved.Result);
            return Attempt.Fail(ApiUserOperationStatus.UmbracoRefused);
        }

        return Attempt.Succeed(status);
    }

    /// <summary>
    /// Takes the client credentials away from API users this configuration made whose client ids it no longer lists,
    /// so removing (or renaming) an entry revokes its access. The users themselves stay, for the audit trail; API users
    /// people made in the backoffice are not touched. Answers the client ids revoked.
    /// </summary>
    public async Task<IReadOnlyList<string>> RevokeUnconfiguredAsync(IReadOnlyCollection<ApiUserSettings> configured)
    {
        var keep = configured.Select(c => c.ClientId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var managed = users.GetAll(0, int.MaxValue, out _, "Email", Direction.Ascending, filter: "@" + ApiUserSettings.EmailDomain)
            .Where(u => u.Kind == UserKind.Api && u.Email.EndsWith("@" + ApiUserSettings.EmailDomain, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (managed.Count == 0)
        {
            return [];
        }

        using var scope = scopes.CreateScope();
        var credentials = scope.ServiceProvider.GetRequiredService<IBackOfficeUserClientCredentialsManager>();
        var revoked = new List<string>();
        foreach (var user in managed)
        {
            foreach (var clientId in (await users.GetClientIdsAsync(user.Key)).Where(id => !keep.Contains(id)).ToList())
            {
                await credentials.DeleteAsync(user.Key, clientId);
                revoked.Add(clientId);
            }
        }

        return revoked;
    }

    /// <summary>Why the settings cannot describe an API user, before anything is looked up; null when they can.</summary>
    public static ApiUserOperationStatus? Validate(ApiUserSettings settings)
    {
        if (!settings.ClientId.StartsWith(ApiUserSettings.ClientIdPrefix, StringComparison.Ordinal)
            || settings.ClientId.Length == ApiUserSettings.ClientIdPrefix.Length
            || !UmbracoClientId().IsMatch(settings.ClientId))
        {
            return ApiUserOperationStatus.InvalidClientId;
        }

        return string.IsNullOrWhiteSpace(settings.ClientSecret) ? ApiUserOperationStatus.MissingClientSecret : null;
    }

    private async Task<IUser?> CreateAsync(ApiUserSettings settings, IUserGroup group)
    {
        var model = new UserCreateModel
        {
            Kind = UserKind.Api,
            Name = settings.DisplayName,
            Email = settings.Email,
            UserName = settings.Email,
            UserGroupKeys = new HashSet<Guid> { group.Key },
        };

        // Umbraco's super-user (the unattended administrator) performs the creation, as a person would in the backoffice.
        var created = await users.CreateAsync(Constants.Security.SuperUserKey, model, approveUser: true);
        if (!created.Success || created.Result.CreatedUser is null)
        {
            logger.LogError("Umbraco refused to create API user {ClientId}: {Status} {Error}", settings.ClientId, created.Status, created.Result.Error?.ErrorMessage);
            return null;
        }

        return created.Result.CreatedUser;
    }

    /// <summary>Puts the user in exactly the configured group; true when that changed anything.</summary>
    private bool EnsureGroup(IUser user, IUserGroup group)
    {
        if (user.Groups.Select(g => g.Alias).SequenceEqual([group.Alias]))
        {
            return false;
        }

        user.ClearGroups();
        user.AddGroup(group.ToReadOnlyGroup());
        users.Save(user);
        return true;
    }

    /// <summary>
    /// Replaces the stored secret when the configured one no longer matches it. Secrets are stored hashed, so the only
    /// way to compare is to validate the configured one against the stored hash.
    /// </summary>
    private static async Task<bool> EnsureSecretAsync(IServiceProvider services, ApiUserSettings settings, CancellationToken ct)
    {
        var openIddict = services.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await openIddict.FindByClientIdAsync(settings.ClientId, ct);
        if (application is not null && await openIddict.ValidateClientSecretAsync(application, settings.ClientSecret, ct))
        {
            return false;
        }

        await services.GetRequiredService<IBackOfficeApplicationManager>().EnsureBackOfficeClientCredentialsApplicationAsync(settings.ClientId, settings.ClientSecret, ct);
        return true;
    }

    // Umbraco's own rule for client ids (UserService.AddClientIdAsync).
    [GeneratedRegex(@"^[\w\-\._~]{1,100}$")]
    private static partial Regex UmbracoClientId();
}
