using Umbraco.Cms.Core.Notifications;

namespace Mahse.Survey.Storage;

/// <summary>
/// Published (Umbraco's IEventAggregator) after an import or the first-boot seed has committed. The survey index
/// updates on it: the respondents whose rows were added or changed, or <paramref name="All"/> when the whole table
/// should be read again (a seed or an import too large to list).
/// </summary>
public sealed record SurveyImportedNotification(IReadOnlyCollection<string> ChangedRespondentIds, bool All) : INotification;
