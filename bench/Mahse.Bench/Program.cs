using Mahse.Bench;
using Mahse.Bench.Benches;
using Mahse.Bench.Hosting;
using Mahse.Bench.Reporting;

// Benchmarks of the MAHSE site (an Umbraco 18 host) run as separate processes on loopback. Every figure is printed
// beside a baseline measured in the same run, because this machine is small and shared and absolute numbers drift.
if (args is ["minimal-host", .. var hostArgs])
{
    // Not a bench: the trivial ASP.NET Core app the start-up bench starts as its baseline.
    return await MinimalHost.RunAsync(hostArgs);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var output = new BenchOutput(Console.Out);
MachineInfo.Print(output, options);
IBench bench = options.Bench switch
{
    "delivery" => new DeliveryBench(options, output),
    "startup" => new StartupBench(options, output),
    "usync" => new UsyncBench(options, output),
    "forms" => new FormsBench(options, output),
    "survey" => new SurveyBench(options, output),
    _ => throw new InvalidOperationException(),
};

try
{
    await bench.RunAsync(cancel.Token);
    return 0;
}
catch (BenchFailedException ex)
{
    output.Line();
    output.Line($"BENCH FAILED: {ex.Message}");
    return 1;
}
finally
{
    ProcessRegistry.StopAll();
}
