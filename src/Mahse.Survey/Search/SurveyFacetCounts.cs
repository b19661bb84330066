using Lucene.Net.Facet;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Mahse.Survey.Search;

/// <summary>
/// Counts SurveyIndex's facets (Lucene.Net.Facet's sorted-set doc values, field <c>$facets</c>, "dimension␟value")
/// while the query collects its hits. Each reader's ordinals are read once into flat arrays (about 14 ints a response)
/// and kept until the next reopen, so a count is a tight loop over the matching documents' ordinals: reading them back
/// from the doc values for every search (SortedSetDocValuesFacetCounts) took 30 ms for 100,000 responses.
/// </summary>
public sealed class SurveyFacetCounts
{
    private volatile Ordinals? _cached;

    /// <summary>A collector that counts the facets of the documents it is given.</summary>
    public Counter CounterFor(IndexReader reader)
    {
        var ordinals = _cached;
        if (ordinals is null || !ReferenceEquals(ordinals.Reader, reader))
        {
            ordinals = Ordinals.Read(reader);
            _cached = ordinals;
        }

        return new Counter(ordinals);
    }

    /// <summary>Every facet value of a reader as flat arrays: document → its ordinals, ordinal → dimension and label.</summary>
    public sealed class Ordinals
    {
        private Ordinals(IndexReader reader, int[] starts, int[] ords, string[] dims, string[] labels)
        {
            Reader = reader;
            Starts = starts;
            Ords = ords;
            Dims = dims;
            Labels = labels;
        }

        public IndexReader Reader { get; }

        /// <summary>Where each top-level document's ordinals start in <see cref="Ords"/> (one more entry than documents).</summary>
        public int[] Starts { get; }

        public int[] Ords { get; }

        public string[] Dims { get; }

        public string[] Labels { get; }

        public static Ordinals Read(IndexReader reader)
        {
            var maxDoc = reader.MaxDoc;
            var starts = new int[maxDoc + 1];
            var values = MultiDocValues.GetSortedSetValues(reader, FacetsConfig.DEFAULT_INDEX_FIELD_NAME);
            if (values is null)
            {
                return new Ordinals(reader, starts, [], [], []);
            }

            var ords = new List<int>(maxDoc * 14);
            for (var doc = 0; doc < maxDoc; doc++)
            {
                starts[doc] = ords.Count;
                values.SetDocument(doc);
                long ord;
                while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    ords.Add((int)ord);
                }
            }

            starts[maxDoc] = ords.Count;
            var count = (int)values.ValueCount;
            var dims = new string[count];
            var labels = new string[count];
            var scratch = new BytesRef();
            for (var ord = 0; ord < count; ord++)
            {
                values.LookupOrd(ord, scratch);
                var path = FacetsConfig.StringToPath(scratch.Utf8ToString());
                dims[ord] = path[0];
                labels[ord] = path.Length > 1 ? path[1] : "";
            }

            return new Ordinals(reader, starts, [.. ords], dims, labels);
        }
    }

    /// <summary>Counts ordinals per matching document; <see cref="Results"/> gives dimension → value → count.</summary>
    public sealed class Counter(Ordinals ordinals) : ICollector
    {
        private readonly int[] _counts = new int[ordinals.Dims.Length];
        private int _docBase;

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void Collect(int doc)
        {
            var global = _docBase + doc;
            var starts = ordinals.Starts;
            var ords = ordinals.Ords;
            for (var i = starts[global]; i < starts[global + 1]; i++)
            {
                _counts[ords[i]]++;
            }
        }

        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Results(IEnumerable<string> dims)
        {
            var result = dims.ToDictionary(d => d, _ => new List<(string Label, int Count)>());
            for (var ord = 0; ord < _counts.Length; ord++)
            {
                if (_counts[ord] > 0 && result.TryGetValue(ordinals.Dims[ord], out var values))
                {
                    values.Add((ordinals.Labels[ord], _counts[ord]));
                }
            }

            return result.ToDictionary(
                d => d.Key,
                IReadOnlyDictionary<string, int> (d) => d.Value.OrderByDescending(v => v.Count).ThenBy(v => v.Label, StringComparer.Ordinal).ToDictionary(v => v.Label, v => v.Count));
        }
    }
}
