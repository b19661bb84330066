namespace Mahse.Cms.Search;

public enum Examineness
{
    Default,
    Fuzzy,
    SimpleWildcard,
    ComplexWildcard,
    Boosted,
    Phrase,
}

/// <summary>Examine's IExamineValue: a search term and how to treat it.</summary>
public sealed record SearchValue(string Value, Examineness Examineness = Examineness.Default, float Level = 1f);

/// <summary>Examine's string extensions for building values.</summary>
public static class SearchValueExtensions
{
    /// <summary>Examine's float: 1 or more is an edit count, below 1 a similarity converted the way Lucene 4.8 does.</summary>
    public static SearchValue Fuzzy(this string value, float fuzzieness = 0.5f) => new(value, Examineness.Fuzzy, fuzzieness);

    public static SearchValue Boost(this string value, float boost) => new(value, Examineness.Boosted, boost);

    public static SearchValue MultipleCharacterWildcard(this string value) => new(value + "*", Examineness.ComplexWildcard);

    public static SearchValue SingleCharacterWildcard(this string value) => new(value + "?", Examineness.SimpleWildcard);

    public static SearchValue Phrase(this string value) => new(value, Examineness.Phrase);
}

public enum BooleanOperation
{
    And,
    Or,
    Not,
}

public enum SortType
{
    Score,
    String,
    Int,
    Long,
    Double,
    DateTime,
}

public sealed record SortableField(string FieldName, SortType SortType = SortType.String);

/// <summary>A query the index cannot run: the caller's mistake, answered with a 400.</summary>
public sealed class SearchQueryException(string message, Exception? inner = null) : Exception(message, inner);
