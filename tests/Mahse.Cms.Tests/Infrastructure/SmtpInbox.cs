using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Mahse.Cms.Tests.Infrastructure;

/// <summary>A real SMTP server on a loopback port (the SmtpServer library), keeping what it receives for tests to read.</summary>
public sealed partial class SmtpInbox : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public SmtpInbox()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Port(Port).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_messages));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => _messages.ToList();

    public IEnumerable<MimeMessage> To(string address) =>
        _messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Waits for the next message to an address beyond the ones already there.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, int already = 0, string? subjectContains = null)
    {
        for (var i = 0; i < 100; i++)
        {
            var found = To(address).Where(m => subjectContains is null || m.Subject.Contains(subjectContains, StringComparison.OrdinalIgnoreCase)).ToList();
            if (found.Count > already)
            {
                return found[already];
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No message to {address} arrived.");
    }

    /// <summary>The member and token of the link in a message.</summary>
    public static (Guid Member, string Token, Uri Link) Link(MimeMessage message)
    {
        var match = LinkPattern().Match(message.TextBody);
        if (!match.Success)
        {
            throw new InvalidOperationException("The message has no link: " + message.TextBody);
        }

        var link = new Uri(match.Value);
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        return (Guid.Parse(query["member"]!), query["token"]!, link);
    }

    [GeneratedRegex(@"https?://\S+\?member=\S+")]
    private static partial Regex LinkPattern();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
