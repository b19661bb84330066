using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Mahse.Tests.Forms.Workflows;

/// <summary>
/// A local HTTP endpoint for post-to-URL workflows (HttpListener in the test process): it keeps every request and
/// answers 500 on paths starting with /fail, 200 otherwise.
/// </summary>
public sealed class HttpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Received> _received = new();

    public sealed record Received(DateTime At, string Method, string PathAndQuery, string ContentType, IReadOnlyDictionary<string, string> Headers, string Body);

    public HttpReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _ = Task.Run(ListenAsync);
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<Received> Requests(string pathStart) => _received.Where(r => r.PathAndQuery.StartsWith(pathStart, StringComparison.Ordinal)).ToList();

    public async Task<IReadOnlyList<Received>> WaitForAsync(string pathStart, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (Requests(pathStart).Count >= count)
            {
                return Requests(pathStart);
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Requests(pathStart).Count} of {count} requests to {pathStart} arrived.");
    }

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
                _received.Enqueue(new Received(DateTime.UtcNow, context.Request.HttpMethod, context.Request.Url!.PathAndQuery, context.Request.ContentType ?? "", headers, await reader.ReadToEndAsync()));
            }

            context.Response.StatusCode = context.Request.Url!.AbsolutePath.StartsWith("/fail", StringComparison.Ordinal) ? 500 : 200;
            await using (var writer = new StreamWriter(context.Response.OutputStream))
            {
                await writer.WriteAsync(context.Response.StatusCode == 500 ? "the receiver is down" : "ok");
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
