using System.Diagnostics;
using System.Net;
using Mahse.Bench.Hosting;

namespace Mahse.Bench.Load;

/// <summary>
/// nginx serving, from files, the very bytes the site answered: the floor any web server on this machine and with
/// this wrk could reach for the same response, so the site's figure is read against what loopback HTTP costs here.
/// Runs in the foreground with its own prefix, configuration and port; nothing of the system's nginx is used.
/// </summary>
public sealed class NginxMirror : IAsyncDisposable
{
    public const string Executable = "nginx";

    private readonly Process _process;

    private NginxMirror(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static string? Find() => Wrk.Which(Executable) ?? (File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : null);

    /// <summary>Starts nginx over <paramref name="folder"/>, whose files are served with <c>application/json</c>.</summary>
    public static async Task<NginxMirror> StartAsync(string executable, string folder, CancellationToken ct)
    {
        var prefix = Path.Combine(folder, ".nginx");
        Directory.CreateDirectory(prefix);
        var port = FreePort.Next();
        var config = Path.Combine(prefix, "nginx.conf");
        // One worker per core, as nginx is deployed; no logging, no compression (wrk asks for none), keep-alive as Kestrel.
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            master_process on;
            worker_processes auto;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                keepalive_requests 1000000;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{folder}};
                    default_type application/json;
                    types { }
                }
            }
            """, ct);

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-p", prefix, "-c", config })
        {
            start.ArgumentList.Add(argument);
        }

        var mirror = new NginxMirror(ProcessRegistry.Start(start), new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = mirror.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (mirror._process.HasExited)
            {
                var errors = await mirror._process.StandardError.ReadToEndAsync(ct);
                throw new BenchFailedException($"nginx exited with {mirror._process.ExitCode}: {errors}");
            }

            try
            {
                using var response = await client.GetAsync("/", ct);
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.OK)
                {
                    return mirror;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(50, ct);
        }

        await mirror.DisposeAsync();
        throw new BenchFailedException("nginx did not answer within 5 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGKILL to the master alone would orphan the workers; the whole tree goes together.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        ProcessRegistry.Forget(_process);
        _process.Dispose();
    }
}
