namespace Mahse.Sync.Api;

/// <summary>Why a sync request could not be done (the controllers map each to a problem details response).</summary>
public enum SyncOperationStatus
{
    Success,

    /// <summary>The group is not one of All, Settings, Content.</summary>
    InvalidGroup,

    /// <summary>An import or export is already running; the dashboard polls its progress instead.</summary>
    AlreadyRunning,

    /// <summary>Nothing has been imported, reported or exported since the site started.</summary>
    NoReport,
}
