using System.Threading.RateLimiting;
using Mahse.Cms.Forms.Delivery;
using DeliveryApi = Mahse.Cms.Delivery;
using Mahse.Cms.Forms.Entries;
using Mahse.Cms.Forms.Http;
using Mahse.Cms.Forms.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Cms.Forms;

public static class FormsServiceCollectionExtensions
{
    /// <summary>The Umbraco Forms-compatible module: forms, the headless API, entries and the workflow outbox worker.</summary>
    public static IServiceCollection AddForms(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FormsSettings>(configuration.GetSection("Umbraco:Forms"));
        services.Configure<FormUploadLimits>(configuration.GetSection("Mahse:Forms:Uploads"));
        services.AddSingleton<FormStore>();
        services.AddSingleton<PreValueSources>();
        services.AddSingleton<FormDtoBuilder>();
        services.AddSingleton<EntrySubmissionService>();
        services.Configure<FormDraftOptions>(configuration.GetSection("Mahse:Forms:Drafts"));
        services.AddSingleton<FormDraftService>();
        services.AddSingleton<RecaptchaVerifier>();
        services.AddHttpClient("forms-recaptcha", c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<WorkflowSignal>();
        services.AddSingleton<WorkflowWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowWorker>());
        services.AddSingleton<EntryRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<EntryRetentionService>());
        services.AddScoped<IFormWorkflowType, SendEmailWorkflow>();
        services.AddScoped<IFormWorkflowType, SendEmailWithTemplateWorkflow>();
        services.AddScoped<IFormWorkflowType, SendFormToUrlWorkflow>();
        services.AddScoped<IFormWorkflowType, AddMemberToGroupWorkflow>();
        services.AddScoped<IFormWorkflowType, CreateMemberWorkflow>();
        services.AddSingleton<Content.PropertyEditors.IPropertyEditor, FormPickerPropertyEditor>();
        services.AddSingleton<DeliveryApi.IDeliveryValueConverter, FormPickerDeliveryConverter>();
        services.AddHttpClient("forms-workflows", c => c.Timeout = TimeSpan.FromSeconds(30));

        // Public submissions are rate limited per client address (Umbraco Forms has none).
        var permits = configuration.GetValue("Mahse:Forms:RateLimit:PermitsPerMinute", 60);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(FormsDeliveryEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
