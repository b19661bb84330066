using System.Diagnostics;
using System.Text.Json.Nodes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Mahse.Cms.Content;
using Mahse.Cms.Persistence;
using Mahse.Cms.Schema;
using Mahse.Cms.Search;
using Mahse.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mahse.Bench;

/// <summary>
/// The index layer against raw Lucene.Net on the same documents and the same query, in the same run: indexing rate,
/// a top-10 full-text query with facets on three fields, and the time from a publish to its being searchable.
/// </summary>
internal static class SearchBench
{
    private static readonly string[] Divisions = ["Life sciences", "Physiological sciences", "Physical sciences and biomedical engineering", "Clinical bioinformatics"];
    private static readonly string[] Regions = ["Cheshire and Merseyside", "Greater Manchester", "Lancashire and South Cumbria", "Cumbria"];
    private static readonly string[] Stages = ["Assistant", "Associate", "Practitioner", "Clinical scientist", "Consultant"];
    // 20 real words and 280 more: a term then matches about a tenth of the documents, as a search-box word would.
    private static readonly string[] Words = ["audit", "improvement", "innovation", "research", "service", "laboratory", "clinic", "patient", "pathway", "measurement", "training", "funding", "data", "quality", "waiting", "times", "imaging", "genomics", "audiology", "cardiac",
        .. Enumerable.Range(0, 280).Select(i => $"term{i}")];

    private static readonly SearchIndexOptions Options = new("BenchIndex", IndexAnalyzer.Standard,
    [
        new FieldDefinition("division", FieldDefinitionTypes.Raw, Facet: true),
        new FieldDefinition("region", FieldDefinitionTypes.Raw, Facet: true),
        new FieldDefinition("stage", FieldDefinitionTypes.Raw, Facet: true),
        new FieldDefinition("projects", FieldDefinitionTypes.Integer),
    ]);

    public static async Task RunAsync(int count)
    {
        var root = BenchHost.NewContentRoot();
        try
        {
            var items = Generate(count);
            Console.WriteLine($"Search benchmark: {count:N0} documents, {Environment.ProcessorCount} cores, Lucene.Net 4.8.0-beta00017");
            Console.WriteLine("| measure | index layer | raw Lucene.Net (same run) | ratio | target |");
            Console.WriteLine("| --- | --- | --- | --- | --- |");

            using var index = new LuceneIndex(Options, Path.Combine(root, "layer"), NullLogger.Instance);
            var layerClock = Stopwatch.StartNew();
            foreach (var batch in items.Chunk(1000))
            {
                index.IndexItems(batch);
            }

            index.Commit();
            index.WaitForChanges(60_000);
            var layerIndexing = layerClock.Elapsed;

            // Raw (measured second, so JIT warm-up is not charged to it): the same documents, written by a plain IndexWriter.
            var rawDir = FSDirectory.Open(new DirectoryInfo(Path.Combine(root, "raw")));
            var rawClock = Stopwatch.StartNew();
            using (var writer = new IndexWriter(rawDir, new IndexWriterConfig(Analyzers.Version, Analyzers.PerField(Options))))
            {
                foreach (var item in items)
                {
                    writer.AddDocument(DocumentBuilder.Build(item, Options));
                }

                writer.Commit();
            }

            var rawIndexing = rawClock.Elapsed;

            Console.WriteLine($"| indexing (docs/s, value sets → searchable) | {count / layerIndexing.TotalSeconds:N0} | {count / rawIndexing.TotalSeconds:N0} (same documents, AddDocument, one commit) | {layerIndexing / rawIndexing:F2} | ≥ 5,000/s |");

            using var reader = DirectoryReader.Open(rawDir);
            var searcher = new IndexSearcher(reader);
            foreach (var (label, layerBuild, rawQueryObject) in new (string, Func<SearchQuery>, Query)[]
            {
                ("top-10 full-text query + 3 facets (median)", () => index.CreateQuery().Field("body", "improvement"), new TermQuery(new Term("body", "improvement"))),
                ("all documents + 3 facets, worst case (median)", () => index.CreateQuery().All(), new MatchAllDocsQuery()),
            })
            {
                var matches = searcher.Search(rawQueryObject, 1).TotalHits;
                var layerQuery = Median(200, () => layerBuild().WithFacets(f => f.FacetString("division").FacetString("region").FacetString("stage")).Execute(take: 10));
                var rawQuery = Median(200, () =>
                {
                    var top = TopScoreDocCollector.Create(10, true);
                    var facets = new RawFacetCounter(["division", "region", "stage"]);
                    searcher.Search(rawQueryObject, MultiCollector.Wrap(top, facets));
                    foreach (var hit in top.GetTopDocs(0, 10).ScoreDocs)
                    {
                        _ = searcher.Doc(hit.Doc);
                    }

                    return facets.Labels();
                });
                Console.WriteLine($"| {label}, {matches:N0} matches | {layerQuery:F2} ms | {rawQuery:F2} ms | {layerQuery / rawQuery:F2} | < 5 ms, ≤ 1.5× |");
            }

            rawDir.Dispose();

            var visible = await PublishToSearchableAsync(root);
            Console.WriteLine($"| publish → searchable in ExternalIndex (median of {visible.Count}) | {visible.Order().ElementAt(visible.Count / 2):F0} ms (max {visible.Max():F0} ms) | | | < 2,000 ms |");
        }
        finally
        {
            BenchHost.Delete(root);
        }
    }

    private static List<ValueSet> Generate(int count)
    {
        var random = new Random(42);
        return Enumerable.Range(0, count).Select(i => ValueSet.Create(i.ToString(), "content", "surveyResponse", new Dictionary<string, object?>
        {
            ["title"] = $"Response {i}",
            ["body"] = string.Join(' ', Enumerable.Range(0, 30).Select(_ => Words[random.Next(Words.Length)])),
            ["division"] = Divisions[random.Next(Divisions.Length)],
            ["region"] = Regions[random.Next(Regions.Length)],
            ["stage"] = Stages[random.Next(Stages.Length)],
            ["projects"] = random.Next(0, 20),
        })).ToList();
    }

    private static double Median<T>(int runs, Func<T> query)
    {
        for (var i = 0; i < 20; i++)
        {
            query();
        }

        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            query();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[runs / 2];
    }

    private static async Task<List<double>> PublishToSearchableAsync(string root)
    {
        var site = Path.Combine(root, "site");
        System.IO.Directory.CreateDirectory(Path.Combine(site, "umbraco", "Data"));
        var app = MahseApp.Create(["--urls", "http://127.0.0.1:0"], site, BenchHost.Settings(site));
        await app.StartAsync();
        try
        {
            var types = app.Services.GetRequiredService<ContentTypeService>();
            var typeKey = Guid.NewGuid();
            var container = Guid.NewGuid();
            await types.SaveAsync(new ContentTypeDefinition(typeKey, ContentTypeKind.Document, "benchNews", "News",
                [new ContainerDefinition(container, null, "Content", ContainerType.Group, 0)],
                [new PropertyTypeDefinition(Guid.NewGuid(), container, "title", "Title", Guid.Parse("0cc0eba1-9960-42c9-bf9b-60e150b429ae"))],
                [], [], AllowedAtRoot: true), null, CancellationToken.None);
            var editing = app.Services.GetRequiredService<ContentEditingService>();
            var publishing = app.Services.GetRequiredService<ContentPublishingService>();
            var indexes = app.Services.GetRequiredService<IndexManager>();
            var times = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                var word = $"zq{i}marker";
                var created = await editing.CreateAsync(new ContentCreateModel(null, ContentNodeKind.Document, typeKey, null, $"News {i}",
                    new Dictionary<string, JsonNode?> { ["title"] = word }), null, CancellationToken.None);
                var clock = Stopwatch.StartNew();
                await publishing.PublishAsync(created.Result.Item!.Key, null, null, CancellationToken.None);
                while (indexes.External.CreateQuery().Field("title", word).Execute().TotalItemCount == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
                {
                    await Task.Delay(5);
                }

                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            return times;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>The baseline's facet counting: the same doc-values walk, written directly against Lucene.</summary>
    private sealed class RawFacetCounter(string[] fields) : ICollector
    {
        private readonly Dictionary<string, Dictionary<string, int>> _counts = fields.ToDictionary(f => f, _ => new Dictionary<string, int>());
        private readonly List<(string Field, SortedSetDocValues Values, int[] Counts)> _segment = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void SetScorer(Scorer scorer)
        {
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            Flush();
            foreach (var field in fields)
            {
                if (context.AtomicReader.GetSortedSetDocValues(field) is { } values)
                {
                    _segment.Add((field, values, new int[values.ValueCount]));
                }
            }
        }

        public void Collect(int doc)
        {
            foreach (var (_, values, counts) in _segment)
            {
                values.SetDocument(doc);
                long ord;
                while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    counts[ord]++;
                }
            }
        }

        public Dictionary<string, Dictionary<string, int>> Labels()
        {
            Flush();
            return _counts;
        }

        private void Flush()
        {
            var scratch = new BytesRef();
            foreach (var (field, values, counts) in _segment)
            {
                for (var ord = 0; ord < counts.Length; ord++)
                {
                    if (counts[ord] > 0)
                    {
                        values.LookupOrd(ord, scratch);
                        var label = scratch.Utf8ToString();
                        _counts[field][label] = _counts[field].GetValueOrDefault(label) + counts[ord];
                    }
                }
            }

            _segment.Clear();
        }
    }
}
