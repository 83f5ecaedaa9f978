using JinGong.Bench;

// bench/run.sh [--quick] [--seconds 8] [--rounds 5] [--events 300000] [--samples 2000] [--messages 20000]: starts the
// system, measures, prints, saves JSON.
var settings = BenchSettings.From(args);
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(45));
await using var system = await BenchSystem.StartAsync();
var report = await Bench.RunAsync(system, settings, cancellation.Token);
Console.WriteLine(ReportWriter.Table(report));
Console.WriteLine($"saved {await ReportWriter.SaveAsync(report, cancellation.Token)}");
return report.AllTargetsMet ? 0 : 1;
