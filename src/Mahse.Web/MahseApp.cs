using Mahse.Cms;
using Mahse.Cms.Forms;
using Mahse.Cms.Forms.Http;
using Mahse.Cms.Health;
using Mahse.Cms.Management;
using Mahse.Cms.Media;
using Mahse.Cms.Members;
using Mahse.Cms.Members.Auth;
using Mahse.Cms.Members.Http;
using Mahse.Cms.Delivery;
using Mahse.Cms.Delivery.Http;
using Mahse.Cms.Search;
using Mahse.Cms.Survey;
using Mahse.Cms.Search.Http;
using Mahse.Cms.Sync;
using Mahse.Web.Portal;
using Mahse.Cms.Users;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Mahse.Web;

/// <summary>The portal host: configuration, the engine's capabilities, and the HTTP pipeline.</summary>
public static class MahseApp
{
    /// <param name="args">Command-line arguments (<c>--urls</c> and configuration overrides).</param>
    /// <param name="contentRoot">The folder holding appsettings.json, umbraco/Data and media; null lets the host decide.</param>
    /// <param name="settings">Configuration that wins over every other source (tests use it).</param>
    /// <param name="configureServices">Last word on services, e.g. a test clock in place of the system one.</param>
    public static WebApplication Create(
        string[] args,
        string? contentRoot = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var configuration = builder.Configuration;
        var root = builder.Environment.ContentRootPath;
        var dataDirectory = Path.Combine(root, "umbraco", "Data");

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("management", o => o.ShouldInclude = d => d.GroupName == "management");
        builder.Services.AddOpenApi("mahse", o => o.ShouldInclude = d => d.GroupName == "mahse"); // the portal's own APIs: members, search, survey
        builder.Services.AddDeliveryApiDocument();
        builder.Services.AddFormsApiDocument();
        builder.Services
            .AddCmsCore(configuration, root)
            .AddSchema()
            .AddContent(configuration)
            .AddMedia(configuration, root)
            .AddBackOfficeUsers(configuration, dataDirectory)
            .AddMembers(configuration)
            .AddForms(configuration)
            .AddSurvey(configuration)
            .AddSync(configuration)
            .AddSearch(dataDirectory)
            .AddDeliveryApi(configuration)
            .AddPortal();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();

        // Every answer is what its Content-Type says: a browser never sniffs JSON (member data included) into HTML.
        app.Use((context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseApiExplorerPage();
        app.UseMediaFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();

        app.MapHealth();
        app.MapManagementApi();
        app.MapMemberAuth();
        app.MapMemberPages();
        app.MapMemberAccounts();
        app.MapFormsDeliveryApi();
        app.MapFormsManagementApi();
        app.MapSurvey();
        app.MapSiteSearch();
        app.MapDeliveryApi();
        app.MapDeliveryMediaApi();
        app.MapOpenApi("/umbraco/openapi/{documentName}.json");
        app.MapOpenApi("/umbraco/swagger/{documentName}/swagger.json"); // where Umbraco's and Umbraco Forms' docs point
        return app;
    }

    /// <summary>
    /// Swagger UI over the portal's OpenAPI documents at /umbraco/swagger, as Umbraco serves it: in Development, or
    /// elsewhere when <c>Mahse:OpenApi:SwaggerUi</c> is true (Umbraco keeps it off in production).
    /// </summary>
    private static void UseApiExplorerPage(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Configuration.GetValue("Mahse:OpenApi:SwaggerUi", false))
        {
            return;
        }

        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "umbraco/swagger";
            options.DocumentTitle = "Mahse.Umbraco APIs";
            options.SwaggerEndpoint("/umbraco/openapi/delivery.json", "Umbraco Delivery API");
            options.SwaggerEndpoint("/umbraco/openapi/management.json", "Management API");
            options.SwaggerEndpoint("/umbraco/openapi/forms.json", "Umbraco Forms API");
            options.SwaggerEndpoint("/umbraco/openapi/mahse.json", "MAHSE portal API (members, search, survey)");
        });
    }

    /// <summary>Serves media files at /media, as Umbraco does, with headers that stop browsers sniffing a type.</summary>
    private static void UseMediaFiles(this WebApplication app)
    {
        var files = (PhysicalMediaFileSystem)app.Services.GetRequiredService<IMediaFileSystem>();
        Directory.CreateDirectory(files.Root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(files.Root),
            RequestPath = "/media",
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
            },
        });
    }
}
