using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Mahse.Tests.Infrastructure;

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer library), keeping what it receives for tests to read. Point
/// a site at it with <see cref="SiteSettings"/>.
/// </summary>
public sealed class SmtpInbox : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public SmtpInbox()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_messages));
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Umbraco's SMTP settings for this inbox (network delivery, no TLS).</summary>
    public IReadOnlyDictionary<string, string?> SiteSettings => new Dictionary<string, string?>
    {
        ["Umbraco:CMS:Global:Smtp:DeliveryMethod"] = "Network",
        ["Umbraco:CMS:Global:Smtp:PickupDirectoryLocation"] = "",
        ["Umbraco:CMS:Global:Smtp:Host"] = "127.0.0.1",
        ["Umbraco:CMS:Global:Smtp:Port"] = Port.ToString(),
        ["Umbraco:CMS:Global:Smtp:SecureSocketOptions"] = "None",
    };

    public IReadOnlyList<MimeMessage> Messages => _messages.ToList();

    public IEnumerable<MimeMessage> To(string address) =>
        _messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Waits for the message to an address after the <paramref name="already"/> ones before it.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, int already = 0, string? subjectContains = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            var found = To(address).Where(m => subjectContains is null || m.Subject?.Contains(subjectContains, StringComparison.OrdinalIgnoreCase) == true).ToList();
            if (found.Count > already)
            {
                return found[already];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No message to {address} arrived ({_messages.Count} messages in the inbox).");
    }

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
