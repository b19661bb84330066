using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mahse.Cms.Delivery;

/// <summary>Umbraco's <c>Umbraco:CMS:DeliveryApi</c> settings.</summary>
public sealed class DeliveryApiSettings
{
    public bool Enabled { get; set; }

    public bool PublicAccess { get; set; } = true;

    public string? ApiKey { get; set; }

    public string[] DisallowedContentTypeAliases { get; set; } = [];

    public bool RichTextOutputAsJson { get; set; }

    public MediaSettings Media { get; set; } = new();

    public OutputCacheSettings OutputCache { get; set; } = new();

    /// <summary>Umbraco's opt-in output cache for the Delivery API; durations as "hh:mm:ss".</summary>
    public sealed class OutputCacheSettings
    {
        public bool Enabled { get; set; }

        public TimeSpan ContentDuration { get; set; } = TimeSpan.FromMinutes(1);

        public TimeSpan MediaDuration { get; set; } = TimeSpan.FromMinutes(1);
    }

    public sealed class MediaSettings
    {
        public bool Enabled { get; set; }

        public bool PublicAccess { get; set; } = true;
    }

    /// <summary>Umbraco's ApiAccessService: enabled, and public or a valid Api-Key; preview always needs the key.</summary>
    public bool Allows(HttpRequest request, bool preview) =>
        Enabled && (preview ? HasValidApiKey(request) : PublicAccess || HasValidApiKey(request));

    /// <summary>Compared in constant time; an empty configured key never matches.</summary>
    public bool HasValidApiKey(HttpRequest request)
    {
        var given = request.Headers["Api-Key"].ToString();
        if (string.IsNullOrEmpty(ApiKey) || string.IsNullOrEmpty(given))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey)));
    }
}
