using Umbraco.Cms.Infrastructure.Scoping;

namespace Mahse.Forms.Storage;

/// <summary>
/// One writer of the forms tables at a time in this process, waited for asynchronously, before the SQLite write lock:
/// <code>
/// using var turn = await gate.EnterAsync(ct);
/// using var scope = scopes.CreateScope();
/// scope.EagerWriteLock(FormsLocks.Timeout, FormsLocks.Forms);
/// </code>
/// (the scope is created by the caller, not here: Umbraco keeps the ambient scope in an AsyncLocal, which a scope
/// created inside an awaited helper would not reach the caller through).
/// </summary>
/// <remarks>
/// SQLite has one writer at a time. A second writer's first write answers SQLITE_BUSY, and Microsoft.Data.Sqlite then
/// retries it after <c>Thread.Sleep(150)</c>, blocking a thread-pool thread each time, until the command times out.
/// With C requests each in their own scope, most of them spend 150 ms steps asleep while the file is idle (see
/// bench/README.md, "forms"). Our own writers queue here first, so they meet SQLite one after the other and never see
/// busy; Umbraco's own writers (content saves) can still meet ours there, and then the lock's timeout applies as before.
/// <para>
/// Inside an ambient scope the turn is not taken: that scope's transaction may already hold the SQLite write lock, and
/// waiting here behind a writer that is waiting for that lock would stall both until the lock times out.
/// </para>
/// </remarks>
public sealed class FormsWriteGate(IScopeAccessor scopeAccessor)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<Turn> EnterAsync(CancellationToken ct = default)
    {
        if (scopeAccessor.AmbientScope is not null)
        {
            return default;
        }

        await _gate.WaitAsync(ct);
        return new Turn(_gate);
    }

    /// <summary>Disposing it lets the next writer in; dispose it after the scope (declare it first).</summary>
    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
