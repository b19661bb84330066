using System.Text.Json;
using Mahse.Forms.Delivery;
using Mahse.Forms.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Services;

namespace Mahse.Forms.Workflows;

/// <summary>
/// Works the outbox: claims due runs, runs each with its workflow type, records the outcome. One entry's runs of a
/// stage go one after another in sort order (a "change record state" before an email, as Umbraco Forms runs them);
/// different entries go side by side.
/// </summary>
public sealed class WorkflowRunner(
    WorkflowOutbox outbox,
    FormStore forms,
    EntryStore entries,
    IServiceScopeFactory services,
    IOptionsMonitor<FormWorkflowOptions> options,
    TimeProvider clock,
    ILogger<WorkflowRunner> logger)
{
    // One pass at a time in this process (the job runs one execution at a time too; this also covers direct callers).
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>Runs due runs until none is left or <paramref name="budget"/> is spent; returns how many ran.</summary>
    public async Task<int> RunDueAsync(TimeSpan budget, CancellationToken ct)
    {
        await _pass.WaitAsync(ct);
        try
        {
            var settings = options.CurrentValue;
            var started = clock.GetTimestamp();
            var total = 0;
            while (!ct.IsCancellationRequested && clock.GetElapsedTime(started) < budget)
            {
                var claims = await outbox.ClaimDueAsync(settings.BatchSize, settings.EffectiveLease, ct);
                if (claims.Count == 0)
                {
                    break;
                }

                var groups = claims.GroupBy(c => (c.Row.EntryKey, c.Row.Stage)).Select(g => g.OrderBy(c => c.Row.Id).ToList()).ToList();
                await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = ct }, async (group, token) =>
                {
                    foreach (var claim in group)
                    {
                        await RunOneAsync(claim, settings, token);
                    }
                });
                total += claims.Count;
            }

            return total;
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task RunOneAsync(WorkflowOutbox.Claim claim, FormWorkflowOptions settings, CancellationToken ct)
    {
        var row = claim.Row;
        if (claim.Resumed)
        {
            logger.LogWarning("Workflow run {Run} ({Workflow}, entry {Entry}) was claimed before and never finished (the process stopped); it runs again, attempt {Attempt}",
                row.Id, row.WorkflowName, row.EntryKey, row.Attempts);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.RunTimeout);
        try
        {
            await using var scope = services.CreateAsyncScope();
            var type = scope.ServiceProvider.GetServices<IFormWorkflowType>().FirstOrDefault(t => t.Id == row.WorkflowTypeId)
                ?? throw new WorkflowPermanentException($"No workflow type with id {row.WorkflowTypeId} is installed here, so the workflow \"{row.WorkflowName}\" cannot run.");
            var context = await ContextAsync(row, scope.ServiceProvider, timeout.Token);
            await type.RunAsync(context, timeout.Token);
            await outbox.SucceedAsync(row, claim.Resumed ? "Run again after an attempt that was interrupted before it was recorded." : null, CancellationToken.None);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: give the run back now rather than at the end of its lease (the attempt still counts).
            await outbox.FailAsync(row, "Interrupted by the site shutting down.", clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            var permanent = ex is WorkflowPermanentException;
            var message = ex is OperationCanceledException ? $"The run took longer than {settings.RunTimeout} and was stopped." : ex.Message;
            var retryAt = permanent || row.Attempts >= settings.MaxAttempts ? (DateTime?)null : clock.GetUtcNow().UtcDateTime + settings.Backoff(row.Attempts);
            await outbox.FailAsync(row, message, retryAt, CancellationToken.None);
            logger.LogWarning(ex, "Workflow {Workflow} for entry {Entry} failed (attempt {Attempt}); {Next}",
                row.WorkflowName, row.EntryKey, row.Attempts, retryAt is { } at ? $"retrying at {at:u}" : "not retrying");
        }
    }

    private async Task<WorkflowContext> ContextAsync(WorkflowRunRow row, IServiceProvider provider, CancellationToken ct)
    {
        var entry = await entries.GetAsync(row.EntryKey, ct) ?? throw new WorkflowPermanentException("The entry no longer exists.");
        var form = await forms.GetAsync(row.FormKey, ct) ?? throw new WorkflowPermanentException("The form no longer exists.");
        var workflow = form.Workflows.FirstOrDefault(w => w.Id == row.WorkflowKey)
            ?? throw new WorkflowPermanentException("The workflow was removed from the form.");
        var byId = EntryStore.ValuesOf(entry);
        var values = form.AllFields
            .Where(f => byId.ContainsKey(f.Id) && (workflow.IncludeSensitiveData || !f.ContainsSensitiveData))
            .GroupBy(f => f.Alias, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)byId[g.First().Id], StringComparer.Ordinal);
        var additional = entry.AdditionalData is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
            : new Dictionary<string, string>();
        return new WorkflowContext(form, workflow, entry, row, values, Member(entry.MemberKey, provider), additional);
    }

    private static Dictionary<string, string>? Member(Guid? key, IServiceProvider provider)
    {
        if (key is null || provider.GetRequiredService<IMemberService>().GetById(key.Value) is not { } member)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in member.Properties)
        {
            values[property.Alias] = property.GetValue()?.ToString() ?? "";
        }

        values["email"] = member.Email;
        values["name"] = member.Name ?? "";
        return values;
    }

    /// <summary>The bracketed magic strings of a run, resolved without a request (page values if the site provides them).</summary>
    public static FormMagicStrings Brackets(WorkflowContext context, IServiceProvider provider) =>
        new(context.Entry.ContentKey, provider.GetService<IFormPageValues>(), context.AdditionalData, null);
}
