using Mahse.Cms.Email;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mahse.Cms.Tests.Infrastructure;

/// <summary>The MailKit sender against a real SMTP server and a real pickup folder: a repeated message keeps its identity.</summary>
public sealed class EmailSenderTests : IAsyncLifetime
{
    private readonly SmtpInbox _inbox = new();
    private readonly string _root = Directory.CreateTempSubdirectory("mahse-mail-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _inbox.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private SmtpEmailSender Sender(SmtpSettings settings) =>
        new(Options.Create(settings), new Environment(_root), NullLogger<SmtpEmailSender>.Instance);

    [Fact]
    public async Task A_repeat_with_the_same_idempotency_key_replaces_its_pickup_file_and_other_messages_get_their_own()
    {
        var sender = Sender(new SmtpSettings { From = "portal@mahse.example", DeliveryMethod = "SpecifiedPickupDirectory", PickupDirectoryLocation = "mail" });
        var message = new EmailMessage("lead@nhs.test", "Application received", "Thank you", IdempotencyKey: "entry1.workflow1.0");
        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message, CancellationToken.None); // a retried workflow after a crash
        await sender.SendAsync(message with { IdempotencyKey = null }, CancellationToken.None);
        await sender.SendAsync(message with { IdempotencyKey = null }, CancellationToken.None);

        var files = Directory.GetFiles(Path.Combine(_root, "mail"));
        Assert.Equal(3, files.Length);
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        var keyed = MimeMessage.Load(Path.Combine(_root, "mail", "entry1.workflow1.0.eml"));
        Assert.Equal("entry1.workflow1.0@mahse.example", keyed.MessageId);
    }

    [Fact]
    public async Task Over_smtp_the_key_is_the_message_id_and_a_hostile_key_is_ignored()
    {
        var sender = Sender(new SmtpSettings { From = "portal@mahse.example", Host = "127.0.0.1", Port = _inbox.Port, SecureSocketOptions = "None" });
        await sender.SendAsync(new EmailMessage("a@nhs.test", "Keyed", "x", IdempotencyKey: "run-7.0"), CancellationToken.None);
        await sender.SendAsync(new EmailMessage("b@nhs.test", "Hostile", "x", IdempotencyKey: "../../etc/passwd"), CancellationToken.None);

        Assert.Equal("run-7.0@mahse.example", (await _inbox.WaitForAsync("a@nhs.test")).MessageId);
        Assert.NotEqual("../../etc/passwd@mahse.example", (await _inbox.WaitForAsync("b@nhs.test")).MessageId);
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "Mahse.Cms.Tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
