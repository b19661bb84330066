using Mahse.Forms.Retention;
using Mahse.Forms.Workflows.Types;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DependencyInjection;
using Umbraco.Extensions;

namespace Mahse.Forms.Workflows;

/// <summary>Registers the workflow outbox worker, the workflow types and the retention job of the MAHSE Forms module.</summary>
public sealed class WorkflowsComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<FormWorkflowOptions>().Bind(builder.Config.GetSection(FormWorkflowOptions.Section))
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 1 && o.Parallelism >= 1 && o.PollInterval > TimeSpan.Zero && o.RunTimeout > TimeSpan.Zero,
                "Mahse:Forms:Workflows: MaxAttempts, BatchSize and Parallelism must be at least 1, PollInterval and RunTimeout above zero.")
            .ValidateOnStart();
        builder.Services.AddOptions<ScheduledRecordDeletionOptions>().Bind(builder.Config.GetSection(ScheduledRecordDeletionOptions.Section));

        builder.Services.AddSingleton<WorkflowOutbox>();
        builder.Services.AddSingleton<WorkflowRunner>();
        builder.Services.AddSingleton<WorkflowSignal>();
        builder.Services.AddSingleton<EntryFiles>();
        builder.Services.AddRecurringBackgroundJob<WorkflowOutboxJob>();
        builder.Services.AddRecurringBackgroundJob<EntryRetentionJob>();

        builder.Services.AddHttpClient(SendFormToUrlWorkflow.HttpClientName, (provider, client) =>
        {
            client.Timeout = provider.GetRequiredService<IOptions<FormWorkflowOptions>>().Value.HttpTimeout;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("MahseForms/1.0");
        });

        // Scoped: the member types use Umbraco's scoped IMemberManager; the runner makes a scope per run.
        builder.Services.AddScoped<IFormWorkflowType, SendEmailWorkflow>();
        builder.Services.AddScoped<IFormWorkflowType, SendEmailWithTemplateWorkflow>();
        builder.Services.AddScoped<IFormWorkflowType, SendFormToUrlWorkflow>();
        builder.Services.AddScoped<IFormWorkflowType, PostAsXmlWorkflow>();
        builder.Services.AddScoped<IFormWorkflowType, SaveAsMemberWorkflow>();
        builder.Services.AddScoped<IFormWorkflowType, AddMemberToGroupWorkflow>();
        builder.Services.AddScoped<IFormWorkflowType, ChangeRecordStateWorkflow>();
    }
}
