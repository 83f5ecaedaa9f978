using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting;
using JinGong.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace JinGong.Flows.Tests.Scale;

/// <summary>
/// Issue 28: with <c>Scale:PostgresStandby</c>, PostgreSQL has a streaming standby, a copy of the primary that replays
/// every write as it is committed, which refuses writes of its own, and whose health on the dashboard says it streams.
/// </summary>
[Collection(ScaledSystem.Collection)]
public sealed class StandbyTests(ScaledSystem system)
{
    [Fact]
    public async Task a_vehicle_registered_through_the_gateway_is_on_the_standby_which_streams_and_refuses_writes()
    {
        var code = FleetApi.NewCode();
        using (var registered = await system.Gateway.PostAsJsonAsync("/api/fleet/vehicles", FleetApi.Registration(code)))
        {
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var standby = new NpgsqlConnectionStringBuilder(await system.ConnectionStringAsync("postgres-standby")) { Database = "fleetdb" }.ConnectionString;
        await Eventually.ReturnsAsync(ct => StreamsAsync(standby, code, ct), count => count == 1, TimeSpan.FromSeconds(30), $"{code} replayed on the standby");

        system.App.ResourceNotifications.TryGetCurrentState("postgres-standby", out var state).Should().BeTrue();
        state!.Snapshot.HealthReports.Should().Contain(report => report.Name == "postgres-standby_streaming" && report.Status == HealthStatus.Healthy,
            "the dashboard shows the standby streaming from its primary");

        await using var connection = new NpgsqlConnection(standby);
        await connection.OpenAsync();
        await using var write = new NpgsqlCommand("CREATE TABLE written_on_the_standby (id int)", connection);
        (await write.Invoking(command => command.ExecuteNonQueryAsync()).Should().ThrowAsync<PostgresException>())
            .Which.SqlState.Should().Be(PostgresErrorCodes.ReadOnlySqlTransaction, "a standby only replays its primary");
    }

    private static async Task<long> StreamsAsync(string standby, string code, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(standby);
        await connection.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM mt_streams WHERE id = @code", connection);
        count.Parameters.AddWithValue("code", code);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }
}
