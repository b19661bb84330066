namespace Mahse.Survey.Views;

/// <summary>Who is asking, which decides what they see (decision 0009: three views).</summary>
public enum SurveyView
{
    /// <summary>Aggregates only, with any group of fewer than five responses suppressed.</summary>
    Public,

    /// <summary>A signed-in member (a Delivery API member token): the aggregates, and the champions who consented to be contacted.</summary>
    Member,

    /// <summary>A backoffice user in a group of <c>Mahse:Survey:ViewerGroups</c>: every response, contact details and comments included.</summary>
    Staff,
}

/// <summary>The smallest group shown outside the backoffice, so no one can be picked out of an aggregate.</summary>
public static class SmallGroups
{
    public const int Minimum = 5;

    /// <summary>The count as shown to this view: under five becomes 0 outside the backoffice.</summary>
    public static int Shown(int count, SurveyView view) => view == SurveyView.Staff || count >= Minimum ? count : 0;

    /// <summary>Counts by value, leaving out (outside the backoffice) values counted fewer than five times.</summary>
    public static IReadOnlyDictionary<string, int> Counted(IEnumerable<string> values, SurveyView view) => values
        .GroupBy(v => v, StringComparer.Ordinal)
        .Where(g => view == SurveyView.Staff || g.Count() >= Minimum)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Count());
}
