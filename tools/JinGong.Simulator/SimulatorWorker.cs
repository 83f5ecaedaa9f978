using System.Diagnostics;
using System.Text.Json;
using JinGong.Simulation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JinGong.Simulator;

/// <summary>
/// Plays the demo company's year once: signs in as the machine client <c>simulator</c> (client credentials), asks
/// whether the company is there already, plays it if not, logs its progress every few seconds, and stops the process.
/// </summary>
internal sealed partial class SimulatorWorker(IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<SimulatorWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(logger);
            Environment.ExitCode = 1;
        }
        catch (Exception error)
        {
            LogFailed(logger, error);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = configuration.GetSection("Simulator");
        var profile = CompanyProfile.Demo(settings.GetValue("Vehicles", 300), settings.GetValue("People", 60), settings.GetValue("Seed", 2026));
        // Aspire's service discovery hands the gateway's address over as this setting (WithReference(gateway)).
        var address = new Uri(configuration["services:gateway:http:0"] ?? throw new InvalidOperationException("No gateway address: the AppHost passes services__gateway__http__0."));
        using var gateway = new HttpClient(new BearerTokenHandler(token => TokenAsync(address, settings, token)) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(5),
        };

        switch (await DemoCompany.StateAsync(gateway, profile, cancellationToken))
        {
            case CompanyState.Complete:
                LogAlreadyThere(logger, profile.VehicleCode(profile.Vehicles - 1));
                return;
            case CompanyState.Partial:
                throw new InvalidOperationException(
                    "Part of the demo company is there, but not its last unit: an earlier play was stopped half-way. Playing again would " +
                    "file its opportunities and orders twice (their ids are the system's), so nothing is played; wipe the data (scripts/wipe-data.sh) to play it again.");
        }

        LogPlaying(logger, profile.Vehicles, profile.People, profile.Seed, address);
        var year = new BusinessYear(gateway, profile);
        var watch = Stopwatch.StartNew();
        var play = year.PlayAsync(cancellationToken);
        while (await Task.WhenAny(play, Task.Delay(ProgressEvery, cancellationToken)) != play)
        {
            var (phase, done, total) = year.Progress.Now();
            LogProgress(logger, phase, done, total, year.Commands, year.Commands / watch.Elapsed.TotalSeconds);
        }

        var tally = await play;
        LogPlayed(logger, watch.Elapsed.TotalSeconds, tally.Commands, tally.Commands / watch.Elapsed.TotalSeconds, tally);
    }

    /// <summary>A token for the machine client (tokens last an hour; the handler asks again a minute before).</summary>
    private static async Task<string> TokenAsync(Uri gateway, IConfiguration settings, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = gateway };
        using var answer = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings["ClientId"] ?? "simulator",
            ["client_secret"] = settings["Secret"] ?? throw new InvalidOperationException("Simulator:Secret is missing: the AppHost passes the secret it registered with identity."),
            ["scope"] = "api",
        }), cancellationToken);
        var body = await answer.Content.ReadAsStringAsync(cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The identity provider refused the simulator a token ({(int)answer.StatusCode}): {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The demo company is already there (its last unit {Code} is registered): nothing to play. Wipe the data (scripts/wipe-data.sh) to play it again.")]
    private static partial void LogAlreadyThere(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Playing the demo company's year: {Vehicles} vehicles, {People} people, seed {Seed}, through {Gateway}")]
    private static partial void LogPlaying(ILogger logger, int vehicles, int people, int seed, Uri gateway);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Phase}: {Done} of {Total}; {Commands} commands so far, {PerSecond:0} commands/s")]
    private static partial void LogProgress(ILogger logger, string phase, int done, int total, int commands, double perSecond);

    [LoggerMessage(Level = LogLevel.Information, Message = "The demo company's year is played in {Seconds:0} s: {Commands} commands, {PerSecond:0} commands/s; {Tally}")]
    private static partial void LogPlayed(ILogger logger, double seconds, int commands, double perSecond, BusinessYearTally tally);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped before the year was played; the company is partly there (wipe the data to play it again).")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The demo company could not be played")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
