using JinGong.EventSourcing;
using JinGong.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace JinGong.Okr.Tests;

/// <summary>Every service reports how far its daemon's projections and subscriptions are behind, and turns Degraded past a threshold.</summary>
[Collection(OkrService.Collection)]
public sealed class ProjectionHealthTests(OkrService okr)
{
    [Fact]
    public void a_projection_behind_by_more_events_or_seconds_than_allowed_turns_health_degraded()
    {
        ProjectionLagMonitor.Assess([new("bound-key-results:All", 10, 0.5), new("integration-events:All", 0, 0)], 1_000, 30).Status.Should().Be(HealthStatus.Healthy);
        ProjectionLagMonitor.Assess([new("bound-key-results:All", 1_500, 2), new("integration-events:All", 0, 0)], 1_000, 30)
            .Should().Match<HealthCheckResult>(result => result.Status == HealthStatus.Degraded && result.Description!.Contains("bound-key-results:All"));
        ProjectionLagMonitor.Assess([new("integration-events:All", 3, 45)], 1_000, 30).Status.Should().Be(HealthStatus.Degraded);
    }

    [Fact]
    public async Task the_okr_service_reports_the_lag_of_its_subscriptions_in_its_health()
    {
        using var probe = okr.Anonymous();
        // Something for the daemon to process, so that each of its shards has a position to measure.
        await okr.JoinAsync(GatewayRequests.Unique("Anhui"), (GatewayRequests.Unique("wu"), GatewayRequests.Unique("Service")));

        var health = await Eventually.ReturnsAsync(
            async _ => await (await probe.GetAsync("/health")).JsonAsync(),
            report => report.GetProperty("checks").GetProperty("projections").TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Object
                && data.TryGetProperty("bound-key-results:All", out _) && data.TryGetProperty("integration-events:All", out _)
                // Right after the join a busy machine's daemon may still be behind its threshold for a moment.
                && report.GetProperty("checks").GetProperty("projections").GetProperty("status").GetString() == "Healthy",
            TimeSpan.FromSeconds(30), "the projection lag to be measured, and within its threshold");

        health.GetProperty("checks").GetProperty("projections").GetProperty("status").GetString().Should().Be("Healthy");
    }
}
