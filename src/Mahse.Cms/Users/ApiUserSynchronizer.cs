using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mahse.Cms.Users;

/// <summary>
/// Makes OpenIddict's client registrations match <c>Mahse:ApiUsers</c> at start-up: one confidential client per
/// API user (secret hashed by OpenIddict), plus Umbraco's public <c>umbraco-back-office</c> client for user sign-in.
/// </summary>
public sealed class ApiUserSynchronizer(IServiceScopeFactory scopes, IOptions<List<ApiUserOptions>> apiUsers, ILogger<ApiUserSynchronizer> logger)
{
    public const string ApiUserPrefix = "umbraco-back-office-";
    public const string BackOfficeClientId = "umbraco-back-office";

    public async Task SynchronizeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();

        if (await manager.FindByClientIdAsync(BackOfficeClientId, ct) is null)
        {
            await manager.CreateAsync(new OpenIddictApplicationDescriptor
            {
                ClientId = BackOfficeClientId,
                ClientType = ClientTypes.Public,
                DisplayName = "Umbraco back-office",
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.Password, Permissions.GrantTypes.RefreshToken },
            }, ct);
        }

        var configured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in apiUsers.Value)
        {
            if (!user.ClientId.StartsWith(ApiUserPrefix, StringComparison.Ordinal) || user.ClientId.Length == ApiUserPrefix.Length)
            {
                logger.LogError("API user client id '{ClientId}' is ignored: it must start with '{Prefix}'", user.ClientId, ApiUserPrefix);
                continue;
            }

            if (!UserGroups.IsKnown(user.UserGroup) || user.ClientSecret.Length < 16)
            {
                logger.LogError("API user '{ClientId}' is ignored: it needs a known user group and a secret of at least 16 characters", user.ClientId);
                continue;
            }

            configured.Add(user.ClientId);
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = user.ClientId,
                ClientSecret = user.ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = user.ClientId,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            };
            var existing = await manager.FindByClientIdAsync(user.ClientId, ct);
            if (existing is null)
            {
                await manager.CreateAsync(descriptor, ct);
            }
            else
            {
                await manager.UpdateAsync(existing, descriptor, ct);
            }
        }

        await foreach (var application in manager.ListAsync(cancellationToken: ct))
        {
            var clientId = await manager.GetClientIdAsync(application, ct);
            if (clientId is not null && clientId.StartsWith(ApiUserPrefix, StringComparison.Ordinal) && !configured.Contains(clientId))
            {
                await manager.DeleteAsync(application, ct);
                logger.LogInformation("Removed API user {ClientId}, no longer in configuration", clientId);
            }
        }
    }
}
