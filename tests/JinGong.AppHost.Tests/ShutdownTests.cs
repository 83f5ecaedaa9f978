using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using JinGong.Testing;

namespace JinGong.AppHost.Tests;

/// <summary>
/// However the AppHost ends — stopped with SIGTERM, or killed outright — no server, service or helper it
/// started may be left running. Runs the real AppHost executable, as the run command does.
/// </summary>
public sealed class ShutdownTests : IDisposable
{
    private static readonly string[] ExpectedProcesses =
        ["postgres", "beam.smp", "epmd", "JinGong.Fleet", "JinGong.Orders", "JinGong.Dispatch", "JinGong.Okr", "JinGong.Knowledge", "JinGong.Gateway", "dcp"];

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("jingong-shutdown-").FullName;

    private Process? appHost;

    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task nothing_the_apphost_started_outlives_it(string signal)
    {
        appHost = await StartAppHostAsync();
        var started = ProcessTable.StartedBy(appHost.Id);
        // /proc names processes by their first 15 characters.
        started.Select(process => process.Name).Should().Contain(
            ExpectedProcesses.Select(name => name[..Math.Min(name.Length, 15)]), "the whole system was running before the stop");

        await SendAsync(signal, appHost.Id);

        var survivors = await Eventually.ReturnsAsync(
            _ => Task.FromResult(started.Where(process => ProcessTable.IsAlive(process.Pid)).Concat(ProcessTable.Mentioning(dataDirectory)).ToList()),
            left => left.Count == 0,
            TimeSpan.FromSeconds(45),
            $"every process to end after SIG{signal}");
        survivors.Should().BeEmpty();
    }

    private async Task<Process> StartAppHostAsync()
    {
        using var turn = await SystemStartTurn.TakeAsync(SystemFixture.StartTimeout * 3);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "JinGong.AppHost"))
        {
            // Backup on, as users run it (its schedule and the broker's definitions it exports must not outlive the
            // AppHost either), with its repository beside the data and its key inside it, both removed afterwards.
            ArgumentList = { "--Infra=local", $"--InfraData={dataDirectory}", $"--Backup:KeyFile={dataDirectory}/backup.key", $"--GatewayPort={FreePort()}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}",
                ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}",
                ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}",
                ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
                ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the AppHost did not start");
        appHost = process;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();

        // As long as any whole system may take (three minutes were not enough beside another system and stress-ng).
        using var deadline = new CancellationTokenSource(SystemFixture.StartTimeout);
        var lastLines = new Queue<string>();
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line.Contains("JinGong is up", StringComparison.Ordinal))
                {
                    // Keep draining its output so that it never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return process;
                }

                lastLines.Enqueue(line);
                if (lastLines.Count > 20)
                {
                    lastLines.Dequeue();
                }
            }
        }
        catch (OperationCanceledException late) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"the system was not up {SystemFixture.StartTimeout.TotalMinutes} minutes after the AppHost started; it wrote last:{Environment.NewLine}{string.Join(Environment.NewLine, lastLines)}", late);
        }

        throw new InvalidOperationException($"the AppHost exited ({process.ExitCode}) before the system was up");
    }

    private static async Task SendAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        kill.ExitCode.Should().Be(0);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        // A failed test must not leave its AppHost behind: DCP then stops everything it started. The data
        // folder goes only once nothing uses it any more.
        if (appHost is { HasExited: false })
        {
            appHost.Kill();
            appHost.WaitForExit();
        }

        appHost?.Dispose();
        SpinWait.SpinUntil(() => ProcessTable.Mentioning(dataDirectory).Count == 0, TimeSpan.FromSeconds(20));

        TestAppHost.DeleteDataDirectory(dataDirectory);
        TestAppHost.DeleteDataDirectory(dataDirectory + ".backup");
    }
}
