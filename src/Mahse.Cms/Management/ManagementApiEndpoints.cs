using Mahse.Cms.Content.PublicAccess;
using Mahse.Cms.Content.Redirects;
using Mahse.Cms.Content.Http;
using Mahse.Cms.Media.Http;
using Mahse.Cms.Members.Http;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema.Http;
using Mahse.Cms.Search.Http;
using Mahse.Cms.Sync.Http;
using Mahse.Cms.Users;
using Mahse.Cms.Users.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Mahse.Cms.Management;

public static class ManagementApiEndpoints
{
    public const string BasePath = "/umbraco/management/api/v1";

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        app.MapBackOfficeToken();
        var api = app.MapGroup(BasePath)
            .RequireAuthorization(BackOfficePolicies.BackOfficeAccess)
            .WithGroupName("management");
        api.MapSchemaEndpoints();
        api.MapContentEndpoints(ContentNodeKind.Document);
        api.MapContentEndpoints(ContentNodeKind.Media);
        api.MapTemporaryFileEndpoints();
        api.MapUserEndpoints();
        api.MapSyncEndpoints();
        api.MapSearchManagement();
        api.MapRedirectManagement();
        api.MapPublicAccess();
        api.MapMemberManagement();
        return app;
    }
}
