namespace Mahse.Forms.Delivery;

/// <summary>
/// The hosting page's values for magic strings (<c>[#alias]</c>, <c>[$alias]</c>), read from the published cache by
/// the site. Implementations give text for scalar properties only (a block list has no sensible text for a
/// caption), answer <c>pageName</c> with the page's name and <c>pageID</c> with its integer id, as Umbraco Forms
/// does, and give null for a page the visitor may not see: anyone can name any page in a query string.
/// </summary>
public interface IFormPageValues
{
    /// <summary>The page's own value; null when there is no page, no such property or no access.</summary>
    string? Value(Guid? contentKey, string alias);

    /// <summary>The value of the page or, failing that, of its nearest ancestor that has one.</summary>
    string? ValueFromAncestors(Guid? contentKey, string alias);
}
