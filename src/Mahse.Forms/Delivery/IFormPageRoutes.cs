namespace Mahse.Forms.Delivery;

/// <summary>Where a published page lives, in the Delivery API's terms (the route of the page to go to after submitting).</summary>
public sealed record FormPageRoute(Guid Key, string Path, Guid StartItemKey, string StartItemPath);

/// <summary>Routes of published pages, from the site's published cache.</summary>
public interface IFormPageRoutes
{
    /// <summary>Null when the page is not published.</summary>
    FormPageRoute? Route(Guid contentKey);
}
