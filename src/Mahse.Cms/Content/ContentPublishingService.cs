using System.Text.Json.Nodes;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Content;

/// <summary>
/// Publishes and unpublishes documents, now or on a schedule. A publish makes the current draft the published
/// version in one transaction; the published cache follows from <c>ContentPublishedNotification</c> after commit.
/// </summary>
public sealed class ContentPublishingService(
    ICmsDbContextFactory contexts,
    SchemaCache schema,
    ContentStore store,
    PropertyValueValidator validator,
    ContentNotifier notifier,
    TimeProvider clock)
{
    /// <param name="pendingItems">During an import: items later in the batch, which pickers may already point at.</param>
    public async Task<Attempt<ContentOperationResult, ContentPublishingOperationStatus>> PublishAsync(
        Guid key, PublishSchedule? schedule, int? expectedVersion, CancellationToken ct,
        IReadOnlyDictionary<Guid, Mahse.Cms.Content.PropertyEditors.ReferencedItem>? pendingItems = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (schedule is not null)
        {
            if (schedule.PublishTime is { } publishAt && publishAt.ToUniversalTime() <= now)
            {
                schedule = schedule with { PublishTime = null };
            }

            if (schedule.UnpublishTime is { } unpublishAt && unpublishAt.ToUniversalTime() <= now)
            {
                return Fail(ContentPublishingOperationStatus.UpublishTimeNeedsToBeInFuture, "publishSchedules[0].schedule.unpublishTime", "The unpublish time must be in the future.");
            }

            if (schedule is { PublishTime: { } p, UnpublishTime: { } u } && u <= p)
            {
                return Fail(ContentPublishingOperationStatus.UnpublishTimeNeedsToBeAfterPublishTime, "publishSchedules[0].schedule.unpublishTime", "The unpublish time must be after the publish time.");
            }
        }

        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, ContentNodeKind.Document, ct);
        if (node is null)
        {
            return Fail(ContentPublishingOperationStatus.ContentNotFound, "id", $"Document {key} does not exist.");
        }

        if (expectedVersion is not null && expectedVersion != node.Version)
        {
            return Stale();
        }

        if (node.Trashed)
        {
            return Fail(ContentPublishingOperationStatus.InTrash, "id", "The document is in the recycle bin.");
        }

        node.ScheduledUnpublishDate = schedule?.UnpublishTime?.ToUniversalTime();
        if (schedule?.PublishTime is { } later)
        {
            // Validate now, so the editor hears about missing values today rather than when the schedule fires.
            var (_, _, laterErrors) = await ValidateForPublishAsync(db, node, ct, pendingItems);
            if (laterErrors.Count > 0)
            {
                return Attempt.FailWithStatus(ContentPublishingOperationStatus.ContentInvalid, new ContentOperationResult(null, laterErrors));
            }

            node.ScheduledPublishDate = later.ToUniversalTime();
            node.Version++;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Attempt.SucceedWithStatus(ContentPublishingOperationStatus.Success, ContentOperationResult.Of(await store.ToItemAsync(db, node, ct)));
        }

        var (failure, values) = await PublishNodeAsync(db, node, now, ct, pendingItems: pendingItems);
        if (failure is not null)
        {
            return failure.Value;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }

        await notifier.PublishedAsync([(node, values)], ct);
        return Attempt.SucceedWithStatus(ContentPublishingOperationStatus.Success, ContentOperationResult.Of(await store.ToItemAsync(node, null, values, ct)));
    }

    /// <summary>Publishes a branch. All or nothing: one invalid descendant fails the branch and nothing is published.</summary>
    public async Task<Attempt<ContentOperationResult, ContentPublishingOperationStatus>> PublishWithDescendantsAsync(
        Guid key, bool includeUnpublishedDescendants, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, ContentNodeKind.Document, ct);
        if (node is null)
        {
            return Fail(ContentPublishingOperationStatus.ContentNotFound, "id", $"Document {key} does not exist.");
        }

        if (node.Trashed)
        {
            return Fail(ContentPublishingOperationStatus.InTrash, "id", "The document is in the recycle bin.");
        }

        var branch = new List<ContentNodeRow> { node };
        var publishedIds = new HashSet<int> { node.Id };
        foreach (var descendant in await store.DescendantsAsync(db, node, ct))
        {
            var parentIncluded = descendant.ParentId is { } p && publishedIds.Contains(p);
            if (parentIncluded && (includeUnpublishedDescendants || descendant.PublishedVersionId is not null))
            {
                branch.Add(descendant);
                publishedIds.Add(descendant.Id);
            }
        }

        var errors = new List<FieldError>();
        var notified = new List<(ContentNodeRow, IReadOnlyDictionary<string, JsonNode?>)>();
        foreach (var item in branch)
        {
            var (failure, values) = await PublishNodeAsync(db, item, now, ct, checkAncestors: item == node);
            if (failure is not null)
            {
                errors.AddRange(failure.Value.Result.Errors.Select(e => e with { Field = $"{item.Key}:{e.Field}" }));
            }

            notified.Add((item, values));
        }

        if (errors.Count > 0)
        {
            return Attempt.FailWithStatus(ContentPublishingOperationStatus.FailedBranch, new ContentOperationResult(null, errors));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.PublishedAsync(notified, ct);
        return Attempt.SucceedWithStatus(ContentPublishingOperationStatus.Success, ContentOperationResult.Of(await store.ToItemAsync(db, node, ct)));
    }

    public async Task<Attempt<ContentOperationResult, ContentPublishingOperationStatus>> UnpublishAsync(Guid key, int? expectedVersion, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, ContentNodeKind.Document, ct);
        if (node is null)
        {
            return Fail(ContentPublishingOperationStatus.ContentNotFound, "id", $"Document {key} does not exist.");
        }

        if (expectedVersion is not null && expectedVersion != node.Version)
        {
            return Stale();
        }

        Unpublish(node);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.UnpublishedAsync([node], ct);
        return Attempt.SucceedWithStatus(ContentPublishingOperationStatus.Success, ContentOperationResult.Of(await store.ToItemAsync(db, node, ct)));
    }

    /// <summary>Runs the publishes and unpublishes whose time has come; called by the scheduler.</summary>
    public async Task<(int Published, int Unpublished)> RunScheduledAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> toPublish;
        List<Guid> toUnpublish;
        await using (var db = contexts.CreateDbContext())
        {
            toPublish = await db.ContentNodes.Where(n => n.ScheduledPublishDate != null && n.ScheduledPublishDate <= now && !n.Trashed)
                .OrderBy(n => n.Level).Select(n => n.Key).ToListAsync(ct);
            toUnpublish = await db.ContentNodes.Where(n => n.ScheduledUnpublishDate != null && n.ScheduledUnpublishDate <= now)
                .Select(n => n.Key).ToListAsync(ct);
        }

        // Another runner (or an editor) may get to an item first; the version check makes that a skip, not a failure.
        var published = 0;
        foreach (var key in toPublish)
        {
            try
            {
                published += await PublishScheduledAsync(key, now, ct) ? 1 : 0;
            }
            catch (DbUpdateConcurrencyException)
            {
            }
        }

        var unpublished = 0;
        foreach (var key in toUnpublish)
        {
            try
            {
                unpublished += await UnpublishScheduledAsync(key, now, ct) ? 1 : 0;
            }
            catch (DbUpdateConcurrencyException)
            {
            }
        }

        return (published, unpublished);
    }

    private async Task<bool> UnpublishScheduledAsync(Guid key, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        var node = await store.FindAsync(db, key, ContentNodeKind.Document, ct);
        if (node?.ScheduledUnpublishDate is null || node.ScheduledUnpublishDate > now)
        {
            return false;
        }

        Unpublish(node);
        await db.SaveChangesAsync(ct);
        await notifier.UnpublishedAsync([node], ct);
        return true;
    }

    private async Task<bool> PublishScheduledAsync(Guid key, DateTime now, CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var node = await store.FindAsync(db, key, ContentNodeKind.Document, ct);
        if (node?.ScheduledPublishDate is null || node.ScheduledPublishDate > now)
        {
            return false;
        }

        var (failure, values) = await PublishNodeAsync(db, node, now, ct);
        if (failure is not null)
        {
            // Leave the schedule in place so the editor sees it did not happen; Umbraco logs the same way.
            return false;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.PublishedAsync([(node, values)], ct);
        return true;
    }

    /// <summary>Marks the draft as published (not yet saved); on success the published values come back.</summary>
    private async Task<(Attempt<ContentOperationResult, ContentPublishingOperationStatus>? Failure, IReadOnlyDictionary<string, JsonNode?> Values)> PublishNodeAsync(
        CmsDbContext db, ContentNodeRow node, DateTime now, CancellationToken ct, bool checkAncestors = true,
        IReadOnlyDictionary<Guid, Mahse.Cms.Content.PropertyEditors.ReferencedItem>? pendingItems = null)
    {
        if (checkAncestors && !await store.AncestorsPublishedAsync(db, node, ct))
        {
            return (Fail(ContentPublishingOperationStatus.PathNotPublished, "id", "The parent is not published; publish it first."), Empty);
        }

        var (draft, values, errors) = await ValidateForPublishAsync(db, node, ct, pendingItems);
        if (errors.Count > 0)
        {
            return (Attempt.FailWithStatus(ContentPublishingOperationStatus.ContentInvalid, new ContentOperationResult(null, errors)), Empty);
        }

        draft.WasPublished = true;
        node.PublishedVersionId = node.DraftVersionId;
        node.PublishDate = now;
        node.ScheduledPublishDate = null;
        node.UpdateDate = now;
        node.Version++;
        return (null, values);
    }

    private static readonly IReadOnlyDictionary<string, JsonNode?> Empty = new Dictionary<string, JsonNode?>();

    private async Task<(ContentVersionRow Draft, IReadOnlyDictionary<string, JsonNode?> Values, List<FieldError> Errors)> ValidateForPublishAsync(
        CmsDbContext db, ContentNodeRow node, CancellationToken ct, IReadOnlyDictionary<Guid, Mahse.Cms.Content.PropertyEditors.ReferencedItem>? pendingItems = null)
    {
        var snapshot = await schema.GetAsync(ct);
        var draft = await db.ContentVersions.SingleAsync(v => v.Id == node.DraftVersionId, ct);
        var type = snapshot.FindContentType(node.ContentTypeId)!;
        var stored = ContentValues.Parse(draft.ValuesJson);

        // Re-validate the draft as editor values, mandatory rules included.
        var composition = snapshot.FindComposition(type.Key)!;
        var editorValues = validator.ToEditor(composition, stored)
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone());
        var validation = await validator.ValidateAsync(composition, editorValues, new DatabaseContentReferenceLookup(db, snapshot, pendingItems), enforceMandatory: true, ct);
        var errors = validation.Errors.SelectMany(e => e.Value.Select(m => new FieldError($"$.values[{e.Key}]", m))).ToList();
        return (draft, stored, errors);
    }

    private void Unpublish(ContentNodeRow node)
    {
        node.PublishedVersionId = null;
        node.ScheduledUnpublishDate = null;
        node.UpdateDate = clock.GetUtcNow().UtcDateTime;
        node.Version++;
    }

    private static Attempt<ContentOperationResult, ContentPublishingOperationStatus> Fail(ContentPublishingOperationStatus status, string field, string message) =>
        Attempt.FailWithStatus(status, ContentOperationResult.Error(field, message));

    private static Attempt<ContentOperationResult, ContentPublishingOperationStatus> Stale() =>
        Fail(ContentPublishingOperationStatus.ConcurrencyViolation, "version", "The document was changed by someone else since it was read; reload it and try again.");
}
