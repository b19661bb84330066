using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Mahse.Bench.Hosting;

/// <summary>
/// A web host run as its own process (<c>dotnet Some.dll …</c>) on a loopback port. <see cref="StartAsync"/> returns
/// once a probe request answers 200, and measures how long that took from the moment the process was started.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _sinceStart;

    private HostProcess(Process process, Uri baseAddress, Stopwatch sinceStart)
    {
        _process = process;
        BaseAddress = baseAddress;
        _sinceStart = sinceStart;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>From process start to the first 200 of the probe.</summary>
    public TimeSpan TimeToFirstOk { get; private set; }

    public int Id => _process.Id;

    /// <summary>Starts <c>dotnet {assembly} {arguments} --urls http://127.0.0.1:{port}</c> and waits for a 200 at <paramref name="probePath"/>.</summary>
    public static async Task<HostProcess> StartAsync(
        string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string probePath,
        TimeSpan timeout, CancellationToken ct)
    {
        var port = FreePort.Next();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments.Concat(["--urls", baseAddress.ToString().TrimEnd('/')]))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        var host = new HostProcess(ProcessRegistry.Start(start), baseAddress, clock);
        try
        {
            await host.WaitForOkAsync(probePath, timeout, ct);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private async Task WaitForOkAsync(string probePath, TimeSpan timeout, CancellationToken ct)
    {
        // A new connection per probe: a refused connect returns at once, so the first 200 is seen within a few ms.
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        HttpStatusCode? last = null;
        while (_sinceStart.Elapsed < timeout)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new BenchFailedException($"The host exited with code {_process.ExitCode} before serving.\n{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync(probePath, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    TimeToFirstOk = _sinceStart.Elapsed;
                    return;
                }

                last = response.StatusCode;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(20, ct);
        }

        throw new BenchFailedException($"The host did not answer 200 at {probePath} within {timeout} (last status: {last?.ToString() ?? "no answer"}).\n{Tail()}");
    }

    /// <summary>Stops the host as a service manager would (SIGTERM, so Umbraco shuts down cleanly), killing it after 30 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// SIGKILL to the host's own process (no clean shut-down, no chance to flush or finish anything). The process is
    /// <c>dotnet Some.dll</c>: the dotnet host loads the app into that same process, so this is the site itself, not
    /// a wrapper around it. Returns the process's command line as /proc read it just before the kill.
    /// </summary>
    public async Task<string> KillAsync()
    {
        var commandLine = File.Exists($"/proc/{_process.Id}/cmdline")
            ? File.ReadAllText($"/proc/{_process.Id}/cmdline").Replace('\0', ' ').Trim()
            : _process.StartInfo.FileName;
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
        return commandLine;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        ProcessRegistry.Forget(_process);
        _process.Dispose();
    }

    /// <summary>The last lines the host printed, for a failure message.</summary>
    public string Tail(int length = 4000)
    {
        lock (_output)
        {
            var text = _output.ToString();
            return text.Length <= length ? text : text[^length..];
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    // POSIX kill(2): .NET's Process.Kill only sends SIGKILL, which would skip Umbraco's clean shut-down.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
