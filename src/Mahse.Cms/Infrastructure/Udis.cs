using System.Diagnostics.CodeAnalysis;
using Umbraco.Cms.Core;

namespace Mahse.Cms.Infrastructure;

/// <summary>Umbraco's entity references (<c>umb://document/…</c>), through Umbraco.Cms.Core's own <see cref="UdiParser"/>.</summary>
public static class Udis
{
    public static string Document(Guid key) => Udi.Create(Constants.UdiEntityType.Document, key).ToString();

    public static string Media(Guid key) => Udi.Create(Constants.UdiEntityType.Media, key).ToString();

    /// <summary>Accepts a UDI of the given entity type, or a bare GUID.</summary>
    public static bool TryParse(string? text, string entityType, out Guid key)
    {
        key = Guid.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (Guid.TryParse(text, out key))
        {
            return true;
        }

        if (UdiParser.TryParse(text, out Udi? udi) && udi is GuidUdi guidUdi && guidUdi.EntityType == entityType)
        {
            key = guidUdi.Guid;
            return true;
        }

        return false;
    }

    public static bool TryParseAny(string? text, [NotNullWhen(true)] out string? entityType, out Guid key)
    {
        entityType = null;
        key = Guid.Empty;
        if (!string.IsNullOrWhiteSpace(text) && UdiParser.TryParse(text.Trim(), out Udi? udi) && udi is GuidUdi guidUdi)
        {
            entityType = guidUdi.EntityType;
            key = guidUdi.Guid;
            return true;
        }

        return false;
    }
}
