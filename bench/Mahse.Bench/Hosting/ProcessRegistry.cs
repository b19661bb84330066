using System.Diagnostics;

namespace Mahse.Bench.Hosting;

/// <summary>
/// Every child process the bench starts, so that an interrupted or failed run leaves none of them behind. Only the
/// processes started here are ever stopped, by their own id.
/// </summary>
public static class ProcessRegistry
{
    private static readonly List<Process> Running = [];

    public static Process Start(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new BenchFailedException($"Could not start {start.FileName}.");
        lock (Running)
        {
            Running.Add(process);
        }

        return process;
    }

    public static void Forget(Process process)
    {
        lock (Running)
        {
            Running.Remove(process);
        }
    }

    public static void StopAll()
    {
        List<Process> left;
        lock (Running)
        {
            left = [.. Running];
            Running.Clear();
        }

        foreach (var process in left)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }
        }
    }
}
