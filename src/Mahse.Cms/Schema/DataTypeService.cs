using System.Text.RegularExpressions;
using Mahse.Cms.Content.PropertyEditors;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Schema;

public sealed record DataTypeSaveResult(DataTypeDefinition? DataType, IReadOnlyList<FieldError> Errors, bool IsStale = false);

public sealed class DataTypeService(ICmsDbContextFactory contexts, SchemaCache schema, PropertyEditorCollection editors, Umbraco.Cms.Core.Events.IEventAggregator events, TimeProvider clock)
{
    public async Task<IReadOnlyList<DataTypeDefinition>> GetAllAsync(CancellationToken cancellationToken) =>
        (await schema.GetAsync(cancellationToken)).DataTypes.OrderBy(d => d.Name).ToList();

    public async Task<DataTypeDefinition?> GetAsync(Guid key, CancellationToken cancellationToken) =>
        (await schema.GetAsync(cancellationToken)).FindDataType(key);

    /// <summary>Creates or updates a data type; <paramref name="expectedVersion"/> refuses a stale update.</summary>
    public async Task<Attempt<DataTypeSaveResult, DataTypeOperationStatus>> SaveAsync(
        DataTypeDefinition definition, int? expectedVersion, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(definition.Name) || definition.Name.Length > 255)
        {
            return Fail(DataTypeOperationStatus.InvalidName, "name", "A data type needs a name of 1 to 255 characters.");
        }

        if (!editors.TryGet(definition.EditorAlias, out var editor))
        {
            return Fail(DataTypeOperationStatus.PropertyEditorNotFound, "editorAlias",
                $"Property editor '{definition.EditorAlias}' is not available (Missing Package?).");
        }

        definition = definition with { EditorUiAlias = string.IsNullOrWhiteSpace(definition.EditorUiAlias) ? editor.DefaultUiAlias : definition.EditorUiAlias };
        if (definition.Configuration["items"] is { } items && items is not System.Text.Json.Nodes.JsonArray)
        {
            return Fail(DataTypeOperationStatus.InvalidConfiguration, "values.items", "\"items\" must be a list.");
        }

        await using var db = contexts.CreateDbContext();
        if (await db.DataTypes.AnyAsync(d => d.Name == definition.Name && d.Key != definition.Key, cancellationToken))
        {
            return Fail(DataTypeOperationStatus.DuplicateKey, "name", $"A data type named '{definition.Name}' already exists.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.DataTypes.SingleOrDefaultAsync(d => d.Key == definition.Key, cancellationToken);
        if (row is null)
        {
            row = new DataTypeRow { CreateDate = now };
            db.DataTypes.Add(row);
        }
        else if (expectedVersion is not null && expectedVersion != row.Version)
        {
            return Attempt.FailWithStatus(DataTypeOperationStatus.CancelledByNotification,
                new DataTypeSaveResult(null, [new FieldError("version", "The data type was changed by someone else since it was read.")], IsStale: true));
        }

        SchemaRowMapper.Apply(definition, row);
        row.UpdateDate = now;
        row.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Attempt.FailWithStatus(DataTypeOperationStatus.CancelledByNotification,
                new DataTypeSaveResult(null, [new FieldError("version", "The data type was changed by someone else while saving.")], IsStale: true));
        }

        schema.Invalidate();
        var saved = SchemaRowMapper.ToDefinition(row);
        await events.PublishAsync(new DataTypeDefinitionSavedNotification(saved), cancellationToken);
        return Attempt.SucceedWithStatus(DataTypeOperationStatus.Success, new DataTypeSaveResult(saved, []));
    }

    public async Task<Attempt<DataTypeSaveResult, DataTypeOperationStatus>> DeleteAsync(Guid key, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.DataTypes.SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (row is null)
        {
            return Fail(DataTypeOperationStatus.NotFound, "id", $"Data type {key} does not exist.");
        }

        var snapshot = await schema.GetAsync(cancellationToken);
        var user = snapshot.ContentTypes.FirstOrDefault(t => t.Properties.Any(p => p.DataTypeKey == key));
        if (user is not null)
        {
            return Fail(DataTypeOperationStatus.NonDeletable, "id", $"Data type '{row.Name}' is used by content type '{user.Alias}'.");
        }

        db.DataTypes.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        schema.Invalidate();
        var deleted = SchemaRowMapper.ToDefinition(row);
        await events.PublishAsync(new DataTypeDefinitionDeletedNotification(deleted), cancellationToken);
        return Attempt.SucceedWithStatus(DataTypeOperationStatus.Success, new DataTypeSaveResult(deleted, []));
    }

    private static Attempt<DataTypeSaveResult, DataTypeOperationStatus> Fail(DataTypeOperationStatus status, string field, string message) =>
        Attempt.FailWithStatus(status, new DataTypeSaveResult(null, [new FieldError(field, message)]));
}
