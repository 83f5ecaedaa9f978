using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using FluentAssertions;

namespace JinGong.Testing;

/// <summary>The system as the run command starts it, with the simulator on, at a size that plays in a minute or two.</summary>
public sealed class DemoCompanySystem : SystemFixture
{
    public const string Simulator = "simulator";
    public const int Vehicles = 40;
    public const int People = 20;

    protected override string[] Settings => ["--Simulator:Enabled=true", $"--Simulator:Vehicles={Vehicles}", $"--Simulator:People={People}"];

    /// <summary>
    /// Waits for a run of the simulator that started after <paramref name="after"/> to end and requires exit code 0 (else
    /// the failure quotes what it wrote); that run's start time.
    /// </summary>
    public async Task<DateTime> SimulatorFinishedAsync(DateTime after, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var ended = await App.ResourceNotifications.WaitForResourceAsync(
            Simulator,
            update => update.Snapshot.StartTimeStamp > after && KnownResourceStates.TerminalStates.Contains(update.Snapshot.State?.Text),
            timeout.Token);
        if (ended.Snapshot.ExitCode != 0)
        {
            ended.Snapshot.ExitCode.Should().Be(0, $"the simulator ends well (state {ended.Snapshot.State?.Text}); it wrote:{Environment.NewLine}{await this.LastLinesAsync(Simulator)}");
        }

        return ended.Snapshot.StartTimeStamp!.Value;
    }
}
