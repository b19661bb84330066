using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace Mahse.Cms.Search;

/// <summary>
/// Examine's fluent query, built as Lucene query objects rather than parsed strings: fields, groups, ranges,
/// the "managed" search-box query, native syntax, boosts, fuzzy, wildcards and phrases; then ordering, selected
/// fields, facets, highlighting and suggestions.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxTake = 1000;

    private readonly LuceneIndex _index;
    private readonly BooleanQuery _query = [];
    private readonly List<SortableField> _sort = [];
    private bool _descending;
    private Occur _next = Occur.MUST;
    private HashSet<string>? _fields;
    private string? _highlightField;
    private string? _suggestField;
    private string? _suggestText;

    internal SearchQuery(LuceneIndex index, string? category, BooleanOperation defaultOperation = BooleanOperation.And)
    {
        _index = index;
        _next = ToOccur(defaultOperation);
        if (category is not null)
        {
            _query.Add(new TermQuery(new Term(IndexFieldNames.IndexType, category.ToLowerInvariant())), Occur.MUST);
        }
    }

    internal FacetRequests Facets { get; } = new();

    public SearchQuery And()
    {
        _next = Occur.MUST;
        return this;
    }

    public SearchQuery Or()
    {
        _next = Occur.SHOULD;
        return this;
    }

    public SearchQuery Not()
    {
        _next = Occur.MUST_NOT;
        return this;
    }

    public SearchQuery All() => Add(new MatchAllDocsQuery());

    public SearchQuery Id(string id) => Add(new TermQuery(new Term(IndexFieldNames.NodeId, id)));

    public SearchQuery NodeTypeAlias(string alias) => Add(new TermQuery(new Term(IndexFieldNames.ItemType, alias.ToLowerInvariant())));

    public SearchQuery Field(string field, string text) => Field(field, new SearchValue(text));

    public SearchQuery Field(string field, SearchValue value) => Add(ValueQuery(field, value));

    /// <summary>An exact number or date, as Examine's <c>Field&lt;T&gt;</c>.</summary>
    public SearchQuery Field<T>(string field, T value)
        where T : struct => RangeQuery<T>([field], value, value);

    public SearchQuery RangeQuery<T>(string[] fields, T? min, T? max, bool minInclusive = true, bool maxInclusive = true)
        where T : struct
    {
        var group = new BooleanQuery();
        foreach (var field in fields)
        {
            group.Add(Range(field, min, max, minInclusive, maxInclusive), Occur.SHOULD);
        }

        return Add(fields.Length == 1 ? group.Clauses[0].Query : group);
    }

    public SearchQuery GroupedOr(IEnumerable<string> fields, params string[] values) => Grouped(fields, values, Occur.SHOULD);

    public SearchQuery GroupedAnd(IEnumerable<string> fields, params string[] values) => Grouped(fields, values, Occur.MUST);

    /// <summary>Every field × value becomes a MUST_NOT clause at the top level, as Examine does.</summary>
    public SearchQuery GroupedNot(IEnumerable<string> fields, params string[] values)
    {
        foreach (var field in fields)
        {
            foreach (var value in values)
            {
                _query.Add(ValueQuery(field, new SearchValue(value)), Occur.MUST_NOT);
            }
        }

        return this;
    }

    /// <summary>A nested group: <c>.Group(q =&gt; q.Field("a","x").Or().Field("b","y"))</c>.</summary>
    public SearchQuery Group(Func<SearchQuery, SearchQuery> inner, BooleanOperation defaultOperation = BooleanOperation.Or)
    {
        var nested = new SearchQuery(_index, null, defaultOperation);
        inner(nested);
        return Add(nested._query);
    }

    /// <summary>
    /// The search box: full-text fields get a boosted phrase plus each token as a term or prefix; numbers and dates
    /// an exact match when the text parses; keyword fields a term. Without fields, every searchable field.
    /// </summary>
    public SearchQuery ManagedQuery(string text, string[]? fields = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SearchQueryException("A search text is required.");
        }

        fields ??= _index.FieldNames().Where(f => !f.StartsWith("__", StringComparison.Ordinal)).ToArray();
        var any = new BooleanQuery();
        foreach (var field in fields)
        {
            if (ManagedFieldQuery(field, text) is { } query)
            {
                any.Add(query, Occur.SHOULD);
            }
        }

        return Add(any.Clauses.Count == 0 ? new BooleanQuery() : any);
    }

    /// <summary>Lucene query syntax over the index's fields; a syntax error is the caller's, and says where.</summary>
    public SearchQuery NativeQuery(string query)
    {
        var fields = _index.FieldNames().Where(f => !f.StartsWith("__", StringComparison.Ordinal)).ToArray();
        var parser = new NumericAwareQueryParser(fields.Length == 0 ? [IndexFieldNames.NodeId] : fields, _index)
        {
            AllowLeadingWildcard = false,
        };
        Query parsed;
        try
        {
            parsed = parser.Parse(query);
        }
        catch (Exception ex) when (ex is ParseException or FormatException or OverflowException)
        {
            throw new SearchQueryException($"The query could not be parsed: {ex.Message}", ex);
        }

        var known = _index.FieldNames().ToHashSet(StringComparer.Ordinal);
        var unknown = FieldsOf(parsed).Where(f => !known.Contains(f)).Order().ToList();
        if (unknown.Count > 0)
        {
            throw new SearchQueryException($"The index {_index.Name} has no field {string.Join(", ", unknown.Select(f => $"'{f}'"))}.");
        }

        return Add(parsed);
    }

    /// <summary>The fields a parsed query names, so a typo in a field name is reported rather than silently matching nothing.</summary>
    private static IEnumerable<string> FieldsOf(Query query) => query switch
    {
        BooleanQuery boolean => boolean.Clauses.SelectMany(c => FieldsOf(c.Query)),
        TermQuery term => [term.Term.Field],
        PhraseQuery phrase => phrase.GetTerms().Select(t => t.Field),
        MultiTermQuery multi => [multi.Field],
        _ => [],
    };

    public SearchQuery OrderBy(params SortableField[] fields)
    {
        _sort.AddRange(fields);
        return this;
    }

    public SearchQuery OrderByDescending(params SortableField[] fields)
    {
        _descending = true;
        return OrderBy(fields);
    }

    public SearchQuery SelectFields(params string[] fields)
    {
        _fields = new HashSet<string>(fields, StringComparer.Ordinal) { IndexFieldNames.NodeId };
        return this;
    }

    public SearchQuery WithFacets(Action<FacetRequests> configure)
    {
        configure(Facets);
        return this;
    }

    /// <summary>Adds highlighted snippets of a stored full-text field to each hit.</summary>
    public SearchQuery WithHighlight(string field)
    {
        _highlightField = field;
        return this;
    }

    /// <summary>Asks for "did you mean" suggestions from the terms of a field.</summary>
    public SearchQuery WithSuggestions(string field, string text)
    {
        _suggestField = field;
        _suggestText = text;
        return this;
    }

    public Query ToLuceneQuery() => _query.Clauses.Count == 0 ? new MatchAllDocsQuery() : _query;

    public SearchResults Execute(int skip = 0, int take = 100)
    {
        if (skip < 0)
        {
            throw new SearchQueryException("skip must be 0 or more.");
        }

        if (take is < 0 or > MaxTake)
        {
            throw new SearchQueryException($"take must be between 0 and {MaxTake}.");
        }

        return SearchExecutor.Execute(_index, ToLuceneQuery(), skip, take, Sort(), _fields, Facets, _highlightField, _suggestField, _suggestText);
    }

    private Sort? Sort()
    {
        if (_sort.Count == 0)
        {
            return null;
        }

        return new Sort(_sort.Select(s => s.SortType switch
        {
            SortType.Score => SortField.FIELD_SCORE,
            SortType.Int or SortType.Long or SortType.DateTime => new SortField(s.FieldName, SortFieldType.INT64, _descending),
            SortType.Double => new SortField(s.FieldName, SortFieldType.DOUBLE, _descending),
            _ => new SortField(IndexFieldNames.SortPrefix + s.FieldName, SortFieldType.STRING, _descending),
        }).ToArray());
    }

    private SearchQuery Add(Query query)
    {
        _query.Add(query, _next);
        _next = Occur.MUST;
        return this;
    }

    private SearchQuery Grouped(IEnumerable<string> fields, string[] values, Occur occur)
    {
        var group = new BooleanQuery();
        foreach (var field in fields)
        {
            foreach (var value in values)
            {
                group.Add(ValueQuery(field, new SearchValue(value)), occur);
            }
        }

        return Add(group);
    }

    private Query ValueQuery(string field, SearchValue value)
    {
        var type = _index.Options.TypeOf(field);
        if (type is FieldDefinitionTypes.Integer or FieldDefinitionTypes.Long or FieldDefinitionTypes.Double or FieldDefinitionTypes.DateTime)
        {
            return ExactFromText(field, type, value.Value)
                   ?? throw new SearchQueryException($"'{value.Value}' is not a valid value for {type} field '{field}'.");
        }

        Query query = value.Examineness switch
        {
            Examineness.Fuzzy => new FuzzyQuery(new Term(field, Normalize(field, value.Value)), FuzzyEdits(value)),
            Examineness.SimpleWildcard or Examineness.ComplexWildcard => Wildcard(field, value.Value),
            Examineness.Phrase => Phrase(field, value.Value),
            _ => type == FieldDefinitionTypes.Raw ? new TermQuery(new Term(field, value.Value)) : Analysed(field, value.Value),
        };
        if (value.Examineness == Examineness.Boosted)
        {
            query.Boost = value.Level;
        }

        return query;
    }

    private Query? ManagedFieldQuery(string field, string text)
    {
        var type = _index.Options.TypeOf(field);
        if (type is FieldDefinitionTypes.Integer or FieldDefinitionTypes.Long or FieldDefinitionTypes.Double or FieldDefinitionTypes.DateTime)
        {
            return ExactFromText(field, type, text);
        }

        if (type == FieldDefinitionTypes.Raw)
        {
            return new TermQuery(new Term(field, text));
        }

        var tokens = Tokens(field, text);
        if (tokens.Count == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        if (text.Length < 4)
        {
            query.Add(Phrase(field, text), Occur.MUST);
            return query;
        }

        var phrase = Phrase(field, text);
        phrase.Boost = 20;
        query.Add(phrase, Occur.SHOULD);
        var all = new BooleanQuery();
        foreach (var token in tokens)
        {
            if (token.Length >= 3)
            {
                var either = new BooleanQuery
                {
                    { new TermQuery(new Term(field, token)) { Boost = 10 }, Occur.SHOULD },
                    { new PrefixQuery(new Term(field, token)) { MultiTermRewriteMethod = MultiTermQuery.SCORING_BOOLEAN_QUERY_REWRITE }, Occur.SHOULD },
                };
                all.Add(either, Occur.MUST);
            }
            else
            {
                all.Add(new TermQuery(new Term(field, token)), Occur.MUST);
            }
        }

        query.Add(all, Occur.SHOULD);
        return query;
    }

    private Query Analysed(string field, string text)
    {
        var tokens = Tokens(field, text);
        if (tokens.Count == 1)
        {
            return new TermQuery(new Term(field, tokens[0]));
        }

        var any = new BooleanQuery();
        foreach (var token in tokens)
        {
            any.Add(new TermQuery(new Term(field, token)), Occur.SHOULD);
        }

        return any;
    }

    private PhraseQuery Phrase(string field, string text)
    {
        var phrase = new PhraseQuery();
        foreach (var token in Tokens(field, text))
        {
            phrase.Add(new Term(field, token));
        }

        return phrase;
    }

    private Query Wildcard(string field, string pattern)
    {
        if (pattern.StartsWith('*') || pattern.StartsWith('?'))
        {
            throw new SearchQueryException("A wildcard may not start a term (it would scan every term).");
        }

        return new WildcardQuery(new Term(field, _index.Options.TypeOf(field) == FieldDefinitionTypes.Raw ? pattern : pattern.ToLowerInvariant()));
    }

    private string Normalize(string field, string text) => Tokens(field, text).FirstOrDefault() ?? text.ToLowerInvariant();

    /// <summary>Examine's fuzziness: 1 or more is an edit count (max 2); below 1, Lucene 4.8's FloatToEdits.</summary>
    private static int FuzzyEdits(SearchValue value) =>
        value.Level >= 1 ? Math.Min(2, (int)value.Level) : Math.Min(2, (int)((1 - value.Level) * value.Value.Length));

    public List<string> Tokens(string field, string text)
    {
        var tokens = new List<string>();
        using var stream = _index.Analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }

    internal static Query? ExactFromText(string field, string type, string text) => type switch
    {
        FieldDefinitionTypes.Integer when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => NumericRangeQuery.NewInt32Range(field, i, i, true, true),
        FieldDefinitionTypes.Long when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => NumericRangeQuery.NewInt64Range(field, l, l, true, true),
        FieldDefinitionTypes.Double when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => NumericRangeQuery.NewDoubleRange(field, d, d, true, true),
        FieldDefinitionTypes.DateTime when DocumentBuilder.ToDate(text) is { } date => NumericRangeQuery.NewInt64Range(field, date.Ticks, date.Ticks, true, true),
        _ => null,
    };

    private Query Range<T>(string field, T? min, T? max, bool minInclusive, bool maxInclusive)
        where T : struct
    {
        var type = _index.Options.TypeOf(field);
        object? lo = min;
        object? hi = max;
        return type switch
        {
            FieldDefinitionTypes.Integer => NumericRangeQuery.NewInt32Range(field, lo is null ? null : Convert.ToInt32(lo, CultureInfo.InvariantCulture), hi is null ? null : Convert.ToInt32(hi, CultureInfo.InvariantCulture), minInclusive, maxInclusive),
            FieldDefinitionTypes.Long => NumericRangeQuery.NewInt64Range(field, lo is null ? null : Convert.ToInt64(lo, CultureInfo.InvariantCulture), hi is null ? null : Convert.ToInt64(hi, CultureInfo.InvariantCulture), minInclusive, maxInclusive),
            FieldDefinitionTypes.Double => NumericRangeQuery.NewDoubleRange(field, lo is null ? null : Convert.ToDouble(lo, CultureInfo.InvariantCulture), hi is null ? null : Convert.ToDouble(hi, CultureInfo.InvariantCulture), minInclusive, maxInclusive),
            FieldDefinitionTypes.DateTime => NumericRangeQuery.NewInt64Range(field, lo is null ? null : DocumentBuilder.ToDate(lo)?.Ticks, hi is null ? null : DocumentBuilder.ToDate(hi)?.Ticks, minInclusive, maxInclusive),
            _ => throw new SearchQueryException($"Field '{field}' is a {type} field; ranges need a number or date field."),
        };
    }

    private static Occur ToOccur(BooleanOperation operation) => operation switch
    {
        BooleanOperation.Or => Occur.SHOULD,
        BooleanOperation.Not => Occur.MUST_NOT,
        _ => Occur.MUST,
    };

    /// <summary>Turns <c>field:[a TO b]</c> on number and date fields into numeric ranges, as Examine's parser does.</summary>
    private sealed class NumericAwareQueryParser(string[] fields, LuceneIndex index) : MultiFieldQueryParser(Analyzers.Version, fields, index.Analyzer)
    {
        protected override Query GetRangeQuery(string field, string part1, string part2, bool startInclusive, bool endInclusive)
        {
            var type = index.Options.TypeOf(field);
            var lo = part1 == "*" ? null : part1;
            var hi = part2 == "*" ? null : part2;
            return type switch
            {
                FieldDefinitionTypes.Integer => NumericRangeQuery.NewInt32Range(field, lo is null ? null : int.Parse(lo, CultureInfo.InvariantCulture), hi is null ? null : int.Parse(hi, CultureInfo.InvariantCulture), startInclusive, endInclusive),
                FieldDefinitionTypes.Long => NumericRangeQuery.NewInt64Range(field, lo is null ? null : long.Parse(lo, CultureInfo.InvariantCulture), hi is null ? null : long.Parse(hi, CultureInfo.InvariantCulture), startInclusive, endInclusive),
                FieldDefinitionTypes.Double => NumericRangeQuery.NewDoubleRange(field, lo is null ? null : double.Parse(lo, CultureInfo.InvariantCulture), hi is null ? null : double.Parse(hi, CultureInfo.InvariantCulture), startInclusive, endInclusive),
                FieldDefinitionTypes.DateTime => NumericRangeQuery.NewInt64Range(field, lo is null ? null : DocumentBuilder.ToDate(lo)?.Ticks, hi is null ? null : DocumentBuilder.ToDate(hi)?.Ticks, startInclusive, endInclusive),
                _ => base.GetRangeQuery(field, part1, part2, startInclusive, endInclusive),
            };
        }
    }
}
