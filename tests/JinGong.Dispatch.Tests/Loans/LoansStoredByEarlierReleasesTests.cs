using System.Text.Json;
using JinGong.Contracts.Dispatch;
using JinGong.Contracts.Fleet;
using JinGong.Contracts.Orders;
using JinGong.Dispatch.Loans;
using JinGong.Dispatch.Loans.Lending;
using JinGong.EventSourcing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using JinGong.Testing;
using Npgsql;

namespace JinGong.Dispatch.Tests.Loans;

/// <summary>
/// Loans the releases before this one stored, read by this one. Their rows are written here as those releases wrote them
/// (the stored event names, CLR type names and JSON of then), not appended through today's code: the release before last
/// asked for a loan with no trial at all, the one after stored a trial as two loose fields of <c>loan_requested_v1</c>,
/// and the last one a trial as one value of <c>loan_requested_v2</c>; all named the borrower alone. Today's request is
/// <c>loan_requested_v3</c>, with the borrower's customer id: <see cref="LoanRequestedV1"/> reads both v1 shapes, and
/// <see cref="CustomerNamedOnly{T}"/> v2, each with the id the borrower's name gives, which
/// <see cref="BorrowersFromHistory"/> gives the documents those releases kept when dispatch starts.
/// </summary>
[Collection(DispatchService.Collection)]
public sealed class LoansStoredByEarlierReleasesTests(DispatchService dispatch)
{
    private const string RequestedV1 = "loan_requested_v1";
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task loans_requested_in_every_earlier_shape_read_follow_fleet_and_rebuild_with_their_trial_and_borrower_and_stay_stored_as_they_were()
    {
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"), listen => listen.To<LoanOpened>());
        var (plain, trial, condition, lastRelease) = (GatewayRequests.Unique("LOAN"), GatewayRequests.Unique("LOAN"), GatewayRequests.Unique("COND"), GatewayRequests.Unique("LOAN"));
        var (plainCode, trialCode, lastCode) = (FleetApi.NewCode(), FleetApi.NewCode(), FleetApi.NewCode());

        // Asked for and lent under the release before last, taken back under the last, whose projection rewrote the document.
        await StoreAsReleasedAsync(plain, "east", [
            (RequestedV1, "LoanRequested", $$"""
                {"LoanId": "{{plain}}", "VehicleCode": "{{plainCode}}", "Model": "WL-50E", "Region": "east", "Borrower": "Baotou Steel", "Site": "pit 3",
                 "DueDate": "2026-03-31", "OccurredAt": "2026-03-02T01:30:00+00:00"}
                """),
            ("loan_started_v1", "LoanStarted", $$"""{"LoanId": "{{plain}}", "OccurredAt": "2026-03-02T06:00:00+00:00"}"""),
            ("return_reported_v1", "ReturnReported", $$"""
                {"LoanId": "{{plain}}", "VehicleCode": "{{plainCode}}", "HoursUsed": 37.5, "OccurredAt": "2026-03-20T08:00:00+00:00"}
                """),
            ("loan_returned_v1", "LoanReturned", $$"""{"LoanId": "{{plain}}", "OccurredAt": "2026-03-20T09:00:00+00:00"}"""),
        ], $$"""
            {"LoanId": "{{plain}}", "VehicleCode": "{{plainCode}}", "Model": "WL-50E", "Region": "east", "Borrower": "Baotou Steel", "Site": "pit 3",
             "DueDate": "2026-03-31", "Status": 3, "RequestedAt": "2026-03-02T01:30:00+00:00", "LastOccurredAt": "2026-03-20T09:00:00+00:00",
             "HoursUsed": 37.5, "RefusedFor": null, "ConditionId": null, "OpportunityId": null}
            """);
        // Asked for as a trial under the last release, still waiting for fleet when this one came.
        await StoreAsReleasedAsync(trial, "east", [
            (RequestedV1, "LoanRequested", $$"""
                {"LoanId": "{{trial}}", "VehicleCode": "{{trialCode}}", "Model": "XE-80", "Region": "east", "Borrower": "Yulong Copper", "Site": "pit 2",
                 "DueDate": "2030-01-01", "OccurredAt": "2026-11-20T02:00:00+00:00", "ConditionId": "{{condition}}", "OpportunityId": "OPP-7"}
                """),
        ], $$"""
            {"LoanId": "{{trial}}", "VehicleCode": "{{trialCode}}", "Model": "XE-80", "Region": "east", "Borrower": "Yulong Copper", "Site": "pit 2",
             "DueDate": "2030-01-01", "Status": 0, "RequestedAt": "2026-11-20T02:00:00+00:00", "LastOccurredAt": "2026-11-20T02:00:00+00:00",
             "HoursUsed": null, "RefusedFor": null, "ConditionId": "{{condition}}", "OpportunityId": "OPP-7"}
            """);

        // Asked for as a trial under the last release, which named the borrower alone.
        await StoreAsReleasedAsync(lastRelease, "east", [
            ("loan_requested_v2", "LoanRequested", $$"""
                {"LoanId": "{{lastRelease}}", "VehicleCode": "{{lastCode}}", "Model": "XE-80", "Region": "east", "Borrower": "Zijin  Mining", "Site": "pit 5",
                 "DueDate": "2030-01-01", "OccurredAt": "2026-11-28T02:00:00+00:00", "Trial": {"ConditionId": "{{condition}}", "OpportunityId": null} }
                """),
        ], $$"""
            {"LoanId": "{{lastRelease}}", "VehicleCode": "{{lastCode}}", "Model": "XE-80", "Region": "east", "Borrower": "Zijin  Mining", "Site": "pit 5",
             "DueDate": "2030-01-01", "Status": 0, "RequestedAt": "2026-11-28T02:00:00+00:00", "LastOccurredAt": "2026-11-28T02:00:00+00:00",
             "HoursUsed": null, "RefusedFor": null, "ConditionId": "{{condition}}", "OpportunityId": null}
            """);

        // What the next start of dispatch does, before it answers; a second start finds nothing left to do.
        var upgrade = dispatch.Services.GetServices<IHostedService>().OfType<BorrowersFromHistory>().Single();
        await upgrade.StartAsync(CancellationToken.None);
        await upgrade.StartAsync(CancellationToken.None);
        foreach (var (loan, borrower) in new[] { (plain, "Baotou Steel"), (trial, "Yulong Copper"), (lastRelease, "Zijin  Mining") })
        {
            foreach (var address in new[] { $"/api/dispatch/loans/{loan}", $"/api/dispatch/loans/{loan}?version=1" })
            {
                var view = await dispatch.GetOkAsync(address);
                (view.GetProperty("borrowerId").GetString(), view.GetProperty("borrower").GetString())
                    .Should().Be((CustomerIds.ForName(borrower), borrower), $"{address}, from its document and from its events, names the customer its borrower's name gives");
            }
        }

        (await dispatch.GetOkAsync($"/api/dispatch/loans?borrowerId={CustomerIds.ForName("ZIJIN MINING")}")).GetProperty("items").EnumerateArray()
            .Select(loan => loan.GetProperty("loanId").GetString()).Should().Contain(lastRelease);
        StatusAndTrial(await dispatch.GetOkAsync($"/api/dispatch/loans/{lastRelease}?version=1")).Should().Be(("Requested", condition, null));

        // Replayed from its events, each request reads in today's shape.
        var asked = await dispatch.GetOkAsync($"/api/dispatch/loans/{plain}?version=1");
        (StatusAndTrial(asked), asked.GetProperty("borrower").GetString(), asked.GetProperty("dueDate").GetString())
            .Should().Be((("Requested", null, null), "Baotou Steel", "2026-03-31"));
        StatusAndTrial(await dispatch.GetOkAsync($"/api/dispatch/loans/{plain}?version=2")).Should().Be(("Out", null, null));
        StatusAndTrial(await dispatch.GetOkAsync($"/api/dispatch/loans/{trial}?version=1")).Should().Be(("Requested", condition, "OPP-7"));

        // Fleet lends the trial's unit now: dispatch decides on the loan as stored, and tells everyone the trial it is.
        await bus.PublishAsync(
            new VehicleStatusChanged(trialCode, "XE-80", "east", "wuxi-1", VehicleStatuses.InStock, VehicleStatuses.OnLoan, VehicleChangeCauses.Lent, null, trial, null,
                DateTimeOffset.UtcNow),
            Guid.NewGuid());
        var opened = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.ReceivedOf<LoanOpened>().SingleOrDefault(loan => loan.LoanId == trial)), loan => loan is not null, Arrival, $"{trial} to be told open");
        opened.Should().BeEquivalentTo(new { VehicleCode = trialCode, BorrowerId = CustomerIds.ForName("Yulong Copper"), Borrower = "Yulong Copper", ConditionId = condition, OpportunityId = "OPP-7" });
        var read = await dispatch.GetOkAsync($"/api/dispatch/loans/{trial}");
        (StatusAndTrial(read), read.GetProperty("version").GetInt64()).Should().Be((("Out", condition, "OPP-7"), 2L));

        // History is not rewritten: the request keeps its stored name and JSON, and reads as today's request.
        var history = (await dispatch.GetOkAsync($"/api/dispatch/loans/{trial}/history")).GetProperty("items");
        history.EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Equal("loan_started_v1", RequestedV1);
        history[1].GetProperty("data").GetProperty("trial").GetProperty("conditionId").GetString().Should().Be(condition);
        (await StoredRequestAsync(trial)).Should().Be((RequestedV1, condition));

        // Every projection rebuilt from zero by today's code equals what the releases that stored these loans kept.
        using var checking = await dispatch.Api.PostAsync("/api/dispatch/projections/rebuild-check", content: null);
        var report = await checking.JsonAsync();
        var loans = report.GetProperty("projections").EnumerateArray().Single(projection => projection.GetProperty("projection").GetString() == "Loan");
        (loans.GetProperty("equal").GetBoolean(), loans.GetProperty("differingCount").GetInt64()).Should().Be((true, 0L), report.ToString());
        report.GetProperty("equal").GetBoolean().Should().BeTrue(report.ToString());
    }

    private static (string? Status, string? ConditionId, string? OpportunityId) StatusAndTrial(JsonElement loan) =>
        (loan.GetProperty("status").GetString(), loan.GetProperty("conditionId").GetString(), loan.GetProperty("opportunityId").GetString());

    /// <summary>
    /// A loan's rows as a release of dispatch wrote them in one transaction: its events (stored name, the class they were
    /// of, their JSON), its stream, and the loan document its inline projection kept after the last of them.
    /// </summary>
    private async Task StoreAsReleasedAsync(string loanId, string region, IReadOnlyList<(string Type, string Class, string Json)> events, string loan)
    {
        await using var database = NpgsqlDataSource.Create(await dispatch.ConnectionStringAsync("dispatchdb"));
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var correlation = Guid.NewGuid().ToString("N");
        var recorded = events.Select(e => JsonDocument.Parse(e.Json).RootElement.GetProperty("OccurredAt").GetDateTimeOffset()).ToList();
        await ExecuteAsync(connection, "INSERT INTO mt_streams (id, type, version, timestamp, created) VALUES ($1, 'loan', $2, $3, $4)", loanId, (long)events.Count, recorded[^1], recorded[0]);
        for (var i = 0; i < events.Count; i++)
        {
            await ExecuteAsync(connection,
                """
                INSERT INTO mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type, correlation_id, causation_id, user_name)
                VALUES (nextval('mt_events_sequence'), $1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, 'administrator')
                """,
                Guid.NewGuid(), loanId, i + 1L, events[i].Json, events[i].Type, recorded[i], $"JinGong.Dispatch.Loans.{events[i].Class}, JinGong.Dispatch", correlation,
                Guid.NewGuid().ToString("N"));
        }

        await ExecuteAsync(connection,
            "INSERT INTO mt_doc_loan (id, data, mt_dotnet_type, mt_version, region) VALUES ($1, $2::jsonb, 'JinGong.Dispatch.Loans.Loan', $3, $4)",
            loanId, loan, (long)events.Count, region);
        await transaction.CommitAsync();
    }

    /// <summary>The stored name and condition of a loan's first event, read from the store's table.</summary>
    private async Task<(string Type, string? ConditionId)> StoredRequestAsync(string loanId)
    {
        await using var database = NpgsqlDataSource.Create(await dispatch.ConnectionStringAsync("dispatchdb"));
        await using var command = database.CreateCommand("SELECT type, data ->> 'ConditionId' FROM mt_events WHERE stream_id = $1 AND version = 1");
        command.Parameters.AddWithValue(loanId);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue();
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}
