using Mahse.Cms.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mahse.Cms.Members.Auth;

/// <summary>
/// Registers OpenIddict's clients for members as Umbraco does: the public <c>umbraco-member</c> client (code flow
/// with PKCE, refresh tokens) with the configured login and logout redirect URLs, removed when the flow is off or
/// a URL is not absolute; and one confidential <c>umbraco-member-{ClientId}</c> client per associated member.
/// </summary>
public sealed class MemberApplicationInitializer(
    IServiceScopeFactory scopes, IOptions<MemberAuthorizationSettings> settings, ILogger<MemberApplicationInitializer> logger) : IStartupTask
{
    public async Task RunAsync(bool firstBoot, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var codeFlow = settings.Value.AuthorizationCodeFlow;
        var urls = codeFlow.LoginRedirectUrls.Concat(codeFlow.LogoutRedirectUrls).ToList();
        if (codeFlow.Enabled && codeFlow.LoginRedirectUrls.Length > 0 && urls.All(u => u.IsAbsoluteUri))
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = MemberAuthPaths.ClientId,
                ClientType = ClientTypes.Public,
                DisplayName = "Umbraco member access",
                Permissions =
                {
                    Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
                    Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                    Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            descriptor.RedirectUris.UnionWith(codeFlow.LoginRedirectUrls);
            descriptor.PostLogoutRedirectUris.UnionWith(codeFlow.LogoutRedirectUrls);
            await UpsertAsync(manager, descriptor, ct);
        }
        else
        {
            if (codeFlow.Enabled)
            {
                logger.LogError("Member authorization is off: LoginRedirectUrls must hold at least one absolute URL and every redirect URL must be absolute");
            }

            await DeleteAsync(manager, id => id == MemberAuthPaths.ClientId, ct);
        }

        var associated = settings.Value.ClientCredentialsFlow.Enabled ? settings.Value.ClientCredentialsFlow.AssociatedMembers : [];
        var configured = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in associated)
        {
            if (member.ClientId.Length == 0 || member.ClientSecret.Length < 16 || member.UserName.Length == 0)
            {
                logger.LogError("Associated member client '{ClientId}' is ignored: it needs a client id, a user name and a secret of at least 16 characters", member.ClientId);
                continue;
            }

            var clientId = MemberAuthPaths.ClientCredentialsPrefix + member.ClientId;
            configured.Add(clientId);
            await UpsertAsync(manager, new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = member.ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = clientId,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Endpoints.Revocation },
            }, ct);
        }

        await DeleteAsync(manager, id => id.StartsWith(MemberAuthPaths.ClientCredentialsPrefix, StringComparison.Ordinal) && !configured.Contains(id), ct);
    }

    private static async Task UpsertAsync(IOpenIddictApplicationManager manager, OpenIddictApplicationDescriptor descriptor, CancellationToken ct)
    {
        if (await manager.FindByClientIdAsync(descriptor.ClientId!, ct) is { } existing)
        {
            await manager.UpdateAsync(existing, descriptor, ct);
        }
        else
        {
            await manager.CreateAsync(descriptor, ct);
        }
    }

    private static async Task DeleteAsync(IOpenIddictApplicationManager manager, Func<string, bool> which, CancellationToken ct)
    {
        var doomed = new List<object>();
        await foreach (var application in manager.ListAsync(cancellationToken: ct))
        {
            if (await manager.GetClientIdAsync(application, ct) is { } id && which(id))
            {
                doomed.Add(application);
            }
        }

        foreach (var application in doomed)
        {
            await manager.DeleteAsync(application, ct);
        }
    }
}
