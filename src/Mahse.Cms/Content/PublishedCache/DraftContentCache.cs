using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Content.PublishedCache;

/// <summary>
/// Preview: every document that is not in the recycle bin, in its latest saved version, published or not.
/// Built on the first preview request, so a site nobody previews pays nothing for it.
/// </summary>
public sealed class DraftContentCache(ICmsDbContextFactory contexts, SchemaCache schema, ILogger<DraftContentCache> logger)
    : ContentCache(contexts, schema, logger)
{
    private readonly SemaphoreSlim _firstBuild = new(1, 1);
    private volatile bool _requested;

    /// <summary>True once anyone asked for a preview: from then on every change is applied.</summary>
    public bool IsRequested => _requested;

    protected override string Description => "Preview (draft) cache";

    public async ValueTask<DraftContentCache> EnsureLoadedAsync(CancellationToken ct)
    {
        if (IsLoaded)
        {
            return this;
        }

        // Flagged before the build reads the database, so a change committed meanwhile is refreshed after it.
        _requested = true;
        await _firstBuild.WaitAsync(ct);
        try
        {
            if (!IsLoaded)
            {
                await RebuildAsync(ct);
            }
        }
        finally
        {
            _firstBuild.Release();
        }

        return this;
    }

    protected override IQueryable<PublishedRow> WithVersions(IQueryable<ContentNodeRow> documents, CmsDbContext db) =>
        documents.Join(db.ContentVersions, n => n.DraftVersionId, v => v.Id, (n, v) => new PublishedRow(n, v.ValuesJson, v.Name, v.UrlSegment));
}
