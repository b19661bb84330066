using System.Collections.Concurrent;
using Mahse.Cms.Persistence;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core.Models;

namespace Mahse.Cms.Schema;

/// <summary>
/// All data types and content types in memory (a site has tens, not thousands), so that validation and the
/// published cache never query the schema tables. Replaced as a whole after every committed schema change.
/// </summary>
public sealed class SchemaCache(ICmsDbContextFactory contexts, UmbracoContentTypeFactory factory)
{
    private volatile SchemaSnapshot? _current;
    private readonly SemaphoreSlim _loadLock = new(1, 1);

    public async ValueTask<SchemaSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current)
        {
            return current;
        }

        await _loadLock.WaitAsync(cancellationToken);
        try
        {
            return _current ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            _loadLock.Release();
        }
    }

    public void Invalidate() => _current = null;

    private async Task<SchemaSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.CreateDbContext();
        var dataTypes = await db.DataTypes.AsNoTracking().ToListAsync(cancellationToken);
        var contentTypes = await db.ContentTypes.AsNoTracking().ToListAsync(cancellationToken);
        return new SchemaSnapshot(
            dataTypes.Select(SchemaRowMapper.ToDefinition).ToList(),
            contentTypes.Select(r => (r.Id, SchemaRowMapper.ToDefinition(r))).ToList(),
            factory);
    }
}

public sealed class SchemaSnapshot
{
    private readonly Dictionary<Guid, DataTypeDefinition> _dataTypes;
    private readonly Dictionary<Guid, ContentTypeDefinition> _contentTypes;
    private readonly Dictionary<string, ContentTypeDefinition> _contentTypesByAlias;
    private readonly Dictionary<int, ContentTypeDefinition> _contentTypesById;
    private readonly Dictionary<Guid, int> _idsByKey;
    private readonly ConcurrentDictionary<Guid, IContentTypeComposition?> _built = new();
    private readonly UmbracoContentTypeFactory _factory;

    public SchemaSnapshot(IReadOnlyList<DataTypeDefinition> dataTypes, IReadOnlyList<(int Id, ContentTypeDefinition Definition)> contentTypes, UmbracoContentTypeFactory factory)
    {
        _factory = factory;
        _dataTypes = dataTypes.ToDictionary(d => d.Key);
        _contentTypes = contentTypes.ToDictionary(c => c.Definition.Key, c => c.Definition);
        _contentTypesByAlias = contentTypes.ToDictionary(c => c.Definition.Alias, c => c.Definition, StringComparer.OrdinalIgnoreCase);
        _contentTypesById = contentTypes.ToDictionary(c => c.Id, c => c.Definition);
        _idsByKey = contentTypes.ToDictionary(c => c.Definition.Key, c => c.Id);
    }

    public IEnumerable<DataTypeDefinition> DataTypes => _dataTypes.Values;

    public IEnumerable<ContentTypeDefinition> ContentTypes => _contentTypes.Values;

    public DataTypeDefinition? FindDataType(Guid key) => _dataTypes.GetValueOrDefault(key);

    public ContentTypeDefinition? FindContentType(Guid key) => _contentTypes.GetValueOrDefault(key);

    public ContentTypeDefinition? FindContentType(string alias) => _contentTypesByAlias.GetValueOrDefault(alias);

    public ContentTypeDefinition? FindContentType(int id) => _contentTypesById.GetValueOrDefault(id);

    public int? FindContentTypeId(Guid key) => _idsByKey.TryGetValue(key, out var id) ? id : null;

    /// <summary>Umbraco's model of the type, compositions included; null for an unknown key.</summary>
    public IContentTypeComposition? FindComposition(Guid key) =>
        _built.GetOrAdd(key, k => _contentTypes.TryGetValue(k, out var definition)
            ? _factory.Build(definition, FindContentType, FindDataType)
            : null);
}
