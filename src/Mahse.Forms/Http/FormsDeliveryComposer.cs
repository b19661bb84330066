using System.Threading.RateLimiting;
using Mahse.Forms.Configuration;
using Mahse.Forms.Delivery;
using Mahse.Forms.Drafts;
using Mahse.Forms.Entries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Api.Common.DependencyInjection;
using Umbraco.Cms.Api.Common.OpenApi;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Cms.Web.Common.ApplicationBuilder;

namespace Mahse.Forms.Http;

/// <summary>
/// Registers the Forms API (the MAHSE Forms module's, compatible with Umbraco Forms' API): its services, its rate
/// limit, its OpenAPI document, and its endpoints, mapped into Umbraco's own endpoint routing through a pipeline filter
/// so they sit beside Umbraco's APIs under /umbraco (which Umbraco keeps out of content routing).
/// </summary>
public sealed class FormsDeliveryComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        var services = builder.Services;
        services.Configure<FormsSettings>(builder.Config.GetSection(FormsSettings.Section));
        services.Configure<FormUploadOptions>(builder.Config.GetSection("Umbraco:Forms:Security")); // Umbraco Forms' extension lists
        services.Configure<FormUploadOptions>(builder.Config.GetSection("Mahse:Forms:Uploads"));
        services.Configure<FormDraftOptions>(builder.Config.GetSection(FormDraftOptions.Section));
        services.Configure<FormsRateLimitOptions>(builder.Config.GetSection(FormsRateLimitOptions.Section));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PublishedFormPages>();
        services.AddSingleton<IFormPageValues>(sp => sp.GetRequiredService<PublishedFormPages>());
        services.AddSingleton<IFormPageRoutes>(sp => sp.GetRequiredService<PublishedFormPages>());
        services.AddSingleton<IPreValueSourceStore, PreValueSourceStore>();
        services.AddSingleton<PreValueSources>();
        services.AddSingleton<FormDtoBuilder>();
        services.AddSingleton<EntryValidator>();
        services.AddSingleton<EntrySubmissionService>();
        services.AddSingleton<FormDraftService>();
        services.AddSingleton<RecaptchaVerifier>();
        services.AddHttpClient(RecaptchaVerifier.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));

        // Public posts are limited per client address, in a fixed window a minute long.
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(FormsDeliveryEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, http.RequestServices.GetRequiredService<IOptions<FormsRateLimitOptions>>().Value.PermitsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: "Too many submissions from this address; try again in a minute.").ExecuteAsync(context.HttpContext);
            };
        });

        services.AddFormsApiDocument();
        services.AddOpenApiDocumentToUi(FormsApiDocument.Name, FormsApiDocument.Title);

        services.Configure<UmbracoPipelineOptions>(options => options.AddFilter(new UmbracoPipelineFilter("MahseFormsDelivery")
        {
            // After routing (the policy is the endpoint's metadata), before authentication and the endpoints.
            PostRouting = app => app.UseRateLimiter(),
            PreMapEndpoints = endpoints =>
            {
                endpoints.MapFormsDeliveryApi();
                endpoints.MapOpenApi("/umbraco/swagger/{documentName:regex(^forms$)}/swagger.json");
                if (!endpoints.ServiceProvider.GetRequiredService<IOptions<UmbracoOpenApiOptions>>().Value.Enabled)
                {
                    // Umbraco serves /umbraco/openapi/{documentName}.json itself only where its OpenAPI is on (not in production).
                    endpoints.MapOpenApi(FormsApiDocument.OpenApiPath.Replace("forms", "{documentName:regex(^forms$)}"));
                }
            },
        }));
    }
}
