using System.Threading.Channels;

namespace Mahse.Forms.Storage;

/// <summary>
/// Group commit: concurrent <see cref="AddAsync"/> calls are queued, and one writer stores what has queued up (up to
/// <see cref="MaxBatch"/>) in one write — one SQLite transaction, one WAL sync — and only then completes each caller's
/// task. A caller is therefore answered only for an item that is committed; what changes is that C concurrent writes
/// cost one commit instead of C commits queuing for the write lock. Used for new entries (<see cref="EntryStore"/>)
/// and for the outcomes of workflow runs (<see cref="Workflows.WorkflowOutbox"/>).
/// </summary>
/// <remarks>
/// Under light load a batch holds one item and nothing waits for company: the writer takes whatever is queued when it
/// comes round. If a batch fails as a whole (one item breaking a constraint, say), each of its items is written again
/// alone, so one bad item fails only its own caller. The writer's loop runs without the ExecutionContext of the call
/// that started it, so no request's ambient Umbraco scope (kept in an AsyncLocal) leaks into it.
/// </remarks>
internal sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write)
{
    public const int MaxBatch = 64;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private int _started;

    /// <summary>Completes once the item is committed (or fails with the reason it was not); not cancellable.</summary>
    public Task<TResult> AddAsync(TItem item)
    {
        var pending = new Pending(item);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The group writer has stopped.");
        }

        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(RunAsync);
            }
        }

        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            var results = await write(batch.Select(p => p.Item).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception ex)
        {
            batch[0].Done.TrySetException(ex);
        }
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item => item;

        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
