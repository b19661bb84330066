using System.Runtime.CompilerServices;
using Mahse.Cms.Content;
using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Search;

/// <summary>
/// Umbraco's indexes (Examine's IExamineManager): ExternalIndex, InternalIndex, DeliveryApiContentIndex and
/// MembersIndex, under umbraco/Data/TEMP/ExamineIndexes, with what fills and refreshes each.
/// </summary>
public sealed class IndexManager : IDisposable
{
    private const int BatchSize = 1000;
    private readonly Dictionary<string, LuceneIndex> _indexes;
    private readonly ICmsDbContextFactory _contexts;
    private readonly SchemaCache _schema;
    private readonly PublishedContentCache _cache;
    private readonly ContentValueSetBuilder _builder;

    public IndexManager(string dataDirectory, ICmsDbContextFactory contexts, SchemaCache schema, PublishedContentCache cache, ContentValueSetBuilder builder, ILoggerFactory loggers)
    {
        _contexts = contexts;
        _schema = schema;
        _cache = cache;
        _builder = builder;
        Folder = Path.Combine(dataDirectory, "TEMP", "ExamineIndexes");
        ContentRoot = Path.GetFullPath(Path.Combine(dataDirectory, "..", ".."));
        var logger = loggers.CreateLogger<LuceneIndex>();
        SearchIndexOptions[] options =
        [
            new(UmbracoIndexes.ExternalIndexName, IndexAnalyzer.EnglishStemming, UmbracoIndexes.ContentFields),
            new(UmbracoIndexes.InternalIndexName, IndexAnalyzer.CultureInvariantWhitespace, UmbracoIndexes.ContentFields),
            new(UmbracoIndexes.DeliveryApiContentIndexName, IndexAnalyzer.Standard, [.. UmbracoIndexes.DeliveryApiFields, .. builder.HandlerFields()]),
            new(UmbracoIndexes.MembersIndexName, IndexAnalyzer.CultureInvariantWhitespace, UmbracoIndexes.MemberFields),
            new(UmbracoIndexes.SurveyIndexName, IndexAnalyzer.EnglishStemming, UmbracoIndexes.SurveyFields),
        ];
        _indexes = options.ToDictionary(o => o.Name, o => new LuceneIndex(o, Folder, logger), StringComparer.OrdinalIgnoreCase);
    }

    public string Folder { get; }

    /// <summary>The site's content root, that index folders are reported relative to.</summary>
    public string ContentRoot { get; }

    public IEnumerable<LuceneIndex> Indexes => _indexes.Values.OrderBy(i => i.Name);

    public bool TryGetIndex(string name, out LuceneIndex index) => _indexes.TryGetValue(name, out index!);

    public bool TryGetSearcher(string searcherName, out LuceneIndex index) =>
        _indexes.TryGetValue(searcherName.EndsWith("Searcher", StringComparison.Ordinal) ? searcherName[..^"Searcher".Length] : searcherName, out index!);

    public LuceneIndex External => _indexes[UmbracoIndexes.ExternalIndexName];

    public LuceneIndex Internal => _indexes[UmbracoIndexes.InternalIndexName];

    public LuceneIndex DeliveryApi => _indexes[UmbracoIndexes.DeliveryApiContentIndexName];

    public LuceneIndex Members => _indexes[UmbracoIndexes.MembersIndexName];

    public LuceneIndex Survey => _indexes[UmbracoIndexes.SurveyIndexName];

    /// <summary>Everything an index should hold, in batches (Umbraco's index populators).</summary>
    public async IAsyncEnumerable<IReadOnlyList<ValueSet>> PopulateAsync(LuceneIndex index, [EnumeratorCancellation] CancellationToken ct)
    {
        if (index == Survey)
        {
            await foreach (var batch in SurveyBatchesAsync(ct))
            {
                yield return batch;
            }

            yield break;
        }

        if (index == Members)
        {
            await foreach (var batch in MemberBatchesAsync(ct))
            {
                yield return batch;
            }

            yield break;
        }

        if (index == Internal)
        {
            await foreach (var batch in InternalBatchesAsync(ct))
            {
                yield return batch;
            }

            yield break;
        }

        var protection = await ProtectionAsync(ct);
        var snapshot = await _schema.GetAsync(ct);
        foreach (var chunk in _cache.All.Chunk(BatchSize))
        {
            yield return chunk.Select(item => index == External ? _builder.External(item, _cache, protection) : _builder.DeliveryApi(item, _cache, protection, snapshot)).ToList();
        }
    }

    /// <summary>Brings the content indexes up to date for these nodes and everything below them.</summary>
    public async Task RefreshAsync(IReadOnlyCollection<int> nodeIds, CancellationToken ct)
    {
        if (nodeIds.Count == 0)
        {
            return;
        }

        await using var db = _contexts.CreateDbContext();
        var paths = await db.ContentNodes.AsNoTracking().Where(n => nodeIds.Contains(n.Id)).Select(n => n.Path).ToListAsync(ct);
        var protection = await ProtectionAsync(ct);
        var snapshot = await _schema.GetAsync(ct);

        // Published side: whatever the cache says for the branch, nothing else.
        foreach (var id in nodeIds)
        {
            RemoveBranch(External, "__Path", id, paths);
            RemoveBranch(DeliveryApi, "__Path", id, paths);
        }

        var published = nodeIds.SelectMany(_cache.Branch).DistinctBy(i => i.Id).ToList();
        External.IndexItems(published.Select(i => _builder.External(i, _cache, protection)));
        DeliveryApi.IndexItems(published.Select(i => _builder.DeliveryApi(i, _cache, protection, snapshot)));

        // Internal: every node of the branch with its draft.
        foreach (var id in nodeIds)
        {
            RemoveBranch(Internal, "__Path", id, paths);
        }

        var branch = new List<(ContentNodeRow Node, string Values)>();
        foreach (var path in paths)
        {
            var prefix = path + ",";
            branch.AddRange((await db.ContentNodes.AsNoTracking().Where(n => (n.Path == path || n.Path.StartsWith(prefix)) && !n.Trashed)
                .Join(db.ContentVersions, n => n.DraftVersionId, v => v.Id, (n, v) => new { n, v.ValuesJson }).ToListAsync(ct))
                .Select(x => (x.n, x.ValuesJson)));
        }

        Internal.IndexItems(branch.DistinctBy(b => b.Node.Id).Select(b => InternalValueSet(b.Node, b.Values, snapshot)));
    }

    private static void RemoveBranch(LuceneIndex index, string pathField, int id, IReadOnlyList<string> knownPaths)
    {
        index.DeleteItems([id.ToString()]);
        foreach (var path in knownPaths.Where(p => p.EndsWith("," + id, StringComparison.Ordinal)))
        {
            index.DeleteByQuery(new Lucene.Net.Search.PrefixQuery(new Lucene.Net.Index.Term(pathField, path + ",")));
            index.DeleteByQuery(new Lucene.Net.Search.TermQuery(new Lucene.Net.Index.Term(pathField, path)));
        }

        // A deleted node has no path left in the database: find its branch through the index itself.
        if (knownPaths.All(p => !p.EndsWith("," + id, StringComparison.Ordinal)))
        {
            var query = new Lucene.Net.Search.WildcardQuery(new Lucene.Net.Index.Term(pathField, $"*,{id},*"));
            index.DeleteByQuery(query);
            index.DeleteByQuery(new Lucene.Net.Search.WildcardQuery(new Lucene.Net.Index.Term(pathField, $"*,{id}")));
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<ValueSet>> InternalBatchesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var snapshot = await _schema.GetAsync(ct);
        var lastId = 0;
        while (true)
        {
            await using var db = _contexts.CreateDbContext();
            var page = await db.ContentNodes.AsNoTracking().Where(n => n.Id > lastId && !n.Trashed).OrderBy(n => n.Id).Take(BatchSize)
                .Join(db.ContentVersions, n => n.DraftVersionId, v => v.Id, (n, v) => new { n, v.ValuesJson }).ToListAsync(ct);
            if (page.Count == 0)
            {
                yield break;
            }

            lastId = page[^1].n.Id;
            yield return page.Select(p => InternalValueSet(p.n, p.ValuesJson, snapshot)).ToList();
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<ValueSet>> MemberBatchesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var snapshot = await _schema.GetAsync(ct);
        var lastId = 0;
        while (true)
        {
            await using var db = _contexts.CreateDbContext();
            var page = await db.Members.AsNoTracking().Where(m => m.Id > lastId).OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                yield break;
            }

            lastId = page[^1].Id;
            yield return page.Select(m => MemberValueSet(m, snapshot)).ToList();
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<ValueSet>> SurveyBatchesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using (var names = _contexts.CreateDbContext())
        {
            _organisationNames = await names.SurveyOrganisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        }

        var lastId = 0L;
        while (true)
        {
            await using var db = _contexts.CreateDbContext();
            var page = await db.SurveyResponses.AsNoTracking().Where(r => r.Id > lastId).OrderBy(r => r.Id).Take(BatchSize).ToListAsync(ct);
            if (page.Count == 0)
            {
                yield break;
            }

            lastId = page[^1].Id;
            yield return page.Select(r => Mahse.Cms.Survey.SurveyValueSets.For(r, _organisationNames.GetValueOrDefault(r.OrganisationId, ""))).ToList();
        }
    }

    private Dictionary<int, string> _organisationNames = [];

    /// <summary>Brings MembersIndex up to date for one member (gone from the database: gone from the index).</summary>
    public async Task RefreshMemberAsync(Guid memberKey, CancellationToken ct)
    {
        await using var db = _contexts.CreateDbContext();
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.Key == memberKey, ct);
        if (member is null)
        {
            Members.DeleteItems([memberKey.ToString("D")]);
            return;
        }

        Members.IndexItems([MemberValueSet(member, await _schema.GetAsync(ct))]);
    }

    private static ValueSet MemberValueSet(MemberRow member, SchemaSnapshot snapshot) =>
        ContentValueSetBuilder.Member(member, snapshot.FindContentType(member.MemberTypeId)?.Alias ?? "Member", ContentValues.Parse(member.ValuesJson));

    private ValueSet InternalValueSet(ContentNodeRow node, string valuesJson, SchemaSnapshot snapshot) =>
        _builder.Internal(node, ContentValues.Parse(valuesJson), snapshot.FindContentType(node.ContentTypeId)?.Alias ?? "unknown", node.ParentId ?? -1);

    private async Task<IReadOnlyDictionary<Guid, ProtectionRule>> ProtectionAsync(CancellationToken ct)
    {
        await using var db = _contexts.CreateDbContext();
        return ContentValueSetBuilder.Protection(await db.PublicAccess.AsNoTracking().ToListAsync(ct));
    }

    public void Dispose()
    {
        foreach (var index in _indexes.Values)
        {
            index.Dispose();
        }
    }
}
