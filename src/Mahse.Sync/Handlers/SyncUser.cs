using Umbraco.Cms.Core;

namespace Mahse.Sync.Handlers;

/// <summary>
/// The user an import acts as. Umbraco's services ask for a performing user; an import from files has none, so it
/// acts as the super-user that unattended install creates (uSync does the same), and audit entries say so.
/// </summary>
internal static class SyncUser
{
    public static Guid Key => Constants.Security.SuperUserKey;
}
