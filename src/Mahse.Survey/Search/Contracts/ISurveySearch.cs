namespace Mahse.Survey.Search;

// The search contract between the survey's HTTP endpoints (survey-core) and its Examine index (Search/, survey-index).
// The endpoints apply the privacy views (suppression of small groups, who sees hits); the search only searches.

/// <summary>Searches survey responses in the survey's Examine index.</summary>
public interface ISurveySearch
{
    Task<SurveySearchResult> SearchAsync(SurveySearchRequest request, CancellationToken ct);
}

/// <summary>
/// A search: free text (comments and specialisms, English stemming), facet filters by exact value, ranges on activity
/// counts (field = a <see cref="Model.SurveyVocabulary.Activities"/> name), and a page of hits.
/// </summary>
public sealed record SurveySearchRequest
{
    public string? Text { get; init; }

    public string? Division { get; init; }

    public string? Specialism { get; init; }

    public string? SubRegion { get; init; }

    public string? Organisation { get; init; }

    public string? CareerStage { get; init; }

    /// <summary>An activity the respondent reported at least once (audit, serviceImprovement, …).</summary>
    public string? Activity { get; init; }

    public string? Barrier { get; init; }

    public bool? Champion { get; init; }

    /// <summary>Activity name → inclusive range of its count; either end may be open.</summary>
    public IReadOnlyDictionary<string, SurveyRange> Ranges { get; init; } = new Dictionary<string, SurveyRange>();

    public int Skip { get; init; }

    /// <summary>Hits to return; 0 for totals and facets only (the public and member views).</summary>
    public int Take { get; init; } = 20;
}

public sealed record SurveyRange(int? Min, int? Max);

/// <summary>A hit: the respondent (look the row up with SurveyStore), its score and highlighted fragments of its comments.</summary>
public sealed record SurveySearchHit(string RespondentId, float Score, IReadOnlyList<string> Highlights);

/// <summary>
/// Total matches, the page of hits, and facets: field (division, specialism, subRegion, organisation, careerStage,
/// activity, barrier, champion) → value → count.
/// </summary>
public sealed record SurveySearchResult(
    long Total, IReadOnlyList<SurveySearchHit> Hits, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets);

/// <summary>The query could not be understood (bad syntax in the text); the endpoints answer 400 with its message.</summary>
public sealed class SurveySearchQueryException(string message, Exception? inner = null) : Exception(message, inner);
