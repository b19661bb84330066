using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Mahse.Forms.Delivery;

/// <summary>
/// Umbraco Forms' bracketed magic strings in a definition: <c>[@key]</c> request (query string, then server variables),
/// <c>[%key]</c> session, then cookie, <c>[#alias]</c> property of the hosting page (also <c>[#pageName]</c>, <c>[#pageID]</c>),
/// <c>[$alias]</c> the same searched up the tree, <c>[+key]</c> additional data; filters <c>lower</c>, <c>upper</c>
/// and <c>truncate: n</c>. A token with nothing behind it becomes empty, as in Umbraco Forms.
/// </summary>
public sealed partial class FormMagicStrings
{
    private readonly Guid? _contentKey;
    private readonly IFormPageValues? _pages;
    private readonly IReadOnlyDictionary<string, string> _additionalData;
    private readonly HttpRequest? _request;

    /// <param name="contentKey">The hosting page (the request's <c>contentId</c>), if any.</param>
    public FormMagicStrings(Guid? contentKey, IFormPageValues? pages, IReadOnlyDictionary<string, string>? additionalData, HttpRequest? request)
    {
        _contentKey = contentKey;
        _pages = pages;
        _additionalData = additionalData ?? new Dictionary<string, string>();
        _request = request;
    }

    /// <summary>Nothing to resolve: definitions read outside a request (tests, the form picker) stay as stored.</summary>
    public static FormMagicStrings None { get; } = new(null, null, null, null);

    /// <summary>
    /// The additional data of a definition request: <c>additionalData[key]=value</c> in the query string
    /// (ASP.NET Core's form of a dictionary), as Umbraco Forms' docs write it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> AdditionalDataFrom(IQueryCollection query) =>
        query.Where(q => q.Key.StartsWith("additionalData[", StringComparison.OrdinalIgnoreCase) && q.Key.EndsWith(']'))
            .ToDictionary(q => q.Key["additionalData[".Length..^1], q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Replaces the tokens in <paramref name="text"/>; in HTML, the values put in are encoded.</summary>
    public string? Parse(string? text, bool html = false)
    {
        if (string.IsNullOrEmpty(text) || text.IndexOf('[') < 0 || ReferenceEquals(this, None))
        {
            return text;
        }

        return Token().Replace(text, match =>
        {
            var value = Lookup(match.Groups["kind"].Value[0], match.Groups["key"].Value.Trim()) ?? "";
            foreach (var filter in match.Groups["filter"].Captures.Select(c => c.Value.Trim()))
            {
                value = Filter(value, filter);
            }

            return html ? WebUtility.HtmlEncode(value) : value;
        });
    }

    private string? Lookup(char kind, string key) => kind switch
    {
        '@' => RequestValue(key),
        '%' => SessionValue(key) ?? _request?.Cookies[key],
        '+' => _additionalData.GetValueOrDefault(key),
        '#' => _contentKey is null ? null : _pages?.Value(_contentKey, key),
        '$' => _contentKey is null ? null : _pages?.ValueFromAncestors(_contentKey, key),
        _ => null,
    };

    /// <summary>Only where the site uses sessions: without the feature there is nothing to read.</summary>
    private string? SessionValue(string key) =>
        _request?.HttpContext.Features.Get<ISessionFeature>()?.Session is { IsAvailable: true } session ? session.GetString(key) : null;

    /// <summary>The query string first, then the server variables Umbraco Forms' docs name (<c>Url</c>, <c>Remote_Addr</c>, <c>Http_*</c> headers).</summary>
    private string? RequestValue(string key)
    {
        if (_request is null)
        {
            return null;
        }

        if (_request.Query.TryGetValue(key, out var query))
        {
            return query.ToString();
        }

        if (key.Equals("Url", StringComparison.OrdinalIgnoreCase))
        {
            return _request.Path + _request.QueryString;
        }

        if (key.Equals("Remote_Addr", StringComparison.OrdinalIgnoreCase))
        {
            return _request.HttpContext.Connection.RemoteIpAddress?.ToString();
        }

        return key.StartsWith("Http_", StringComparison.OrdinalIgnoreCase) && _request.Headers.TryGetValue(key[5..].Replace('_', '-'), out var header)
            ? header.ToString()
            : null;
    }

    private static string Filter(string value, string filter)
    {
        var name = filter.Split(':', 2)[0].Trim().ToLowerInvariant();
        var argument = filter.Contains(':') ? filter.Split(':', 2)[1].Trim() : null;
        return name switch
        {
            "lower" => value.ToLowerInvariant(),
            "upper" => value.ToUpperInvariant(),
            "truncate" when int.TryParse(argument, CultureInfo.InvariantCulture, out var length) && length >= 0 && value.Length > length => value[..length] + "...",
            _ => value,
        };
    }

    [GeneratedRegex(@"\[(?<kind>[@%#$+])(?<key>[^\]\|\[]+?)(?:\|(?<filter>[^\]\|]+))*\]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Token();
}
