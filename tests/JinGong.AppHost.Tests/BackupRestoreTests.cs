using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using JinGong.AppHost.Infrastructure;
using JinGong.Simulation;
using JinGong.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Xunit.Abstractions;

namespace JinGong.AppHost.Tests;

/// <summary>
/// Issue 25: a system backed up as it runs, restored to a moment into a fresh data folder after its own is gone, is that
/// moment again: every stream at its version, every projection what its events say, the figures as they read then, each
/// message applied once (those in flight at the moment too), and it goes on working.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private static readonly string[] Services = ["fleet", "orders", "dispatch", "okr", "knowledge"];

    // A small company's year: enough for every service to hold history, quick to play.
    private static readonly CompanyProfile Profile = new(Vehicles: 60, People: 19, Seed: 2025, CodePrefix: "BK", TelematicsEvery: TimeSpan.FromHours(12));

    /// <summary>A system backed up into the repository beside its data folder, with the key given.</summary>
    private sealed class BackedUpSystem(string dataDirectory, string keyFile) : SystemFixture(dataDirectory)
    {
        // Hourly backups would not fall in a test's time: the test takes its own.
        protected override string[] Settings => ["--Backup:Enabled=true", $"--Backup:KeyFile={keyFile}"];
    }

    [Fact]
    public async Task a_system_restored_to_a_moment_into_a_fresh_folder_is_that_moment_and_goes_on()
    {
        var run = Directory.CreateTempSubdirectory("jingong-backup-").FullName;
        File.SetUnixFileMode(run, (UnixFileMode)0b111_101_101); // the postgres user passes through to the data folders
        var keyFile = Path.Combine(run, "key", "backup.key");
        var original = Path.Combine(run, "original");
        var restored = Path.Combine(run, "restored");
        try
        {
            Snapshot atT, settledAfterT;
            DateTimeOffset t;
            Dictionary<string, string> figuresAtT;
            var system = new BackedUpSystem(original, keyFile);
            try
            {
                await system.InitializeAsync();
                (await BackupHealthAsync(system)).Status.Should().Be(HealthStatus.Healthy, "the first full backup is taken at start");

                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
                var played = Stopwatch.StartNew();
                var year = await new BusinessYear(system.Gateway, Profile).PlayAsync(timeout.Token);
                output.WriteLine($"played {year} in {played.Elapsed.TotalSeconds:0} s");

                // A backup from the dashboard's command, then business the backup does not hold.
                var taken = await system.App.ResourceCommands.ExecuteCommandAsync("backup", BackupExtensions.TakeBackupCommand);
                taken.Success.Should().BeTrue(taken.Message);
                (await BackupHealthAsync(system)).Description.Should().Contain("restorable to any moment since");

                // The knowledge base is down while loans are opened: the moment T falls with their messages on the broker,
                // published by dispatch and not yet applied by the knowledge base.
                await system.StopAsync("knowledge");
                await LendNewUnitsAsync(system, "BKT", 3);
                await system.SettledAsync(Services.Except(["knowledge"]));
                t = await NowAsync(system);
                atT = await SnapshotAsync(system);
                figuresAtT = await FiguresAsync(system, t);

                await system.StartAsync("knowledge");
                await system.SettledAsync(Services);
                settledAfterT = await SnapshotAsync(system);
                settledAfterT.Processed["knowledge"].Values.Sum().Should().BeGreaterThan(atT.Processed["knowledge"].Values.Sum(), "the knowledge base applies what was in flight at T");

                // More business after T, then a backup by the script: the WAL past T is archived with it.
                await LendNewUnitsAsync(system, "BKA", 3);
                await system.SettledAsync(Services);
                await RunAsync("scripts/backup.sh", original);
            }
            finally
            {
                await system.DisposeAsync();
            }

            // The original data folder is gone with its system (as with a lost disk); the repository and the key are left.
            Directory.Exists(original).Should().BeFalse();
            var repository = new DirectoryInfo(original + ".backup").EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
            output.WriteLine($"the backup repository holds {repository / 1024.0 / 1024.0:0.0} MiB (full and incremental backups, archived WAL, secrets and broker definitions)");
            var restoring = Stopwatch.StartNew();
            var said = await RunAsync("scripts/restore.sh", "--to", t.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
                "--into", restored, "--from", original + ".backup", "--key", keyFile, "--no-start");
            output.WriteLine($"restore.sh took {restoring.Elapsed.TotalSeconds:0.0} s: {said}");

            system = new BackedUpSystem(restored, keyFile);
            try
            {
                await system.InitializeAsync();
                await system.SettledAsync(Services);
                var after = await SnapshotAsync(system);

                // Each stream at its version of T, except what the knowledge base wrote applying the messages in flight at
                // T, which it applies once again here: the same as when it caught up in the original system.
                foreach (var service in Services)
                {
                    after.Streams[service].Should().BeEquivalentTo(settledAfterT.Streams[service], $"{service}'s streams are those of T, with what was in flight at T applied");
                    after.Processed[service].Should().BeEquivalentTo(settledAfterT.Processed[service], $"each consumer of {service} applied each message once: none twice, none missing");
                }

                atT.Streams.Where(pair => pair.Key != "knowledge").Should().BeEquivalentTo(after.Streams.Where(pair => pair.Key != "knowledge"));
                (await FiguresAsync(system, t)).Should().BeEquivalentTo(figuresAtT, "the figures as of T read as they did at T");
                (await Task.WhenAll(Services.Select(service => system.SkippedRedeliveriesAsync(service)))).SelectMany(skipped => skipped)
                    .Should().NotBeEmpty("the publishers sent the minutes before T again, and the consumers recognised what they had applied");

                foreach (var service in Services)
                {
                    using var check = await system.Gateway.PostAsync($"/api/{service}/projections/rebuild-check", content: null);
                    var report = await check.JsonAsync();
                    report.GetProperty("equal").GetBoolean().Should().BeTrue($"{service}'s projections rebuilt from its events equal the restored ones: {report}");
                }

                // It goes on: new writes flow through every service, and it backs up again.
                await LendNewUnitsAsync(system, "BKR", 1);
                (await BackupHealthAsync(system)).Status.Should().Be(HealthStatus.Healthy);

                // A restore never overwrites a running system's data, nor pretends to reach before the oldest backup.
                (await FailingAsync("scripts/restore.sh", "--latest", "--into", restored, "--from", original + ".backup", "--key", keyFile, "--no-start"))
                    .Should().Contain("in use by a running system");
                (await FailingAsync("scripts/restore.sh", "--to", "2020-01-01 00:00+08", "--into", Path.Combine(run, "too-early"), "--from", original + ".backup", "--key", keyFile, "--no-start"))
                    .Should().Contain("the oldest moment the repository can restore to is");
            }
            finally
            {
                await system.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(run, recursive: true);
        }
    }

    /// <param name="Processed">By service, how many messages each consumer has applied; not the answers to the requests a
    /// service makes at each start for the copies it keeps ("…Shown"), which a restart brings once more by design.</param>
    private sealed record Snapshot(Dictionary<string, Dictionary<string, long>> Streams, Dictionary<string, Dictionary<string, long>> Processed);

    private static async Task<HealthReportSnapshot> BackupHealthAsync(SystemFixture system)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var update = await system.App.ResourceNotifications.WaitForResourceAsync(
            "backup", update => update.Snapshot.HealthReports.Any(report => report.Status == HealthStatus.Healthy), timeout.Token);
        return update.Snapshot.HealthReports.Single();
    }

    /// <summary>Registers and lends <paramref name="count"/> new rental units through dispatch, until fleet has lent each.</summary>
    private static async Task LendNewUnitsAsync(SystemFixture system, string prefix, int count)
    {
        for (var n = 1; n <= count; n++)
        {
            var code = $"{prefix}-{n:0000}";
            using var registered = await system.Gateway.PostAsJsonAsync("/api/fleet/vehicles", new { code, model = "WL-30E", category = "loader", region = "east", warehouse = "wuxi-1" });
            registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
            // Dispatch lends a unit once its copy of fleet's catalogue has it.
            var loan = await Eventually.ReturnsAsync(async ct =>
            {
                using var lent = await system.Gateway.PostAsJsonAsync("/api/dispatch/loans", new
                {
                    vehicleCode = code, borrower = "Conch Cement Wuhu", site = "Conch Cement Wuhu pit", dueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(14)),
                }, ct);
                return lent.StatusCode == HttpStatusCode.NotFound ? null : (await lent.JsonAsync(HttpStatusCode.Created)).GetProperty("loanId").GetString();
            }, loan => loan is not null, TimeSpan.FromMinutes(1), $"dispatch lending {code}");
            await Eventually.ReturnsAsync(
                async ct => (await system.GetOkAsync($"/api/dispatch/loans/{loan}")).GetProperty("status").GetString(),
                status => status == "Out", TimeSpan.FromMinutes(2), $"loan {loan} of {code} out");
        }
    }

    private static async Task<DateTimeOffset> NowAsync(SystemFixture system)
    {
        await using var database = NpgsqlDataSource.Create(await system.ConnectionStringAsync("fleetdb"));
        await using var read = database.CreateCommand("SELECT clock_timestamp()");
        await using var reader = await read.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<DateTimeOffset>(0);
    }

    private static async Task<Snapshot> SnapshotAsync(SystemFixture system)
    {
        var streams = new Dictionary<string, Dictionary<string, long>>();
        var processed = new Dictionary<string, Dictionary<string, long>>();
        foreach (var service in Services)
        {
            await using var database = NpgsqlDataSource.Create(await system.ConnectionStringAsync($"{service}db"));
            await using (var read = database.CreateCommand("SELECT id, version FROM mt_streams"))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                var versions = new Dictionary<string, long>();
                while (await reader.ReadAsync())
                {
                    versions[reader.GetString(0)] = reader.GetInt64(1);
                }

                streams[service] = versions;
            }

            await using var count = database.CreateCommand("""
                SELECT split_part(id, '/', 1), count(*) FROM mt_doc_processedmessage WHERE split_part(id, '/', 1) NOT LIKE '%Shown%' GROUP BY 1
                """);
            await using var counted = await count.ExecuteReaderAsync();
            var consumers = new Dictionary<string, long>();
            while (await counted.ReadAsync())
            {
                consumers[counted.GetString(0)] = counted.GetInt64(1);
            }

            processed[service] = consumers;
        }

        return new(streams, processed);
    }

    /// <summary>The figures analysts read, as of <paramref name="asOf"/>, by address.</summary>
    private static async Task<Dictionary<string, string>> FiguresAsync(SystemFixture system, DateTimeOffset asOf)
    {
        // Fleet's figures take a moment, orders' a business day (China's): T's day, which holds nothing after T yet.
        var at = Uri.EscapeDataString(asOf.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture));
        var inChina = asOf.ToOffset(TimeSpan.FromHours(8));
        var (month, day) = (inChina.ToString("yyyy-MM", CultureInfo.InvariantCulture), inChina.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        string[] addresses =
        [
            $"/api/fleet/utilization?period={month}&groupBy=model&asOf={at}",
            $"/api/orders/figures/collection-rate?period={month}&groupBy=region&asOf={day}",
            $"/api/orders/figures/receivables?groupBy=customer&asOf={day}",
            $"/api/orders/figures/pipeline?asOf={day}",
        ];
        var figures = new Dictionary<string, string>();
        foreach (var address in addresses)
        {
            figures[address] = (await system.GetOkAsync(address)).GetRawText();
        }

        return figures;
    }

    private static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var (exitCode, said) = await ExitAsync(script, arguments);
        exitCode.Should().Be(0, $"{script} succeeds; it wrote:{Environment.NewLine}{said}");
        return said;
    }

    /// <summary>What a script that must fail wrote.</summary>
    private static async Task<string> FailingAsync(string script, params string[] arguments)
    {
        var (exitCode, said) = await ExitAsync(script, arguments);
        exitCode.Should().NotBe(0, $"{script} refuses; it wrote:{Environment.NewLine}{said}");
        return said;
    }

    private static async Task<(int ExitCode, string Said)> ExitAsync(string script, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(RepositoryFolders.Root, script), arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFolders.Root,
        })!;
        var said = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, ((await said) + (await errors)).Trim());
    }
}
