using System.Diagnostics;
using JinGong.EventSourcing;
using JinGong.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace JinGong.Fleet.Tests.Integration;

/// <summary>The daemon's wake-up: each committed append wakes it, and one heard while the daemon was busy is not lost.</summary>
[Collection(FleetService.Collection)]
public sealed class AppendWakeupTests(FleetService fleet)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task appends_committed_while_nobody_waits_end_the_next_wait_at_once_and_only_that_one()
    {
        await using var dataSource = NpgsqlDataSource.Create(await fleet.ConnectionStringAsync("fleetdb"));
        await using var wakeup = new AppendWakeup(dataSource, NullLogger<AppendWakeup>.Instance);
        // The first wait starts listening (and returns at once: what came before was not heard).
        await wakeup.WaitAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None);

        // Three registrations committed while the daemon would be busy querying, not waiting.
        for (var registration = 0; registration < 3; registration++)
        {
            await fleet.RegisterAsync();
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));

        var heard = Stopwatch.StartNew();
        await wakeup.WaitAsync(Timeout, CancellationToken.None);
        heard.Elapsed.Should().BeLessThan(Timeout / 2, "appends heard before the wait began wake it");

        var nextWait = Stopwatch.StartNew();
        await wakeup.WaitAsync(TimeSpan.FromMilliseconds(400), CancellationToken.None);
        nextWait.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350), "three appends wake one wait, not three");
    }
}
