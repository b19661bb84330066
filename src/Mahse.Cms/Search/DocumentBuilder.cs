using System.Globalization;
using System.Text;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace Mahse.Cms.Search;

/// <summary>Turns a value set into a Lucene document, field by field, the way Examine's value types do.</summary>
public static class DocumentBuilder
{
    /// <summary>Lucene refuses terms over 32,766 UTF-8 bytes; Examine aborts on them, this truncates (keyword fields only).</summary>
    public const int MaxTermBytes = 32_000;

    public static Document Build(ValueSet valueSet, SearchIndexOptions options)
    {
        var document = new Document
        {
            new StringField(IndexFieldNames.NodeId, valueSet.Id, Field.Store.YES),
            new StringField(IndexFieldNames.IndexType, valueSet.Category.ToLowerInvariant(), Field.Store.YES),
            new StringField(IndexFieldNames.ItemType, valueSet.ItemType.ToLowerInvariant(), Field.Store.YES),
        };
        foreach (var (name, values) in valueSet.Values)
        {
            var definition = options.Find(name);
            var type = options.TypeOf(name);
            var first = true;
            foreach (var value in values)
            {
                Add(document, name, type, value, definition?.Facet == true, first);
                first = false;
            }
        }

        return document;
    }

    private static void Add(Document document, string name, string type, object value, bool facet, bool first)
    {
        switch (type)
        {
            case FieldDefinitionTypes.Integer when ToLong(value) is { } i:
                document.Add(new Int32Field(name, (int)i, Field.Store.YES));
                if (first)
                {
                    document.Add(new NumericDocValuesField(name, i));
                }

                break;
            case FieldDefinitionTypes.Long when ToLong(value) is { } l:
                document.Add(new Int64Field(name, l, Field.Store.YES));
                if (first)
                {
                    document.Add(new NumericDocValuesField(name, l));
                }

                break;
            case FieldDefinitionTypes.Double when ToDouble(value) is { } d:
                document.Add(new DoubleField(name, d, Field.Store.YES));
                if (first)
                {
                    document.Add(new DoubleDocValuesField(name, d));
                }

                break;
            case FieldDefinitionTypes.DateTime when ToDate(value) is { } date:
                document.Add(new Int64Field(name, date.Ticks, Field.Store.YES));
                if (first)
                {
                    document.Add(new NumericDocValuesField(name, date.Ticks));
                }

                break;
            case FieldDefinitionTypes.Integer or FieldDefinitionTypes.Long or FieldDefinitionTypes.Double or FieldDefinitionTypes.DateTime:
                // A value that does not parse as the field's type is not indexed, as Examine does.
                break;
            case FieldDefinitionTypes.Raw:
                document.Add(new StringField(name, Truncate(Text(value)), Field.Store.YES));
                if (first && !facet)
                {
                    // Column-stored too: reading a key per hit from doc values avoids decompressing stored fields.
                    document.Add(new BinaryDocValuesField(name, new BytesRef(Truncate(Text(value)))));
                }

                break;
            case FieldDefinitionTypes.FullTextSortable:
                document.Add(new TextField(name, Text(value), Field.Store.YES));
                if (first)
                {
                    var sortValue = Truncate(Text(value).ToLowerInvariant());
                    document.Add(new StringField(IndexFieldNames.SortPrefix + name, sortValue, Field.Store.NO));
                    document.Add(new SortedDocValuesField(IndexFieldNames.SortPrefix + name, new BytesRef(sortValue)));
                }

                break;
            default:
                document.Add(new TextField(name, Text(value), Field.Store.YES));
                break;
        }

        if (facet)
        {
            document.Add(new SortedSetDocValuesField(name, new BytesRef(Truncate(Text(value)))));
        }
    }

    public static string Text(object value) => value switch
    {
        string s => s,
        DateTime d => d.ToString("o", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Truncate(string value)
    {
        if (Encoding.UTF8.GetByteCount(value) <= MaxTermBytes)
        {
            return value;
        }

        var end = Math.Min(value.Length, MaxTermBytes / 4);
        while (end < value.Length && Encoding.UTF8.GetByteCount(value.AsSpan(0, end + 1)) <= MaxTermBytes)
        {
            end++;
        }

        return value[..end];
    }

    public static long? ToLong(object value) => value switch
    {
        int i => i,
        long l => l,
        bool b => b ? 1 : 0,
        _ => long.TryParse(Text(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
    };

    public static double? ToDouble(object value) => value switch
    {
        double d => d,
        decimal m => (double)m,
        int i => i,
        long l => l,
        _ => double.TryParse(Text(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
    };

    public static DateTime? ToDate(object value) => value switch
    {
        DateTime d => d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d.ToUniversalTime(),
        DateTimeOffset o => o.UtcDateTime,
        _ => DateTime.TryParse(Text(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) ? parsed : null,
    };
}
