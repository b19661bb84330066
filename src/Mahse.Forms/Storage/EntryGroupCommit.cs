using System.Threading.Channels;
using Mahse.Forms.Model;

namespace Mahse.Forms.Storage;

/// <summary>
/// Group commit for new entries: concurrent <see cref="EntryStore.AddAsync"/> calls are queued, and one writer stores
/// what has queued up (up to <see cref="MaxBatch"/>) in one scope — one SQLite transaction, one WAL sync — and only
/// then completes each caller's task. A caller therefore answers 202 only for an entry that is committed, as before;
/// what changes is that C concurrent submissions cost one commit instead of C commits queuing for the write lock.
/// </summary>
/// <remarks>
/// Under light load a batch holds one entry and nothing waits for company: the writer takes whatever is queued
/// when it comes round. If a batch fails as a whole (one entry breaking a constraint, say), each of its entries is
/// written again alone, so one bad entry fails only its own request. The writer's loop runs without the ExecutionContext
/// of the request that started it, so no request's ambient Umbraco scope (kept in an AsyncLocal) leaks into it.
/// </remarks>
internal sealed class EntryGroupCommit(Func<IReadOnlyList<(FormDefinition Form, NewEntry Entry)>, Task<IReadOnlyList<EntryRow>>> write)
{
    public const int MaxBatch = 64;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private int _started;

    /// <summary>Completes once the entry is committed (or fails with the reason it was not); not cancellable, see EntryStore.AddAsync.</summary>
    public Task<EntryRow> AddAsync(FormDefinition form, NewEntry entry)
    {
        var pending = new Pending(form, entry);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The entry writer has stopped.");
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
            var rows = await write(batch.Select(p => (p.Form, p.Entry)).ToList());
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(rows[i]);
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

    private sealed class Pending(FormDefinition form, NewEntry entry)
    {
        public FormDefinition Form => form;

        public NewEntry Entry => entry;

        public TaskCompletionSource<EntryRow> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
