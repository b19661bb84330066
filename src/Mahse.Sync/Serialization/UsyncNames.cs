using Umbraco.Cms.Core.Strings;

namespace Mahse.Sync.Serialization;

/// <summary>uSync's file names and friendly paths, through Umbraco's own short string helper.</summary>
public sealed class UsyncNames(IShortStringHelper strings)
{
    /// <summary><c>ToSafeFileName</c>: lower case, punctuation to hyphens ("Bags &amp; Totes" → bags-totes).</summary>
    public string SafeFileName(string name)
    {
        var cleaned = strings.CleanStringForSafeFileName(name).ToLowerInvariant();
        return cleaned.Length == 0 ? "item" : cleaned;
    }

    /// <summary><c>ToSafeAlias</c>: PascalCase, punctuation removed ("Content Picker" → ContentPicker).</summary>
    public string SafeAlias(string name)
    {
        var cleaned = strings.CleanStringForSafeAlias(name);
        return cleaned.Length == 0 ? "item" : cleaned;
    }
}
