using Mahse.Cms.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Mahse.Cms.Users;

public static class UsersServiceCollectionExtensions
{
    public const string TokenPath = "/umbraco/management/api/v1/security/back-office/token";

    /// <summary>Backoffice users, API users and the OpenIddict server that gives them tokens, as Umbraco 17 does.</summary>
    public static IServiceCollection AddBackOfficeUsers(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        services.Configure<BackOfficeSecurityOptions>(configuration.GetSection("Mahse:Security"));
        services.Configure<List<ApiUserOptions>>(configuration.GetSection("Mahse:ApiUsers"));
        services.AddSingleton<IPasswordHasher<BackOfficeUserRow>, PasswordHasher<BackOfficeUserRow>>();
        services.AddSingleton<BackOfficeUserService>();
        services.AddSingleton<ApiUserSynchronizer>();
        services.AddSingleton<FirstAdministratorInstaller>();
        services.AddSingleton(new FirstAdministratorPasswordFile(Path.Combine(dataDirectory, "first-administrator.txt")));

        var keys = Path.Combine(dataDirectory, "keys");
        var useHttps = configuration.GetValue("Umbraco:CMS:Global:UseHttps", false);
        var tokenLifetime = configuration.GetValue("Mahse:Security:AccessTokenLifetime", TimeSpan.FromHours(1));

        // Tokens, cookies, antiforgery and emailed one-time links are protected with keys that survive a restart.
        services.AddDataProtection()
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(keys, "data-protection")))
            .SetApplicationName("Mahse.Umbraco");
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<CmsDbContext>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                o.AllowClientCredentialsFlow();
                o.AllowPasswordFlow();
                o.AllowRefreshTokenFlow();
                o.SetAccessTokenLifetime(tokenLifetime);
                o.UseReferenceAccessTokens();
                o.UseReferenceRefreshTokens();

                // As Umbraco: opaque reference tokens whose payload is protected by ASP.NET Core Data Protection (AES),
                // not a signed and encrypted JWT, so validating one per request costs no RSA operations.
                o.UseDataProtection();
                o.AddSigningKey(SigningKeyStore.LoadOrCreate(keys, "openiddict-signing"));
                o.AddEncryptionKey(SigningKeyStore.LoadOrCreate(keys, "openiddict-encryption"));
                var aspNetCore = o.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!useHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.EnableTokenEntryValidation();
                o.UseDataProtection();
                o.UseAspNetCore();
            });

        services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(BackOfficePolicies.BackOfficeAccess, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireClaim(Claims.Role, UserGroups.All))
            .AddPolicy(BackOfficePolicies.SaveContent, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireClaim(Claims.Role, UserGroups.Administrators, UserGroups.Editors, UserGroups.Writers))
            .AddPolicy(BackOfficePolicies.PublishContent, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireClaim(Claims.Role, UserGroups.Administrators, UserGroups.Editors))
            .AddPolicy(BackOfficePolicies.ManageSettings, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireClaim(Claims.Role, UserGroups.Administrators))
            .AddPolicy(BackOfficePolicies.ViewSurveyData, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireClaim(Claims.Role, UserGroups.Administrators, UserGroups.Reviewers))
            .AddPolicy(BackOfficePolicies.ReviewEntries, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireClaim(Claims.Role, UserGroups.Administrators, UserGroups.Editors, UserGroups.Reviewers))
            .AddPolicy(BackOfficePolicies.ManageMembers, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireClaim(Claims.Role, UserGroups.Administrators));
        return services;
    }
}
