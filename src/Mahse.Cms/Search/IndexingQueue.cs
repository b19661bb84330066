using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mahse.Cms.Search;

/// <summary>
/// Index work runs here, one item at a time and in order, after the transaction that caused it has committed
/// (Umbraco queues it on its background task queue). Rebuilds go through the same queue, so updates wait for them.
/// </summary>
public sealed class IndexingQueue(IndexManager indexes, ILogger<IndexingQueue> logger) : BackgroundService
{
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });
    private int _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    /// <summary>Progress of running or last rebuilds, by index name (items written so far).</summary>
    public IReadOnlyDictionary<string, int> RebuildProgress => _progress;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _progress = new(StringComparer.OrdinalIgnoreCase);

    public void EnqueueRefresh(IReadOnlyCollection<int> nodeIds) =>
        Enqueue(ct => indexes.RefreshAsync(nodeIds, ct));

    /// <summary>Queues a rebuild; false when that index is already rebuilding or waiting to.</summary>
    public bool EnqueueRebuild(LuceneIndex index)
    {
        if (!_progress.TryAdd(index.Name, 0) && (index.IsRebuilding || _progress[index.Name] < 0))
        {
            return false;
        }

        _progress[index.Name] = -1;
        Enqueue(async ct =>
        {
            _progress[index.Name] = 0;
            await index.RebuildAsync(indexes.PopulateAsync(index, ct), new Progress<int>(count => _progress[index.Name] = count), ct);
            logger.LogInformation("Rebuilt {Index}: {Count} documents", index.Name, index.DocumentCount());
        });
        return true;
    }

    /// <summary>Raised on the queue's thread each time everything queued so far has been written.</summary>
    public event Action? Drained;

    /// <summary>Completes when everything queued so far has been written (tests and benchmarks).</summary>
    public Task WhenIdleAsync() => Volatile.Read(ref _idle).Task;

    private void Enqueue(Func<CancellationToken, Task> work)
    {
        if (Interlocked.Increment(ref _pending) == 1)
        {
            Volatile.Write(ref _idle, NewIdle(completed: false));
        }

        _work.Writer.TryWrite(work);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await work(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Index work failed; the indexes may need a rebuild");
            }
            finally
            {
                if (Interlocked.Decrement(ref _pending) == 0)
                {
                    Drained?.Invoke();
                    Volatile.Read(ref _idle).TrySetResult();
                }
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }
}
