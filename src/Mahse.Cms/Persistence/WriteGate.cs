namespace Mahse.Cms.Persistence;

/// <summary>
/// SQLite takes one writer at a time and makes the others sleep and retry when they collide, which under load
/// costs more than the writes. Busy write paths (form submissions, the workflow worker) queue here instead, in
/// this process, on SQLite only; PostgreSQL handles concurrent writers itself, so there the gate is open.
/// </summary>
public sealed class WriteGate(DatabaseSettings settings)
{
    private readonly SemaphoreSlim? _gate = settings.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (_gate is null)
        {
            return Open.Instance;
        }

        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class Open : IDisposable
    {
        public static readonly Open Instance = new();

        public void Dispose()
        {
        }
    }
}
