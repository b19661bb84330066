using Mahse.Survey.Management.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Api.Common.OpenApi;
using Umbraco.Cms.Api.Management.OpenApi;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Survey.Management;

/// <summary>The survey's Management API: its policy and OpenAPI document (the controllers are found by Umbraco's MVC).</summary>
public sealed class SurveyManagementComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.AddSingleton<IAuthorizationHandler, SurveyViewerHandler>();
        builder.Services.AddAuthorization(SurveyPolicies.Add);
        builder.AddBackOfficeOpenApiDocument(SurveyManagementApi.DocumentName, document => document
            .WithTitle(SurveyManagementApi.DocumentTitle)
            .WithBackOfficeAuthentication()
            .WithJsonOptions(Umbraco.Cms.Core.Constants.JsonOptionsNames.BackOffice)
            .ConfigureOpenApiOptions(options => options.AddDocumentTransformer((openApi, _, _) =>
            {
                openApi.Info.Description = SurveyManagementApi.DocumentDescription;
                openApi.Info.Version = "1.0";
                return Task.CompletedTask;
            })));
    }
}
