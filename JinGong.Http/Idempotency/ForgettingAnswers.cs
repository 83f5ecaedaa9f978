using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JinGong.Http.Idempotency;

/// <summary>Forgets idempotent answers once they are older than <see cref="IdempotencyKeys.Retention"/>, once an hour.</summary>
public sealed partial class ForgettingAnswers(IIdempotentAnswers answers, TimeProvider clock, ILogger<ForgettingAnswers> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await answers.ForgetAsync(clock.GetUtcNow() - IdempotencyKeys.Retention, stoppingToken);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                // The database being away is its health check's to report; the next hour forgets what this one did not.
                LogForgettingFailed(logger, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting idempotent answers failed")]
    private static partial void LogForgettingFailed(ILogger logger, Exception error);
}
