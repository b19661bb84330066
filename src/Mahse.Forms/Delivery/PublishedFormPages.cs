using System.Globalization;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Services.Navigation;
using Umbraco.Cms.Core.Strings;

namespace Mahse.Forms.Delivery;

/// <summary>
/// The pages that host forms, from Umbraco's published content cache: the page a submission names (<c>contentId</c>,
/// an integer id or a key), its values for magic strings, and the Delivery API route of the page to go to after
/// submitting. A members-only page (Umbraco public access on it or an ancestor) gives no values: anyone can name any
/// page in a query string, and the form must not become a way round the page's protection.
/// </summary>
public sealed class PublishedFormPages(
    IPublishedContentCache contents,
    IDocumentNavigationQueryService navigation,
    IPublicAccessService publicAccess,
    IApiContentRouteBuilder routes) : IFormPageValues, IFormPageRoutes
{
    /// <summary>The published page an id names (integer or GUID); null when there is none.</summary>
    public IPublishedContent? Find(string? contentId)
    {
        if (string.IsNullOrWhiteSpace(contentId))
        {
            return null;
        }

        var id = contentId.Trim();
        return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? contents.GetById(number)
            : Guid.TryParse(id, out var key) ? contents.GetById(key)
            : null;
    }

    /// <summary>The page for magic strings: published and not members-only, else null.</summary>
    public Guid? MagicPage(string? contentId) => Find(contentId) is { } page && !IsMembersOnly(page) ? page.Key : null;

    public bool IsMembersOnly(IPublishedContent page) => publicAccess.IsProtected(page.Path).Success;

    public string? Value(Guid? contentKey, string alias)
    {
        if (contentKey is not { } key || contents.GetById(key) is not { } page || IsMembersOnly(page))
        {
            return null;
        }

        return alias.ToLowerInvariant() switch
        {
            "pagename" => page.Name,
            "pageid" => page.Id.ToString(CultureInfo.InvariantCulture),
            _ => Text(page, alias),
        };
    }

    public string? ValueFromAncestors(Guid? contentKey, string alias)
    {
        if (contentKey is not { } key || contents.GetById(key) is not { } page || IsMembersOnly(page))
        {
            return null;
        }

        if (Value(key, alias) is { Length: > 0 } own)
        {
            return own;
        }

        // Nearest ancestor first (the navigation service lists them from the parent upwards).
        if (navigation.TryGetAncestorsKeys(key, out var ancestors))
        {
            foreach (var ancestor in ancestors)
            {
                if (contents.GetById(ancestor) is { } above && Text(above, alias) is { Length: > 0 } value)
                {
                    return value;
                }
            }
        }

        return null;
    }

    public FormPageRoute? Route(Guid contentKey)
    {
        if (contents.GetById(contentKey) is not { } page || routes.Build(page) is not { } route)
        {
            return null;
        }

        return new FormPageRoute(page.Key, route.Path, route.StartItem.Id, route.StartItem.Path);
    }

    /// <summary>A scalar property's value as text; null for structured values (blocks, pickers), which have no sensible text.</summary>
    public static string? Text(IPublishedContent page, string alias)
    {
        var property = page.GetProperty(alias);
        if (property is null || !property.HasValue())
        {
            return null;
        }

        return property.GetValue() switch
        {
            string text => text,
            IHtmlEncodedString html => html.ToHtmlString(),
            DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeOffset date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
