using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Members.Auth;
using Mahse.Cms.Persistence;
using Mahse.Cms.Search;
using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core.Security;

namespace Mahse.Cms.Content.PublicAccess;

/// <summary>
/// Umbraco's public access entries in memory: which documents are members-only and for whom. The nearest entry
/// on the way up from an item decides, as in Umbraco. Whoever writes an entry calls <see cref="Invalidate"/>.
/// </summary>
public sealed class PublicAccessRules(ICmsDbContextFactory contexts)
{
    private volatile IReadOnlyDictionary<Guid, ProtectionRule>? _rules;

    /// <summary>Entries by the key of the document they protect.</summary>
    public IReadOnlyDictionary<Guid, ProtectionRule> Current => _rules ??= Load();

    public void Invalidate()
    {
        _rules = null;
        Changed?.Invoke();
    }

    /// <summary>Raised when an entry was written (the Delivery API's rendered-item memo listens).</summary>
    public event Action? Changed;

    /// <summary>The entry that protects an item (its own or its nearest ancestor's), or null when it is public.</summary>
    public ProtectionRule? For(PublishedContentItem item, ContentCache cache) => ContentValueSetBuilder.ProtectingRule(item, cache, Current);

    /// <summary>Umbraco's PublicAccessStatus for a reader: anyone for public items; else a member named by the rule or in one of its groups.</summary>
    public PublicAccessStatus Check(PublishedContentItem item, ContentCache cache, MemberIdentity? member)
    {
        if (For(item, cache) is not { } rule)
        {
            return PublicAccessStatus.AccessAccepted;
        }

        if (member is null)
        {
            return PublicAccessStatus.NotLoggedIn;
        }

        return Allows(rule, member) ? PublicAccessStatus.AccessAccepted : PublicAccessStatus.AccessDenied;
    }

    /// <summary>The index terms (protectedAccess) a member's query may see besides unprotected items.</summary>
    public static IEnumerable<string> AccessTerms(MemberIdentity member) =>
        member.Groups.Select(g => "r:" + g).Append("u:" + member.Key.ToString("D")).Concat(member.Email is null ? [] : ["u:" + member.Email]);

    private static bool Allows(ProtectionRule rule, MemberIdentity member) => rule.Access.Any(access =>
        access.StartsWith("r:", StringComparison.Ordinal)
            ? member.Groups.Contains(access[2..], StringComparer.OrdinalIgnoreCase)
            : string.Equals(access[2..], member.Email, StringComparison.OrdinalIgnoreCase) || string.Equals(access[2..], member.Key.ToString("D"), StringComparison.OrdinalIgnoreCase));

    private IReadOnlyDictionary<Guid, ProtectionRule> Load()
    {
        using var db = contexts.CreateDbContext();
        return ContentValueSetBuilder.Protection(db.PublicAccess.AsNoTracking().ToList());
    }
}

/// <summary>A document's public access entry was written or removed (after commit); uSync's export on save listens.</summary>
public sealed record PublicAccessChangedNotification(Guid DocumentKey, string DocumentName) : Umbraco.Cms.Core.Notifications.INotification;
