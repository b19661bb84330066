using Examine;
using Mahse.Survey.Storage;
using Umbraco.Cms.Infrastructure.Examine;

namespace Mahse.Survey.Search;

/// <summary>
/// Fills SurveyIndex from the table: what Umbraco's index rebuilder runs for Examine Management's "Rebuild" (and for
/// an empty index at start-up), after it has emptied the index.
/// </summary>
public sealed class SurveyIndexPopulator(SurveyIndexWriter writer) : IndexPopulator<SurveyIndex>
{
    protected override void PopulateIndexes(IReadOnlyList<IIndex> indexes)
    {
        foreach (var index in indexes)
        {
            // Umbraco calls populators synchronously on a background thread.
            writer.IndexAllAsync(index, CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
