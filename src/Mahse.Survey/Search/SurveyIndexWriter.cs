using Examine;
using Mahse.Survey.Storage;
using Microsoft.Extensions.Logging;

namespace Mahse.Survey.Search;

/// <summary>
/// Writes responses from the table into SurveyIndex: all of them (a rebuild, or after a seed), or those an import
/// changed. Writes are upserts by respondent id, so writing a response twice, or while another write runs, is harmless.
/// Examine queues the writes and commits them in the background; they are searchable within a second.
/// </summary>
public sealed class SurveyIndexWriter(IExamineManager examine, SurveyStore store, ILogger<SurveyIndexWriter> logger)
{
    /// <summary>Responses handed to Examine at once.</summary>
    public const int Batch = 1000;

    private volatile bool _live;

    /// <summary>
    /// Whether this process is the running site (Umbraco has published UmbracoApplicationStartedNotification). A command
    /// (<c>survey import</c>) boots Umbraco without starting the site: it must not open the index, which the site's
    /// process may hold, and it ends before a background write would finish; the site's next start catches up.
    /// </summary>
    public bool Live => _live;

    public void Started() => _live = true;

    public IIndex Index => examine.TryGetIndex(SurveyIndex.IndexName, out var index)
        ? index
        : throw new InvalidOperationException($"{SurveyIndex.IndexName} is not registered with Examine");

    public async Task<long> IndexAllAsync(IIndex index, CancellationToken ct)
    {
        long written = 0;
        var batch = new List<ValueSet>(Batch);
        await foreach (var row in store.AllAsync(ct))
        {
            batch.Add(SurveyValueSets.For(row));
            if (batch.Count == Batch)
            {
                index.IndexItems(batch);
                written += batch.Count;
                batch = new List<ValueSet>(Batch);
            }
        }

        if (batch.Count > 0)
        {
            index.IndexItems(batch);
            written += batch.Count;
        }

        logger.LogInformation("{Index}: {Count} responses written from the table", index.Name, written);
        return written;
    }

    public async Task<int> IndexAsync(IReadOnlyCollection<string> respondentIds, CancellationToken ct)
    {
        var index = Index;
        var written = 0;
        foreach (var chunk in respondentIds.Chunk(Batch))
        {
            var rows = await store.ByRespondentIdsAsync(chunk, ct);
            if (rows.Count > 0)
            {
                index.IndexItems(rows.Select(SurveyValueSets.For).ToList());
                written += rows.Count;
            }
        }

        return written;
    }
}
