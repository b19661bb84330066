using Mahse.Cms.Email;
using Mahse.Cms.Health;
using Mahse.Cms.Members.Auth;
using Mahse.Cms.Members.Http;
using Mahse.Cms.Persistence;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OAuthClaims = Umbraco.Cms.Core.Constants.OAuthClaims;

namespace Mahse.Cms.Members;

public static class MembersServiceCollectionExtensions
{
    /// <summary>
    /// Members on ASP.NET Core Identity, email through MailKit, and Umbraco's member authorization endpoints on the
    /// OpenIddict server that <c>AddBackOfficeUsers</c> set up.
    /// </summary>
    public static IServiceCollection AddMembers(this IServiceCollection services, IConfiguration configuration)
    {

        services.Configure<MemberOptions>(configuration.GetSection("Mahse:Members"));
        services.PostConfigure<MemberOptions>(o => o.ApplicationUrl ??= configuration["Umbraco:CMS:WebRouting:UmbracoApplicationUrl"]);
        services.Configure<SmtpSettings>(configuration.GetSection("Umbraco:CMS:Global:Smtp"));
        services.Configure<MemberAuthorizationSettings>(configuration.GetSection("Umbraco:CMS:DeliveryApi:MemberAuthorization"));
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddScoped<MemberEmails>();
        services.AddScoped<MemberService>();
        services.AddScoped<MemberTokenRevoker>();
        services.AddSingleton<MemberDirectory>();
        services.AddSingleton<IStartupTask, MemberApplicationInitializer>();

        // Umbraco's member password and lock-out settings.
        var password = configuration.GetSection("Umbraco:CMS:Security:MemberPassword");
        var lockoutMinutes = configuration.GetValue("Umbraco:CMS:Security:MemberDefaultLockoutTimeInMinutes", 30 * 24 * 60);
        services.AddIdentityCore<MemberRow>(o =>
            {
                o.Password.RequiredLength = password.GetValue("RequiredLength", 10);
                o.Password.RequireNonAlphanumeric = password.GetValue("RequireNonLetterOrDigit", false);
                o.Password.RequireDigit = password.GetValue("RequireDigit", false);
                o.Password.RequireLowercase = password.GetValue("RequireLowercase", false);
                o.Password.RequireUppercase = password.GetValue("RequireUppercase", false);
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = password.GetValue("MaxFailedAccessAttemptsBeforeLockout", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(lockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = "";
            })
            .AddUserStore<MemberUserStore>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(o =>
            o.TokenLifespan = configuration.GetValue("Mahse:Members:TokenLifespan", TimeSpan.FromHours(24)));

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".Mahse.Antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication().AddCookie(MemberAuthPaths.CookieScheme, o =>
        {
            o.Cookie.Name = ".Mahse.Member";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = MemberAuthPaths.LoginPage;
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(MemberAccountEndpoints.MemberPolicy, p => p
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireClaim(OAuthClaims.MemberKey));

        services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris(MemberAuthPaths.Authorize.TrimStart('/'));
            o.SetEndSessionEndpointUris(MemberAuthPaths.SignOut.TrimStart('/'));
            o.SetRevocationEndpointUris(MemberAuthPaths.Revoke.TrimStart('/'));
            o.SetUserInfoEndpointUris(MemberAuthPaths.UserInfo.TrimStart('/'));
            o.Configure(options => options.TokenEndpointUris.Add(new Uri(MemberAuthPaths.Token.TrimStart('/'), UriKind.Relative)));
            o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.OfflineAccess);
            o.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough();
        });
        return services;
    }
}
