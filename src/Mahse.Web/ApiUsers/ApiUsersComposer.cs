using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Core.Notifications;

namespace Mahse.Web.ApiUsers;

/// <summary>API users from configuration (<c>Mahse:ApiUsers</c>), ensured on every start.</summary>
public sealed class ApiUsersComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.AddOptions<ApiUsersOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ApiUsersOptions.Section).Bind(options.Users));
        builder.Services.AddSingleton<ApiUserProvisioner>();
        builder.AddNotificationAsyncHandler<UmbracoApplicationStartingNotification, EnsureApiUsersOnStarting>();
    }
}
