using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mahse.Bench.Forms;

/// <summary>
/// The URL the bench form's "Send form to URL" workflow posts to: a minimal ASP.NET Core app in the bench's process
/// on a loopback port, answering 200 at once and keeping each delivery's body, so a run can count how many entries'
/// workflows ran (the body carries the entry's marker), with the delivery's <c>Idempotency-Key</c> header (the same for
/// every attempt at one outbox row), so a repeat of one run can be told from two runs.
/// </summary>
public sealed class WorkflowReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WorkflowReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public static async Task<WorkflowReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        WorkflowReceiver? receiver = null;
        app.MapMethods("/deliveries", ["POST", "PUT"], async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            receiver!.Deliveries.Enqueue(new Delivery(request.Headers["Idempotency-Key"].ToString(), await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WorkflowReceiver(app, new Uri(new Uri(address), "/deliveries"));
        return receiver;
    }

    /// <summary>How many distinct markers of <paramref name="run"/> arrived, and how many deliveries of them there were in all.</summary>
    public (int Distinct, int Total) CountOf(string run)
    {
        var hits = Deliveries.SelectMany(d => Markers(d.Body, run).Distinct()).ToList();
        return (hits.Distinct().Count(), hits.Count);
    }

    /// <summary>Every delivery carrying a marker of <paramref name="run"/>: its marker and its Idempotency-Key.</summary>
    public List<(string Marker, string Key)> DeliveriesOf(string run) =>
        Deliveries.SelectMany(d => Markers(d.Body, run).Distinct().Select(m => (m, d.IdempotencyKey))).ToList();

    private static IEnumerable<string> Markers(string body, string run)
    {
        // The marker is the entry's name ("{run}-{loop}-{n}"); the body's shape is the workflow's business, so search it.
        for (var at = body.IndexOf(run + "-", StringComparison.Ordinal); at >= 0; at = body.IndexOf(run + "-", at + 1, StringComparison.Ordinal))
        {
            if (at > 0 && (char.IsLetterOrDigit(body[at - 1]) || body[at - 1] == '-'))
            {
                continue; // the end of another run's name ("nowf-…" is not "wf-…")
            }

            var end = at + run.Length + 1;
            while (end < body.Length && (char.IsDigit(body[end]) || body[end] == '-'))
            {
                end++;
            }

            yield return body[at..end];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the receiver got: its Idempotency-Key header (empty when missing) and its body.</summary>
public sealed record Delivery(string IdempotencyKey, string Body);
