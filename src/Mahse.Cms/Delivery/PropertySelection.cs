namespace Mahse.Cms.Delivery;

/// <summary>
/// What <c>expand</c> or <c>fields</c> asks for, at one level: all properties, or some by alias, each with what to
/// take of its own properties one level down.
/// </summary>
public sealed class PropertySelection
{
    public static readonly PropertySelection None = new(false, new Dictionary<string, PropertySelection>());
    public static readonly PropertySelection Everything = new(true, new Dictionary<string, PropertySelection>());

    private PropertySelection(bool all, IReadOnlyDictionary<string, PropertySelection> properties)
    {
        All = all;
        Properties = properties;
    }

    public bool All { get; }

    public IReadOnlyDictionary<string, PropertySelection> Properties { get; }

    public bool Includes(string alias) => All || Properties.ContainsKey(alias);

    /// <summary>The selection for a property's own properties (one level down); nothing unless asked for.</summary>
    public PropertySelection Nested(string alias) =>
        Properties.TryGetValue(alias, out var nested) ? nested
        : All && Properties.TryGetValue("$all", out var allNested) ? allNested
        : None;

    /// <summary>
    /// Parses both of Umbraco's syntaxes: v2 <c>properties[$all]</c>, <c>properties[a,b[properties[c]]]</c>, and v1
    /// <c>all</c> / <c>property:a,b</c>. Null or empty means <paramref name="empty"/>.
    /// </summary>
    public static bool TryParse(string? text, PropertySelection empty, out PropertySelection selection)
    {
        selection = empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        text = text.Trim();
        if (text == "all")
        {
            selection = Everything;
            return true;
        }

        if (text.StartsWith("property:", StringComparison.Ordinal))
        {
            var aliases = text["property:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (aliases.Length == 0 || aliases.Any(a => a.IndexOfAny(['[', ']']) >= 0))
            {
                return false;
            }

            selection = new PropertySelection(false, aliases.Distinct(StringComparer.Ordinal).ToDictionary(a => a, _ => None));
            return true;
        }

        var position = 0;
        if (!TryParseProperties(text, ref position, out var parsed) || position != text.Length)
        {
            return false;
        }

        selection = parsed;
        return true;
    }

    // properties '[' item (',' item)* ']'   where item := ('$all' | alias) ('[' properties-expression ']')?
    private static bool TryParseProperties(string text, ref int position, out PropertySelection selection)
    {
        selection = None;
        const string keyword = "properties[";
        if (string.CompareOrdinal(text, position, keyword, 0, keyword.Length) != 0)
        {
            return false;
        }

        position += keyword.Length;
        var all = false;
        var properties = new Dictionary<string, PropertySelection>(StringComparer.Ordinal);
        while (true)
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '[' or ']'))
            {
                position++;
            }

            var alias = text[start..position].Trim();
            if (alias.Length == 0 || position >= text.Length)
            {
                return false;
            }

            var nested = None;
            if (text[position] == '[')
            {
                position++;
                if (!TryParseProperties(text, ref position, out nested) || position >= text.Length || text[position] != ']')
                {
                    return false;
                }

                position++;
            }

            if (alias == "$all")
            {
                all = true;
            }

            properties[alias] = nested;
            if (position >= text.Length)
            {
                return false;
            }

            if (text[position] == ',')
            {
                position++;
                continue;
            }

            if (text[position] == ']')
            {
                position++;
                selection = new PropertySelection(all, properties);
                return true;
            }

            return false;
        }
    }
}
