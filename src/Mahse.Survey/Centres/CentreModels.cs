namespace Mahse.Survey.Centres;

/// <summary>What the centres-of-excellence ranking ranks.</summary>
public enum CentreLevel
{
    Organisation,

    /// <summary>An organisation's site, as the survey names it; responses without one are left out.</summary>
    Department,
}

/// <summary>The ranking's method: its formula, the weights in use, the fewest responses ranked, and where confidence is full.</summary>
public sealed record CentreMethod(string Formula, IReadOnlyDictionary<string, double> Weights, int MinimumResponses, int FullConfidenceAt);

/// <summary>What a rank rests on: responses, champions (0 under five outside the backoffice), activity totals, weighted activity per response, confidence.</summary>
public sealed record CentreEvidence(int Responses, int Champions, IReadOnlyDictionary<string, int> ActivityTotals, double ActivityPerResponse, double Confidence);

/// <summary>One ranked centre: an organisation, or a department of it when ranked by department.</summary>
public sealed record CentreOfExcellence(int Rank, string Organisation, string? Department, string SubRegion, double Score, CentreEvidence Evidence);
