using Mahse.Cms.Content.PublishedCache;
using Mahse.Cms.Persistence;
using Mahse.Cms.Search;
using Microsoft.EntityFrameworkCore;

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

    private IReadOnlyDictionary<Guid, ProtectionRule> Load()
    {
        using var db = contexts.CreateDbContext();
        return ContentValueSetBuilder.Protection(db.PublicAccess.AsNoTracking().ToList());
    }
}
