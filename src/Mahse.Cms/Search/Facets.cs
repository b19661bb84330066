using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Mahse.Cms.Search;

public sealed record LongRange(string Label, long? Min, long? Max, bool MinInclusive = true, bool MaxInclusive = false);

public sealed record DoubleRange(string Label, double? Min, double? Max, bool MinInclusive = true, bool MaxInclusive = false);

/// <summary>What to count, as Examine 4's FacetString / FacetLongRange / FacetDoubleRange.</summary>
public sealed class FacetRequests
{
    internal List<(string Field, int MaxCount)> Strings { get; } = [];

    internal List<(string Field, IReadOnlyList<LongRange> Ranges)> LongRanges { get; } = [];

    internal List<(string Field, IReadOnlyList<DoubleRange> Ranges)> DoubleRanges { get; } = [];

    public FacetRequests FacetString(string field, int maxCount = 10)
    {
        Strings.Add((field, maxCount));
        return this;
    }

    public FacetRequests FacetLongRange(string field, params LongRange[] ranges)
    {
        LongRanges.Add((field, ranges));
        return this;
    }

    public FacetRequests FacetDoubleRange(string field, params DoubleRange[] ranges)
    {
        DoubleRanges.Add((field, ranges));
        return this;
    }

    public bool Any => Strings.Count + LongRanges.Count + DoubleRanges.Count > 0;
}

public sealed record FacetValue(string Label, long Count);

public sealed record FacetResult(string Field, IReadOnlyList<FacetValue> Values);

/// <summary>
/// Counts facets from doc values while the query collects hits (Lucene.Net.Facet is not available): strings from
/// SortedSetDocValues, ranges from NumericDocValues, one segment at a time.
/// </summary>
internal sealed class FacetsCollector(FacetRequests requests) : ICollector
{
    private readonly Dictionary<string, Dictionary<string, long>> _strings = requests.Strings.ToDictionary(s => s.Field, _ => new Dictionary<string, long>());
    private readonly Dictionary<string, long[]> _longCounts = requests.LongRanges.ToDictionary(r => r.Field, r => new long[r.Ranges.Count]);
    private readonly Dictionary<string, long[]> _doubleCounts = requests.DoubleRanges.ToDictionary(r => r.Field, r => new long[r.Ranges.Count]);
    private readonly List<(string Field, SortedSetDocValues Values, long[] Counts)> _segmentStrings = [];
    private readonly List<(int Index, NumericDocValues Values, IBits? Has)> _segmentLongs = [];
    private readonly List<(int Index, NumericDocValues Values, IBits? Has)> _segmentDoubles = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        var reader = context.AtomicReader;
        foreach (var (field, _) in requests.Strings)
        {
            if (reader.GetSortedSetDocValues(field) is { } values)
            {
                _segmentStrings.Add((field, values, new long[values.ValueCount]));
            }
        }

        for (var i = 0; i < requests.LongRanges.Count; i++)
        {
            if (reader.GetNumericDocValues(requests.LongRanges[i].Field) is { } values)
            {
                _segmentLongs.Add((i, values, reader.GetDocsWithField(requests.LongRanges[i].Field)));
            }
        }

        for (var i = 0; i < requests.DoubleRanges.Count; i++)
        {
            if (reader.GetNumericDocValues(requests.DoubleRanges[i].Field) is { } values)
            {
                _segmentDoubles.Add((i, values, reader.GetDocsWithField(requests.DoubleRanges[i].Field)));
            }
        }
    }

    public void Collect(int doc)
    {
        foreach (var (_, values, counts) in _segmentStrings)
        {
            values.SetDocument(doc);
            long ord;
            while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
            {
                counts[ord]++;
            }
        }

        foreach (var (index, values, has) in _segmentLongs)
        {
            if (has is null || has.Get(doc))
            {
                var value = values.Get(doc);
                var (field, ranges) = requests.LongRanges[index];
                for (var r = 0; r < ranges.Count; r++)
                {
                    if (InRange(value, ranges[r].Min, ranges[r].Max, ranges[r].MinInclusive, ranges[r].MaxInclusive))
                    {
                        _longCounts[field][r]++;
                    }
                }
            }
        }

        foreach (var (index, values, has) in _segmentDoubles)
        {
            if (has is null || has.Get(doc))
            {
                var value = BitConverter.Int64BitsToDouble(values.Get(doc));
                var (field, ranges) = requests.DoubleRanges[index];
                for (var r = 0; r < ranges.Count; r++)
                {
                    if (InRange(value, ranges[r].Min, ranges[r].Max, ranges[r].MinInclusive, ranges[r].MaxInclusive))
                    {
                        _doubleCounts[field][r]++;
                    }
                }
            }
        }
    }

    private static bool InRange<T>(T value, T? min, T? max, bool minInclusive, bool maxInclusive)
        where T : struct, IComparable<T> =>
        (min is null || (minInclusive ? value.CompareTo(min.Value) >= 0 : value.CompareTo(min.Value) > 0))
        && (max is null || (maxInclusive ? value.CompareTo(max.Value) <= 0 : value.CompareTo(max.Value) < 0));

    private void FlushSegment()
    {
        var scratch = new BytesRef();
        foreach (var (field, values, counts) in _segmentStrings)
        {
            var labels = _strings[field];
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    values.LookupOrd(ord, scratch);
                    var label = scratch.Utf8ToString();
                    labels[label] = labels.GetValueOrDefault(label) + counts[ord];
                }
            }
        }

        _segmentStrings.Clear();
        _segmentLongs.Clear();
        _segmentDoubles.Clear();
    }

    public IReadOnlyList<FacetResult> Results()
    {
        FlushSegment();
        var results = new List<FacetResult>();
        foreach (var (field, maxCount) in requests.Strings)
        {
            results.Add(new FacetResult(field, _strings[field]
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(maxCount).Select(kv => new FacetValue(kv.Key, kv.Value)).ToList()));
        }

        foreach (var (field, ranges) in requests.LongRanges)
        {
            results.Add(new FacetResult(field, ranges.Select((r, i) => new FacetValue(r.Label, _longCounts[field][i])).ToList()));
        }

        foreach (var (field, ranges) in requests.DoubleRanges)
        {
            results.Add(new FacetResult(field, ranges.Select((r, i) => new FacetValue(r.Label, _doubleCounts[field][i])).ToList()));
        }

        return results;
    }
}
