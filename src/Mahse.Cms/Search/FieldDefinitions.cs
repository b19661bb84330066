namespace Mahse.Cms.Search;

/// <summary>Examine's field type names (FieldDefinitionTypes), with the same meaning.</summary>
public static class FieldDefinitionTypes
{
    public const string FullText = "fulltext";
    public const string FullTextSortable = "fulltextsortable";
    public const string Raw = "raw";
    public const string InvariantCultureIgnoreCase = "invariantcultureignorecase";
    public const string EmailAddress = "emailaddress";
    public const string Integer = "int";
    public const string Long = "long";
    public const string Double = "double";
    public const string DateTime = "datetime";
}

/// <summary>A field and its type. <paramref name="Facet"/> also writes doc values, so the field can be counted as a facet.</summary>
public sealed record FieldDefinition(string Name, string Type, bool Facet = false);

/// <summary>Examine's reserved field names.</summary>
public static class IndexFieldNames
{
    public const string NodeId = "__NodeId";
    public const string IndexType = "__IndexType";
    public const string ItemType = "__NodeTypeAlias";
    public const string SortPrefix = "__Sort_";
}

/// <summary>What is written for one item: an id, a category (content, media, member), an item type and its values.</summary>
public sealed record ValueSet(string Id, string Category, string ItemType, IReadOnlyDictionary<string, IReadOnlyList<object>> Values)
{
    public static ValueSet Create(string id, string category, string itemType, IReadOnlyDictionary<string, object?> values) =>
        new(id, category, itemType, values
            .Where(v => v.Value is not null)
            .ToDictionary(v => v.Key, v => v.Value is IEnumerable<object> many && v.Value is not string ? (IReadOnlyList<object>)many.ToList() : [v.Value!]));
}

public enum IndexAnalyzer
{
    /// <summary>Lucene's StandardAnalyzer (ExternalIndex, DeliveryApiContentIndex).</summary>
    Standard,

    /// <summary>Standard tokenising with English stemming (Porter) and stop words; not Examine's default, asked for by its users.</summary>
    EnglishStemming,

    /// <summary>Examine's CultureInvariantWhitespaceAnalyzer (InternalIndex, MembersIndex).</summary>
    CultureInvariantWhitespace,
}

/// <summary>How one index is set up.</summary>
public sealed record SearchIndexOptions(string Name, IndexAnalyzer Analyzer, IReadOnlyList<FieldDefinition> Fields)
{
    public FieldDefinition? Find(string field) => Fields.FirstOrDefault(f => string.Equals(f.Name, field, StringComparison.OrdinalIgnoreCase));

    /// <summary>Examine's rule: undefined fields are full text, unless reserved (<c>__</c>), which are case-insensitive keywords.</summary>
    public string TypeOf(string field) => Find(field)?.Type ?? (field.StartsWith("__", StringComparison.Ordinal) ? FieldDefinitionTypes.InvariantCultureIgnoreCase : FieldDefinitionTypes.FullText);
}
