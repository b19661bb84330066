using System.Text.Json;
using Mahse.Cms.Forms.Model;
using Mahse.Cms.Forms.Workflows;
using Mahse.Cms.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Forms.Entries;

/// <summary>
/// Stores an accepted entry: the entry, its audit line and one outbox row per workflow of its stage(s) go in one
/// transaction, so an entry that got its 202 is never without its workflows, and no workflow runs for an entry
/// that was not stored. Without manual approval the entry is approved at once (Umbraco's RecordService.Submit),
/// and its approve-stage workflows are queued too. Uploads are written first, outside the web root, and removed
/// again if the transaction fails.
/// </summary>
public sealed class EntrySubmissionService(
    ICmsDbContextFactory contexts, WriteGate gate, IHostEnvironment environment, WorkflowSignal signal, TimeProvider clock, ILogger<EntrySubmissionService> logger)
{
    public const string UploadFolder = "umbraco/Data/forms/uploads";

    public async Task<Guid> StoreAsync(
        FormDefinition form, EntryValidation validation, PostedEntry posted, Guid? contentKey, Guid? memberKey, CancellationToken ct)
    {
        var key = Guid.NewGuid();
        var now = clock.GetUtcNow().UtcDateTime;
        var values = validation.Values.ToDictionary(v => v.Key, v => v.Value.ToList());
        var written = new List<string>();
        try
        {
            foreach (var file in validation.Files)
            {
                var relative = Path.Combine(UploadFolder, form.Id.ToString("N"), key.ToString("N"), file.FileId.ToString("N"), file.FileName);
                var path = Path.Combine(environment.ContentRootPath, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, file.Content, ct);
                written.Add(path);
                (values.TryGetValue(file.FieldId, out var list) ? list : values[file.FieldId] = []).Add(relative.Replace('\\', '/'));
            }

            await using var db = contexts.CreateDbContext();
            using var turn = await gate.EnterAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var state = form.ManualApproval ? FormEntryStates.Submitted : FormEntryStates.Approved;
            var entry = new FormEntryRow
            {
                Key = key,
                FormKey = form.Id,
                State = state,
                CreateDate = now,
                UpdateDate = now,
                Culture = posted.Culture,
                ContentKey = contentKey,
                MemberKey = memberKey,
                ValuesJson = JsonSerializer.Serialize(values),
                AdditionalDataJson = posted.AdditionalData.Count == 0 ? null : JsonSerializer.Serialize(posted.AdditionalData),
            };
            db.FormEntries.Add(entry);
            await db.SaveChangesAsync(ct);

            db.FormEntryAudit.Add(new FormEntryAuditRow { EntryId = entry.Id, State = FormEntryStates.Submitted, At = now });
            Outbox.Queue(db, form, entry, FormEntryStates.Submitted, now);
            if (state == FormEntryStates.Approved)
            {
                db.FormEntryAudit.Add(new FormEntryAuditRow { EntryId = entry.Id, State = FormEntryStates.Approved, At = now, By = "automatic" });
                Outbox.Queue(db, form, entry, FormEntryStates.Approved, now);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            foreach (var path in written)
            {
                TryDelete(path);
            }

            throw;
        }

        signal.Nudge();
        return key;
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove the upload {Path} of an entry that was not stored", path);
        }
    }
}

/// <summary>Umbraco Forms' FormState names for entries.</summary>
public static class FormEntryStates
{
    public const string Submitted = "Submitted";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string Deleted = "Deleted";
}

/// <summary>Writes the outbox rows of a stage into the caller's unit of work.</summary>
public static class Outbox
{
    public static void Queue(CmsDbContext db, FormDefinition form, FormEntryRow entry, string stage, DateTime now)
    {
        foreach (var workflow in form.Workflows.Where(w => w.Active && string.Equals(w.ExecutesOn, stage, StringComparison.OrdinalIgnoreCase)).OrderBy(w => w.SortOrder))
        {
            db.FormWorkflowRuns.Add(new FormWorkflowRunRow
            {
                EntryKey = entry.Key,
                FormKey = form.Id,
                WorkflowKey = workflow.Id,
                WorkflowName = workflow.Name,
                WorkflowTypeId = workflow.WorkflowTypeId,
                Stage = stage,
                Status = WorkflowRunStatus.Pending,
                NextAttemptAt = now,
                CreateDate = now,
            });
        }
    }
}
