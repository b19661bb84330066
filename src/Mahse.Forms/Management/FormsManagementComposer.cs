using Mahse.Forms.Management.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Api.Common.OpenApi;
using Umbraco.Cms.Api.Management.OpenApi;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;

namespace Mahse.Forms.Management;

/// <summary>The forms module's Management API: its policies, options and OpenAPI document.</summary>
public sealed class FormsManagementComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.AddOptions<FormsManagementOptions>().Bind(builder.Config.GetSection(FormsManagementOptions.Section));
        builder.Services.AddSingleton<IAuthorizationHandler, SectionAccessHandler>();
        builder.Services.AddSingleton<IAuthorizationHandler, EntryReaderHandler>();
        builder.Services.AddAuthorization(FormsPolicies.Add);
        builder.Services.AddSingleton<UploadedFiles>();
        builder.AddBackOfficeOpenApiDocument(FormsManagementApi.DocumentName, document => document
            .WithTitle(FormsManagementApi.DocumentTitle)
            .WithBackOfficeAuthentication()
            .WithJsonOptions(Umbraco.Cms.Core.Constants.JsonOptionsNames.BackOffice)
            .ConfigureOpenApiOptions(options => options.AddDocumentTransformer((openApi, _, _) =>
            {
                openApi.Info.Description = FormsManagementApi.DocumentDescription;
                openApi.Info.Version = "1.0";
                return Task.CompletedTask;
            })));
    }
}
