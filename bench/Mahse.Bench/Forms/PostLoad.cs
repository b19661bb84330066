using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Mahse.Bench.Forms;

/// <summary>
/// C loops, each posting one entry after another on its own connection for a given time, as C browsers or servers
/// submitting at once would. Every body carries a marker (run, loop, sequence) so the entries of the answered requests
/// can be found again. wrk is not used here because every request needs its own body.
/// </summary>
public sealed class PostLoad(Uri site, string apiKey, int connections)
{
    /// <param name="stop">Ends the loops early without cancelling requests in flight (they finish, or fail if the site dies).</param>
    public async Task<LoadResult> RunAsync(string path, HttpStatusCode expected, string run, TimeSpan duration, CancellationToken ct, CancellationToken stop = default)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = site, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("Api-Key", apiKey);
        var result = new LoadResult(run, expected);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(loop => Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < duration && !ct.IsCancellationRequested && !stop.IsCancellationRequested; i++)
            {
                var marker = $"{run}-{loop}-{i}";
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new StringContent(BenchForms.Body(marker), Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync(path, content, ct);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    result.Add(marker, response.StatusCode, elapsed, response.StatusCode == expected ? null : await response.Content.ReadAsStringAsync(ct));
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    result.AddFailure(ex);
                }
            }
        }, ct)));
        result.Seconds = clock.Elapsed.TotalSeconds;
        return result;
    }
}

/// <summary>What a load saw: answers by status, latencies of the expected answers, the markers they carried.</summary>
public sealed class LoadResult(string run, HttpStatusCode expected)
{
    private readonly ConcurrentQueue<double> _latencies = new();
    private readonly ConcurrentDictionary<HttpStatusCode, int> _statuses = new();
    private int _failures;

    public string Run => run;

    public double Seconds { get; set; }

    public ConcurrentQueue<string> Accepted { get; } = new();

    public string? FirstUnexpected { get; private set; }

    public int Failures => _failures;

    public double PerSecond => Accepted.Count / Seconds;

    public int Unexpected => _statuses.Where(s => s.Key != expected).Sum(s => s.Value);

    public string UnexpectedSummary => _statuses.Count(s => s.Key != expected) + _failures == 0
        ? "0"
        : string.Join(", ", _statuses.Where(s => s.Key != expected).Select(s => $"{s.Value} × {(int)s.Key}").Append(_failures > 0 ? $"{_failures} failed" : null).OfType<string>());

    public double Percentile(double p)
    {
        var sorted = _latencies.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
    }

    public void Add(string marker, HttpStatusCode status, double ms, string? unexpectedBody)
    {
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status == expected)
        {
            Accepted.Enqueue(marker);
            _latencies.Enqueue(ms);
        }
        else if (FirstUnexpected is null)
        {
            FirstUnexpected = $"{(int)status}: {(unexpectedBody is { Length: > 300 } b ? b[..300] : unexpectedBody)}";
        }
    }

    public void AddFailure(Exception ex)
    {
        Interlocked.Increment(ref _failures);
        FirstUnexpected ??= ex.GetType().Name + ": " + ex.Message;
    }
}
