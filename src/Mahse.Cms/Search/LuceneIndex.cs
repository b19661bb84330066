using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;
using Directory = System.IO.Directory;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Mahse.Cms.Search;

public enum IndexHealth
{
    Healthy,
    Rebuilding,
    Unhealthy,
}

/// <summary>
/// One Lucene index, Examine-style: a single long-lived writer, a near-real-time searcher manager (reopened in the
/// background, at most a second stale after a write), commits debounced to one a second, and rebuilds that fill a
/// shadow index and swap it in, so searches never see an empty index while a rebuild runs.
/// </summary>
public sealed class LuceneIndex : IDisposable
{
    private static readonly TimeSpan CommitDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxCommitDelay = TimeSpan.FromSeconds(10);

    private readonly string _root;
    private readonly ILogger _logger;
    private readonly object _writeLock = new();

    // Searches hold the read side; swapping in a rebuilt index takes the write side, so no search meets a disposed reader.
    private readonly ReaderWriterLockSlim _swapLock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Timer _commitTimer;
    private State _state;
    private DateTime? _firstPendingWrite;
    private volatile bool _rebuilding;
    private long _commitCount;
    private bool _dirty;

    private sealed record State(LuceneDirectory Directory, IndexWriter Writer, TrackingIndexWriter Tracking, SearcherManager Searchers, ControlledRealTimeReopenThread<IndexSearcher> Reopener)
    {
        public void Dispose(bool commit)
        {
            Reopener.Dispose();
            Searchers.Dispose();
            if (commit)
            {
                Writer.Commit();
            }

            Writer.Dispose();
            Directory.Dispose();
        }
    }

    public LuceneIndex(SearchIndexOptions options, string indexesFolder, ILogger logger)
    {
        Options = options;
        _root = indexesFolder;
        _logger = logger;
        Analyzer = Analyzers.PerField(options);
        _commitTimer = new Timer(_ => Commit(), null, Timeout.Infinite, Timeout.Infinite);
        _state = Open(IndexPath, recoverIfCorrupt: true);
        if (File.Exists(DirtyMarker))
        {
            // Writes were pending when the process stopped: what was committed may be behind the database.
            _logger.LogWarning("Index {Index} was not shut down cleanly; it will be rebuilt", Name);
            NeedsRebuild = true;
        }
    }

    /// <summary>Exists while writes are waiting for a commit; found at start-up, it means the process died mid-write.</summary>
    private string DirtyMarker => IndexPath + ".dirty";

    public string Name => Options.Name;

    public SearchIndexOptions Options { get; }

    public Analyzer Analyzer { get; }

    public string IndexPath => Path.Combine(_root, Name);

    public bool IsRebuilding => _rebuilding;

    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>The generation of the last write; searchable once the reopen thread has caught up with it.</summary>
    public long LastGeneration { get; private set; }

    /// <summary>Whether the index was found missing, empty or damaged when opened (so the caller should rebuild).</summary>
    public bool NeedsRebuild { get; private set; }

    private State Open(string path, bool recoverIfCorrupt)
    {
        Directory.CreateDirectory(path);
        try
        {
            return OpenAt(path);
        }
        catch (Exception ex) when (recoverIfCorrupt && ex is CorruptIndexException or IOException or IndexFormatTooOldException or IndexFormatTooNewException or LockObtainFailedException)
        {
            var aside = $"{path}.corrupt-{DateTime.UtcNow:yyyyMMddHHmmss}";
            _logger.LogError(ex, "Index {Index} could not be opened; moving it aside to {Aside} and starting an empty one to rebuild", Name, aside);
            Directory.Move(path, aside);
            Directory.CreateDirectory(path);
            NeedsRebuild = true;
            return OpenAt(path);
        }
    }

    private State OpenAt(string path)
    {
        var directory = FSDirectory.Open(new DirectoryInfo(path));
        try
        {
            // A crash leaves write.lock behind; this process is the only writer, as Umbraco assumes with UnlockIndex.
            if (IndexWriter.IsLocked(directory))
            {
                IndexWriter.Unlock(directory);
            }

            if (DirectoryReader.IndexExists(directory))
            {
                // Read every segment once: a damaged index fails here rather than on the first search.
                using var check = DirectoryReader.Open(directory);
                NeedsRebuild |= check.NumDocs == 0;
            }
            else
            {
                NeedsRebuild = true;
            }

            var config = new IndexWriterConfig(Analyzers.Version, Analyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                MergePolicy = new TieredMergePolicy { MaxMergeAtOnce = 10, SegmentsPerTier = 10 },
            };
            var writer = new IndexWriter(directory, config);
            var tracking = new TrackingIndexWriter(writer);
            var searchers = new SearcherManager(writer, true, null);
            var reopener = new ControlledRealTimeReopenThread<IndexSearcher>(tracking, searchers, 1.0, 0.01) { Name = $"{Name} NRT reopen", IsBackground = true };
            reopener.Start();
            return new State(directory, writer, tracking, searchers, reopener);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Starts a query, optionally limited to a category (Examine's <c>Searcher.CreateQuery</c>).</summary>
    public SearchQuery CreateQuery(string? category = null, BooleanOperation defaultOperation = BooleanOperation.And) => new(this, category, defaultOperation);

    public void IndexItems(IEnumerable<ValueSet> items)
    {
        lock (_writeLock)
        {
            foreach (var item in items)
            {
                try
                {
                    LastGeneration = _state.Tracking.UpdateDocument(new Term(IndexFieldNames.NodeId, item.Id), DocumentBuilder.Build(item, Options));
                }
                catch (ArgumentException ex)
                {
                    // One bad document must not abort a batch or a rebuild (Umbraco#11487).
                    _logger.LogWarning(ex, "Item {Id} could not be indexed in {Index}", item.Id, Name);
                }
            }

            ScheduleCommit();
        }
    }

    public void DeleteItems(IEnumerable<string> ids)
    {
        lock (_writeLock)
        {
            foreach (var id in ids)
            {
                LastGeneration = _state.Tracking.DeleteDocuments(new Term(IndexFieldNames.NodeId, id));
            }

            ScheduleCommit();
        }
    }

    /// <summary>Deletes by query (e.g. every descendant by path), in the same writer as everything else.</summary>
    public void DeleteByQuery(Query query)
    {
        lock (_writeLock)
        {
            LastGeneration = _state.Tracking.DeleteDocuments(query);
            ScheduleCommit();
        }
    }

    /// <summary>Blocks until the last write is visible to searches (tests and benchmarks).</summary>
    public void WaitForChanges(int timeoutMs = 5000)
    {
        _swapLock.EnterReadLock();
        try
        {
            _state.Reopener.WaitForGeneration(LastGeneration, timeoutMs);
        }
        finally
        {
            _swapLock.ExitReadLock();
        }
    }

    /// <summary>
    /// Fills a shadow index with <paramref name="items"/> and swaps it in; searches keep using the current index
    /// until then. Writes that arrive meanwhile wait for the swap (they are serialised by the indexing queue).
    /// </summary>
    public async Task RebuildAsync(IAsyncEnumerable<IReadOnlyList<ValueSet>> items, IProgress<int>? progress, CancellationToken ct)
    {
        var shadowPath = IndexPath + ".rebuild";
        if (Directory.Exists(shadowPath))
        {
            Directory.Delete(shadowPath, recursive: true);
        }

        _rebuilding = true;
        try
        {
            using (var directory = FSDirectory.Open(new DirectoryInfo(shadowPath)))
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(Analyzers.Version, Analyzers.PerField(Options)) { OpenMode = OpenMode.CREATE }))
            {
                var count = 0;
                await foreach (var batch in items.WithCancellation(ct))
                {
                    foreach (var item in batch)
                    {
                        try
                        {
                            writer.UpdateDocument(new Term(IndexFieldNames.NodeId, item.Id), DocumentBuilder.Build(item, Options));
                        }
                        catch (ArgumentException ex)
                        {
                            _logger.LogWarning(ex, "Item {Id} could not be indexed in {Index}", item.Id, Name);
                        }
                    }

                    count += batch.Count;
                    progress?.Report(count);
                }

                writer.Commit();
            }

            SwapIn(shadowPath);
        }
        finally
        {
            _rebuilding = false;
        }
    }

    private void SwapIn(string shadowPath)
    {
        lock (_writeLock)
        {
            _swapLock.EnterWriteLock();
            try
            {
                _commitTimer.Change(Timeout.Infinite, Timeout.Infinite);
                _state.Dispose(commit: false);
                var old = IndexPath + ".old";
                if (Directory.Exists(old))
                {
                    Directory.Delete(old, recursive: true);
                }

                Directory.Move(IndexPath, old);
                Directory.Move(shadowPath, IndexPath);
                Directory.Delete(old, recursive: true);
                _state = OpenAt(IndexPath);
                NeedsRebuild = false;
                LastGeneration = 0;
                File.Delete(DirtyMarker);
                _dirty = false;
                _firstPendingWrite = null;
                Interlocked.Increment(ref _commitCount);
            }
            finally
            {
                _swapLock.ExitWriteLock();
            }
        }
    }

    /// <summary>Runs a search on the current near-real-time searcher.</summary>
    public T Search<T>(Func<IndexSearcher, T> search)
    {
        _swapLock.EnterReadLock();
        try
        {
            var manager = _state.Searchers;
            var searcher = manager.Acquire();
            try
            {
                return search(searcher);
            }
            finally
            {
                manager.Release(searcher);
            }
        }
        finally
        {
            _swapLock.ExitReadLock();
        }
    }

    public long DocumentCount() => Search(s => (long)s.IndexReader.NumDocs);

    public IReadOnlyList<string> FieldNames() => Search(s =>
        (IReadOnlyList<string>)MultiFields.GetMergedFieldInfos(s.IndexReader).Select(f => f.Name).Where(n => !n.StartsWith(IndexFieldNames.SortPrefix, StringComparison.Ordinal)).Order().ToList());

    public (IndexHealth Status, string? Message) Health()
    {
        if (_rebuilding)
        {
            return (IndexHealth.Rebuilding, null);
        }

        _swapLock.EnterReadLock();
        try
        {
            using var reader = _state.Writer.GetReader(false);
            return (IndexHealth.Healthy, null);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or CorruptIndexException)
        {
            return (IndexHealth.Unhealthy, ex.Message);
        }
        finally
        {
            _swapLock.ExitReadLock();
        }
    }

    private void ScheduleCommit()
    {
        if (!_dirty)
        {
            File.WriteAllText(DirtyMarker, DateTime.UtcNow.ToString("o"));
            _dirty = true;
        }

        var now = DateTime.UtcNow;
        _firstPendingWrite ??= now;
        var due = _firstPendingWrite.Value + MaxCommitDelay - now;
        _commitTimer.Change(due < CommitDelay ? (due < TimeSpan.Zero ? TimeSpan.Zero : due) : CommitDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Commits now (also what the debounce timer calls).</summary>
    public void Commit()
    {
        lock (_writeLock)
        {
            try
            {
                _state.Writer.Commit();
                _firstPendingWrite = null;
                Interlocked.Increment(ref _commitCount);
                if (_dirty)
                {
                    File.Delete(DirtyMarker);
                    _dirty = false;
                }
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                _logger.LogError(ex, "Committing index {Index} failed; a rebuild may be needed", Name);
            }
        }
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _commitTimer.Dispose();
            _state.Dispose(commit: true);
            if (_dirty)
            {
                File.Delete(DirtyMarker);
                _dirty = false;
            }
        }
    }

    /// <summary>
    /// How many hits a page of skip+take needs collected. Capped at the index's document count because Lucene
    /// sizes its priority queue up front: take=int.MaxValue would otherwise allocate gigabytes (or overflow).
    /// </summary>
    public static int HitsToCollect(IndexSearcher searcher, int skip, int take) =>
        (int)Math.Clamp((long)skip + take, 1, Math.Max(1, searcher.IndexReader.MaxDoc));

    /// <summary>
    /// A raw field's first value for a hit: from doc values where the segment has them (fast), else from the stored
    /// document (segments written before doc values were added to raw fields).
    /// </summary>
    public static string? RawValue(IndexSearcher searcher, int doc, string field)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        if (leaf.AtomicReader.GetBinaryDocValues(field) is { } values)
        {
            var bytes = new Lucene.Net.Util.BytesRef();
            values.Get(doc - leaf.DocBase, bytes);
            if (bytes.Length > 0)
            {
                return bytes.Utf8ToString();
            }
        }

        return searcher.Doc(doc, new HashSet<string> { field }).Get(field);
    }
}
