using Mahse.Survey.Search;
using Mahse.Survey.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Mahse.Survey.Views;

/// <summary>A search as one view sees it: totals and facets for everyone, the responses themselves for staff only.</summary>
public sealed record SurveySearchAnswer(
    long Total, bool Suppressed, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets, IReadOnlyList<SurveyResponseView>? Items);

/// <summary>Thrown when the survey index is not there (not registered or not built yet); the endpoints answer 503.</summary>
public sealed class SurveySearchUnavailableException() : Exception("The survey index is not available.");

/// <summary>
/// Runs a search on the survey index (<see cref="ISurveySearch"/>, Search/) and applies the view: outside the
/// backoffice no hits, a total under five suppressed altogether and facet values under five removed; staff get the
/// page of responses read back from the table (the index holds no contact details).
/// </summary>
public sealed class SurveySearchView(IServiceProvider services, SurveyStore store)
{
    public async Task<SurveySearchAnswer> SearchAsync(SurveySearchRequest request, SurveyView view, CancellationToken ct)
    {
        // Resolved per call: the index is registered by the Search/ part, and the rest of the survey works without it.
        var search = services.GetService<ISurveySearch>() ?? throw new SurveySearchUnavailableException();
        var staff = view == SurveyView.Staff;
        var result = await search.SearchAsync(staff ? request : request with { Skip = 0, Take = 0 }, ct);
        if (!staff)
        {
            if (result.Total < SmallGroups.Minimum)
            {
                return new SurveySearchAnswer(0, true, new Dictionary<string, IReadOnlyDictionary<string, int>>(), null);
            }

            var facets = result.Facets.ToDictionary(
                f => f.Key,
                f => (IReadOnlyDictionary<string, int>)f.Value.Where(v => v.Value >= SmallGroups.Minimum).ToDictionary(v => v.Key, v => v.Value));
            return new SurveySearchAnswer(result.Total, false, facets, null);
        }

        var rows = (await store.ByRespondentIdsAsync(result.Hits.Select(h => h.RespondentId).ToList(), ct)).ToDictionary(r => r.RespondentId);
        var items = result.Hits.Where(h => rows.ContainsKey(h.RespondentId)).Select(h => SurveyResponseView.From(rows[h.RespondentId], h.Highlights)).ToList();
        return new SurveySearchAnswer(result.Total, false, result.Facets, items);
    }
}
