using System.Text.RegularExpressions;
using Mahse.Cms.Infrastructure;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Exceptions;
using Umbraco.Cms.Core.Services.OperationStatus;

namespace Mahse.Cms.Schema;

public sealed record ContentTypeSaveResult(ContentTypeDefinition? ContentType, IReadOnlyList<FieldError> Errors, bool IsStale = false);

/// <summary>Saves document, media and member types after validating the schema itself.</summary>
public sealed partial class ContentTypeService(ICmsDbContextFactory contexts, SchemaCache schema, UmbracoContentTypeFactory factory, Umbraco.Cms.Core.Events.IEventAggregator events, TimeProvider clock)
{
    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$")]
    private static partial Regex AliasPattern();

    public async Task<IReadOnlyList<ContentTypeDefinition>> GetAllAsync(ContentTypeKind kind, CancellationToken cancellationToken) =>
        (await schema.GetAsync(cancellationToken)).ContentTypes.Where(t => t.Kind == kind).OrderBy(t => t.Name).ToList();

    public async Task<ContentTypeDefinition?> GetAsync(Guid key, CancellationToken cancellationToken) =>
        (await schema.GetAsync(cancellationToken)).FindContentType(key);

    public async Task<Attempt<ContentTypeSaveResult, ContentTypeOperationStatus>> SaveAsync(
        ContentTypeDefinition definition, int? expectedVersion, CancellationToken cancellationToken)
    {
        var snapshot = await schema.GetAsync(cancellationToken);
        var failure = Validate(definition, snapshot);
        if (failure is not null)
        {
            return failure.Value;
        }

        await using var db = contexts.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ContentTypes.AnyAsync(t => t.Alias.ToLower() == definition.Alias.ToLower() && t.Key != definition.Key, cancellationToken))
        {
            return Fail(ContentTypeOperationStatus.DuplicateAlias, "alias", $"The alias '{definition.Alias}' is already in use.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.ContentTypes.SingleOrDefaultAsync(t => t.Key == definition.Key, cancellationToken);
        if (row is null)
        {
            row = new ContentTypeRow { CreateDate = now };
            db.ContentTypes.Add(row);
        }
        else
        {
            if (row.Kind != definition.Kind)
            {
                return Fail(ContentTypeOperationStatus.NotAllowed, "id", $"{definition.Key} is a {row.Kind} type, not a {definition.Kind} type.");
            }

            if (expectedVersion is not null && expectedVersion != row.Version)
            {
                return Stale();
            }
        }

        SchemaRowMapper.Apply(definition, row);
        row.UpdateDate = now;
        row.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }

        schema.Invalidate();
        var saved = SchemaRowMapper.ToDefinition(row);
        await events.PublishAsync(new ContentTypeDefinitionSavedNotification(saved), cancellationToken);
        return Attempt.SucceedWithStatus(ContentTypeOperationStatus.Success, new ContentTypeSaveResult(saved, []));
    }

    public async Task<Attempt<ContentTypeSaveResult, ContentTypeOperationStatus>> DeleteAsync(Guid key, CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var row = await db.ContentTypes.SingleOrDefaultAsync(t => t.Key == key, cancellationToken);
        if (row is null)
        {
            return Fail(ContentTypeOperationStatus.NotFound, "id", $"Content type {key} does not exist.");
        }

        if (await db.ContentNodes.AnyAsync(n => n.ContentTypeId == row.Id, cancellationToken))
        {
            return Fail(ContentTypeOperationStatus.NotAllowed, "id", $"Content type '{row.Alias}' still has content; delete that first.");
        }

        var snapshot = await schema.GetAsync(cancellationToken);
        var dependent = snapshot.ContentTypes.FirstOrDefault(t => t.Compositions.Contains(key));
        if (dependent is not null)
        {
            return Fail(ContentTypeOperationStatus.NotAllowed, "id", $"Content type '{row.Alias}' is a composition of '{dependent.Alias}'.");
        }

        db.ContentTypes.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        schema.Invalidate();
        var deleted = SchemaRowMapper.ToDefinition(row);
        await events.PublishAsync(new ContentTypeDefinitionDeletedNotification(deleted), cancellationToken);
        return Attempt.SucceedWithStatus(ContentTypeOperationStatus.Success, new ContentTypeSaveResult(deleted, []));
    }

    private Attempt<ContentTypeSaveResult, ContentTypeOperationStatus>? Validate(ContentTypeDefinition definition, SchemaSnapshot snapshot)
    {
        if (string.IsNullOrWhiteSpace(definition.Name))
        {
            return Fail(ContentTypeOperationStatus.NameCannotBeEmpty, "name", "A content type needs a name.");
        }

        if (definition.Name.Length > 255)
        {
            return Fail(ContentTypeOperationStatus.NameTooLong, "name", "The name is longer than 255 characters.");
        }

        if (string.IsNullOrWhiteSpace(definition.Alias) || !AliasPattern().IsMatch(definition.Alias) || definition.Alias.Length > 255)
        {
            return Fail(ContentTypeOperationStatus.InvalidAlias, "alias", $"'{definition.Alias}' is not a valid alias: start with a letter, then letters, digits or '_'.");
        }

        var existing = snapshot.FindContentType(definition.Alias);
        if (existing is not null && existing.Key != definition.Key)
        {
            return Fail(ContentTypeOperationStatus.DuplicateAlias, "alias", $"The alias '{definition.Alias}' is already in use by '{existing.Name}'.");
        }

        var containerKeys = new HashSet<Guid>();
        foreach (var container in definition.Containers)
        {
            if (!containerKeys.Add(container.Key))
            {
                return Fail(ContentTypeOperationStatus.DuplicateContainer, "containers", $"Container {container.Key} is listed twice.");
            }

            if (string.IsNullOrWhiteSpace(container.Name))
            {
                return Fail(ContentTypeOperationStatus.InvalidContainerName, "containers", $"Container {container.Key} needs a name.");
            }
        }

        foreach (var container in definition.Containers.Where(c => c.ParentKey is not null))
        {
            var parent = definition.Containers.FirstOrDefault(c => c.Key == container.ParentKey);
            if (parent is null || parent.Type != ContainerType.Tab || container.Type != ContainerType.Group)
            {
                return Fail(ContentTypeOperationStatus.InvalidContainerType, "containers", $"Container '{container.Name}' must be a group inside a tab.");
            }
        }

        var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < definition.Properties.Count; i++)
        {
            var property = definition.Properties[i];
            var field = $"properties[{i}]";
            if (string.IsNullOrWhiteSpace(property.Alias) || !AliasPattern().IsMatch(property.Alias))
            {
                return Fail(ContentTypeOperationStatus.InvalidPropertyTypeAlias, $"{field}.alias", $"'{property.Alias}' is not a valid property alias.");
            }

            if (!aliases.Add(property.Alias))
            {
                return Fail(ContentTypeOperationStatus.DuplicatePropertyTypeAlias, $"{field}.alias", $"The property alias '{property.Alias}' is used twice.");
            }

            if (string.Equals(property.Alias, definition.Alias, StringComparison.OrdinalIgnoreCase))
            {
                return Fail(ContentTypeOperationStatus.PropertyTypeAliasCannotEqualContentTypeAlias, $"{field}.alias", "A property alias cannot equal the content type alias.");
            }

            if (snapshot.FindDataType(property.DataTypeKey) is null)
            {
                return Fail(ContentTypeOperationStatus.DataTypeNotFound, $"{field}.dataType", $"Data type {property.DataTypeKey} does not exist.");
            }

            if (property.ContainerKey is { } containerKey && !containerKeys.Contains(containerKey))
            {
                return Fail(ContentTypeOperationStatus.MissingContainer, $"{field}.container", $"Container {containerKey} is not defined on this type.");
            }

            if (!string.IsNullOrEmpty(property.RegEx) && !IsValidRegex(property.RegEx))
            {
                return Fail(ContentTypeOperationStatus.InvalidPropertyTypeAlias, $"{field}.validation.regEx", $"'{property.RegEx}' is not a valid regular expression.");
            }
        }

        foreach (var compositionKey in definition.Compositions)
        {
            var composition = snapshot.FindContentType(compositionKey);
            if (composition is null || composition.Kind != definition.Kind)
            {
                return Fail(ContentTypeOperationStatus.InvalidComposition, "compositions", $"Composition {compositionKey} does not exist or is not a {definition.Kind} type.");
            }
        }

        foreach (var child in definition.AllowedChildren)
        {
            var childType = child.Key == definition.Key ? definition : snapshot.FindContentType(child.Key);
            if (childType is null || childType.Kind != definition.Kind || childType.IsElement)
            {
                return Fail(ContentTypeOperationStatus.NotAllowed, "allowedDocumentTypes", $"Allowed child type {child.Key} does not exist or cannot be a child here.");
            }
        }

        // Build the type, and every type that composes it, through Umbraco's model: that finds cycles and clashes.
        ContentTypeDefinition? Lookup(Guid key) => key == definition.Key ? definition : snapshot.FindContentType(key);
        var affected = new[] { definition }.Concat(snapshot.ContentTypes.Where(t => t.Key != definition.Key && ComposesTransitively(t, definition.Key, Lookup)));
        foreach (var type in affected)
        {
            try
            {
                factory.Build(type, Lookup, snapshot.FindDataType);
            }
            catch (InvalidOperationException ex) when (ex.Message.StartsWith("Composition cycle", StringComparison.Ordinal))
            {
                return Fail(ContentTypeOperationStatus.InvalidInheritance, "compositions", $"The compositions form a cycle: {ex.Message}");
            }
            catch (InvalidCompositionException ex)
            {
                var clashing = ex.PropertyTypeAliases is { Length: > 0 } list ? string.Join(", ", list) : "(see compositions)";
                return Fail(ContentTypeOperationStatus.DuplicatePropertyTypeAlias, "compositions",
                    $"Composing '{type.Alias}' gives clashing property aliases: {clashing}.");
            }
        }

        return null;
    }

    private static bool ComposesTransitively(ContentTypeDefinition type, Guid target, Func<Guid, ContentTypeDefinition?> lookup, int depth = 0)
    {
        if (depth > 32)
        {
            return true;
        }

        return type.Compositions.Any(c => c == target || (lookup(c) is { } next && ComposesTransitively(next, target, lookup, depth + 1)));
    }

    private static bool IsValidRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Attempt<ContentTypeSaveResult, ContentTypeOperationStatus> Fail(ContentTypeOperationStatus status, string field, string message) =>
        Attempt.FailWithStatus(status, new ContentTypeSaveResult(null, [new FieldError(field, message)]));

    private static Attempt<ContentTypeSaveResult, ContentTypeOperationStatus> Stale() =>
        Attempt.FailWithStatus(ContentTypeOperationStatus.Unknown,
            new ContentTypeSaveResult(null, [new FieldError("version", "The content type was changed by someone else since it was read.")], IsStale: true));
}
