using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JinGong.Contracts.Dispatch;
using JinGong.Contracts.Fleet;
using JinGong.Contracts.Knowledge;
using JinGong.Contracts.Orders;
using JinGong.Dispatch.Loans.Trials;
using JinGong.EventSourcing.Messaging;
using JinGong.Http.Security;
using JinGong.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.Dispatch.Tests.Loans;

/// <summary>
/// A loan through dispatch's API, with fleet's side played on the bus by the test: dispatch asks fleet to lend the
/// vehicle, and follows fleet's answer.
/// </summary>
[Collection(DispatchService.Collection)]
public sealed class LoanApiTests(DispatchService dispatch)
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    /// <summary>A customer of orders' registry, renamed since it was registered: its id is not the one its name gives.</summary>
    private const string Registered = "CUS-0A1B2C3D4E";

    [Fact]
    public async Task a_loan_is_asked_of_fleet_on_the_bus_and_is_out_once_fleet_lends_the_vehicle()
    {
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"), listen => listen.To<VehicleLoanRequested>().To<LoanOpened>());
        var code = await CataloguedAsync(bus);

        var requested = await dispatch.PostOkAsync("/api/dispatch/loans", new { vehicleCode = code, borrower = "Wuhan Metro", site = "Line 12", dueDate = "2030-01-01" }, HttpStatusCode.Created);
        var loanId = requested.GetProperty("loanId").GetString()!;
        requested.GetProperty("status").GetString().Should().Be("Requested");
        var asked = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.ReceivedOf<VehicleLoanRequested>().SingleOrDefault(request => request.LoanId == loanId)), request => request is not null, Arrival, "fleet to be asked");
        // Named alone, as clients before the customer registry did: the borrower is the customer that name gives.
        var borrowerId = CustomerIds.ForName("Wuhan Metro");
        requested.GetProperty("borrowerId").GetString().Should().Be(borrowerId);
        asked.Should().BeEquivalentTo(new { VehicleCode = code, BorrowerId = borrowerId, Borrower = "Wuhan Metro", Site = "Line 12", DueDate = new DateOnly(2030, 1, 1) });

        await bus.PublishAsync(
            new VehicleStatusChanged(code, "XE-80", "east", "wuxi-1", VehicleStatuses.InStock, VehicleStatuses.OnLoan, VehicleChangeCauses.Lent, null, loanId, null, DateTimeOffset.UtcNow),
            Guid.NewGuid());
        var listed = await Eventually.ReturnsAsync(
            _ => dispatch.GetOkAsync("/api/dispatch/loans?region=east&pageSize=500"), page => LoanIn(page, loanId)?.GetProperty("status").GetString() == "Out", Arrival, $"{loanId} to be out");
        LoanIn(listed, loanId)!.Value.GetProperty("vehicleCode").GetString().Should().Be(code);
        var opened = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.ReceivedOf<LoanOpened>().SingleOrDefault(loan => loan.LoanId == loanId)), loan => loan is not null, Arrival, $"{loanId} to be told open");
        opened.Should().BeEquivalentTo(new { VehicleCode = code, Region = "east", BorrowerId = borrowerId, Borrower = "Wuhan Metro", ConditionId = (string?)null, OpportunityId = (string?)null },
            "every loan is told, a trial or not");
        (await dispatch.GetOkAsync($"/api/dispatch/loans?borrowerId={borrowerId}&pageSize=500")).GetProperty("items").EnumerateArray()
            .Should().Contain(loan => loan.GetProperty("loanId").GetString() == loanId)
            .And.OnlyContain(loan => loan.GetProperty("borrowerId").GetString() == borrowerId, "a borrower's loans are asked for by its id");
    }

    [Fact]
    public async Task a_loan_recorded_as_a_trial_is_read_with_its_working_condition_and_opportunity_and_told_so_when_it_opens_and_closes()
    {
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"), listen => listen.To<LoanOpened>().To<LoanClosed>());
        var condition = await DescribedAsync(bus, "High-altitude copper mine", DateTimeOffset.UtcNow.AddDays(-3));
        var code = await CataloguedAsync(bus);

        var requested = await dispatch.PostOkAsync("/api/dispatch/loans",
            new { vehicleCode = code, borrowerId = Registered, borrower = "Yulong Copper", site = "pit 2", dueDate = "2030-01-01", conditionId = condition, opportunityId = "OPP-7" },
            HttpStatusCode.Created);
        var loanId = requested.GetProperty("loanId").GetString()!;
        var read = await dispatch.GetOkAsync($"/api/dispatch/loans/{loanId}");
        var listed = LoanIn(await dispatch.GetOkAsync("/api/dispatch/loans?region=east&pageSize=500"), loanId)!.Value;
        foreach (var loan in new[] { requested, read, listed })
        {
            (loan.GetProperty("borrowerId").GetString(), loan.GetProperty("conditionId").GetString(), loan.GetProperty("opportunityId").GetString())
                .Should().Be((Registered, condition, "OPP-7"), "the borrower is the customer picked from the registry, whatever its name gives");
        }

        await bus.PublishAsync(FleetMoved(code, loanId, VehicleStatuses.InStock, VehicleStatuses.OnLoan, VehicleChangeCauses.Lent), Guid.NewGuid());
        var opened = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.ReceivedOf<LoanOpened>().SingleOrDefault(loan => loan.LoanId == loanId)), loan => loan is not null, Arrival, $"{loanId} to be told open");
        opened.Should().BeEquivalentTo(new
        {
            VehicleCode = code, Model = "XE-80", Region = "east", BorrowerId = Registered, Borrower = "Yulong Copper", Site = "pit 2", DueDate = new DateOnly(2030, 1, 1),
            ConditionId = condition, OpportunityId = "OPP-7",
        });

        (await dispatch.PostOkAsync($"/api/dispatch/loans/{loanId}/return", new { hoursUsed = 37.5m })).GetProperty("status").GetString().Should().Be("Returning");
        await bus.PublishAsync(FleetMoved(code, loanId, VehicleStatuses.OnLoan, VehicleStatuses.InStock, VehicleChangeCauses.Returned), Guid.NewGuid());
        var closed = await Eventually.ReturnsAsync(
            _ => Task.FromResult(bus.ReceivedOf<LoanClosed>().SingleOrDefault(loan => loan.LoanId == loanId)), loan => loan is not null, Arrival, $"{loanId} to be told closed");
        closed.Should().BeEquivalentTo(new { VehicleCode = code, HoursUsed = 37.5m });
    }

    [Fact]
    public async Task a_trial_for_a_working_condition_dispatch_does_not_know_is_a_422_problem_and_nothing_is_asked()
    {
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"));
        var code = await CataloguedAsync(bus);
        var before = (await EventsAsync()).Count;

        using var answer = await dispatch.Api.PostAsJsonAsync("/api/dispatch/loans",
            new { vehicleCode = code, borrower = "Yulong Copper", site = "pit 2", dueDate = "2030-01-01", conditionId = NewConditionId(), opportunityId = "OPP-7" });

        await answer.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "condition-not-found");
        (await EventsAsync()).Should().HaveCount(before);
    }

    [Fact]
    public async Task a_working_condition_reads_as_its_latest_description_and_an_older_one_arriving_late_changes_nothing()
    {
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"));
        var describedAt = DateTimeOffset.UtcNow.AddDays(-3);
        var condition = await DescribedAsync(bus, "Copper mine", describedAt);
        await DescribedAsync(bus, "High-altitude copper mine", describedAt.AddDays(1), condition);

        var late = Guid.NewGuid();
        await bus.PublishAsync(new WorkingConditionDescribed("SCN-1", "Copper mine", condition, "4,000 m", describedAt.AddHours(1)), late);
        await Eventually.ReturnsAsync(
            cancellationToken => StoredAsync<ProcessedMessage>(ProcessedMessages.Key(typeof(WorkingConditionDescribedConsumer), late), cancellationToken),
            processed => processed is not null, Arrival, "the late description to be consumed");

        (await StoredAsync<WorkingCondition>(condition, CancellationToken.None))!.ScenarioName.Should().Be("High-altitude copper mine");
    }

    [Fact]
    public async Task dispatch_asks_for_every_working_condition_until_the_knowledge_base_shows_them_and_keeps_what_is_shown_unless_it_knows_later()
    {
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"), listen => listen.To<WorkingConditionsRequested>());
        // Dispatch asks at its start and every few seconds until shown: this is the only test that shows them.
        await Eventually.ReturnsAsync(_ => Task.FromResult(bus.ReceivedOf<WorkingConditionsRequested>().Count), count => count > 0,
            CopyRequester.Every * 3, "dispatch asks the knowledge base for its working conditions");
        var describedAt = DateTimeOffset.UtcNow.AddDays(-3);
        var (missed, known) = (NewConditionId(), await DescribedAsync(bus, "High-altitude copper mine", describedAt.AddDays(1)));

        await bus.PublishAsync(new WorkingConditionsShown(
            [new("SCN-1", "Copper mine", missed, "4,000 m", describedAt), new("SCN-1", "Copper mine", known, "4,000 m", describedAt)], describedAt), Guid.NewGuid());
        await Eventually.ReturnsAsync(
            cancellationToken => StoredAsync<WorkingConditionsCopy>(WorkingConditionsCopy.Key, cancellationToken), copy => copy is not null, Arrival, "the copy to be shown whole");

        (await StoredAsync<WorkingCondition>(missed, CancellationToken.None))!.ScenarioName.Should().Be("Copper mine", "a condition described before dispatch listened is known once shown");
        (await StoredAsync<WorkingCondition>(known, CancellationToken.None))!.ScenarioName.Should().Be("High-altitude copper mine", "a later description is kept over an older one shown");
        (await dispatch.Api.PostAsJsonAsync("/api/dispatch/loans", new
        {
            vehicleCode = await CataloguedAsync(bus), borrower = "Zijin", site = "pit", dueDate = "2030-01-01", conditionId = missed,
        })).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task a_vehicle_dispatch_has_not_catalogued_is_a_404_problem_and_nothing_is_asked()
    {
        var before = (await EventsAsync()).Count;

        using var answer = await dispatch.Api.PostAsJsonAsync("/api/dispatch/loans", new { vehicleCode = FleetApi.NewCode(), borrower = "Wuhan Metro", site = "Line 12", dueDate = "2030-01-01" });

        await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "vehicle-not-catalogued");
        (await EventsAsync()).Should().HaveCount(before);
    }

    [Theory]
    [InlineData("{\"borrower\":\"Wuhan Metro\",\"site\":\"Line 12\",\"dueDate\":\"2030-01-01\"}", "vehicleCode")]
    [InlineData("{\"vehicleCode\":\"JG-1\",\"site\":\"Line 12\",\"dueDate\":\"2030-01-01\"}", "borrower")]
    [InlineData("{\"vehicleCode\":\"JG-1\",\"borrower\":\"Wuhan Metro\",\"site\":\"Line 12\",\"dueDate\":\"next week\"}", "dueDate")]
    [InlineData("{\"vehicleCode\":\"JG-1\",\"borrower\":\"Wuhan Metro\",\"site\":\"Line 12\",\"dueDate\":\"2030-01-01\",\"conditionId\":\"' OR 1=1\"}", "conditionId")]
    [InlineData("{\"vehicleCode\":\"JG-1\",\"borrower\":\"Wuhan Metro\",\"site\":\"Line 12\",\"dueDate\":\"2030-01-01\",\"conditionId\":\"COND-1\",\"opportunityId\":\"<b>7</b>\"}", "opportunityId")]
    [InlineData("{\"vehicleCode\":\"JG-1\",\"borrower\":\"Wuhan Metro\",\"site\":\"Line 12\",\"dueDate\":\"2030-01-01\",\"opportunityId\":\"OPP-7\"}", "opportunityId")]
    [InlineData("{\"vehicleCode\":\"JG-1\",\"borrower\":\"Wuhan Metro\",\"site\":\"Line 12\",\"dueDate\":\"2030-01-01\",\"borrowerId\":\"Wuhan Metro\"}", "borrowerId")]
    [InlineData("{\"vehicleCode\":\"JG-1\",\"borrower\":\"Wuhan Metro\",\"site\":\"Line 12\",\"dueDate\":\"2030-01-01\",\"borrowerId\":\"CUS-0A1B2C3D4E-C1\"}", "borrowerId")]
    public async Task bad_input_gets_a_400_naming_the_field_and_appends_nothing(string body, string field)
    {
        var before = (await EventsAsync()).Count;

        using var answer = await dispatch.Api.PostAsync("/api/dispatch/loans", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue($"the errors name {field}: {problem}");
        (await EventsAsync()).Should().HaveCount(before);
    }

    [Fact]
    public async Task a_rep_sees_their_own_region_s_loans_and_board_and_is_refused_another_region_s()
    {
        await using var bus = await TestBus.StartAsync(await dispatch.ConnectionStringAsync("messaging"));
        var east = await LendAsync(await CataloguedAsync(bus, "east"));
        var north = await LendAsync(await CataloguedAsync(bus, "north"));
        using var rep = dispatch.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "east");

        var listed = await (await rep.GetAsync("/api/dispatch/loans?pageSize=500")).JsonAsync();
        listed.GetProperty("items").EnumerateArray().Select(loan => loan.GetProperty("region").GetString()).Should().OnlyContain(region => region == "east");
        LoanIn(listed, east).Should().NotBeNull();
        var board = await (await rep.GetAsync("/api/dispatch/board")).JsonAsync();
        board.GetProperty("regions").EnumerateArray().Select(region => region.GetProperty("region").GetString()).Should().Equal("east");
        (await (await rep.GetAsync($"/api/dispatch/loans/{east}")).JsonAsync()).GetProperty("loanId").GetString().Should().Be(east);

        foreach (var path in new[] { $"/api/dispatch/loans/{north}", "/api/dispatch/loans?region=north", "/api/dispatch/board?region=north" })
        {
            using var refused = await rep.GetAsync(path);
            await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-your-region");
        }

        (await dispatch.GetOkAsync($"/api/dispatch/loans/{north}")).GetProperty("loanId").GetString().Should().Be(north, "the administrator reads every region's");
    }

    private async Task<string> LendAsync(string code) =>
        (await dispatch.PostOkAsync("/api/dispatch/loans", new { vehicleCode = code, borrower = "Wuhan Metro", site = "Line 12", dueDate = "2030-01-01" }, HttpStatusCode.Created))
            .GetProperty("loanId").GetString()!;

    /// <summary>A vehicle fleet registered, as dispatch's catalogue learns of it from the bus.</summary>
    private async Task<string> CataloguedAsync(TestBus bus, string region = "east")
    {
        var code = FleetApi.NewCode();
        await bus.PublishAsync(new VehicleRegistered(code, "XE-80", "excavator", region, "wuxi-1", DateTimeOffset.UtcNow.AddDays(-30)), Guid.NewGuid());
        await Eventually.ReturnsAsync(
            _ => dispatch.Api.GetStringAsync($"/api/dispatch/vehicles?region={region}&pageSize=500"), page => page.Contains(code, StringComparison.Ordinal), Arrival, $"{code} in the catalogue");
        return code;
    }

    /// <summary>
    /// A working condition the knowledge base describes (a new one unless <paramref name="conditionId"/> is named), as
    /// dispatch's copy learns of it from the bus.
    /// </summary>
    private async Task<string> DescribedAsync(TestBus bus, string scenarioName, DateTimeOffset describedAt, string? conditionId = null)
    {
        var condition = conditionId ?? NewConditionId();
        await bus.PublishAsync(new WorkingConditionDescribed("SCN-1", scenarioName, condition, "4,000 m", describedAt), Guid.NewGuid());
        await Eventually.ReturnsAsync(
            cancellationToken => StoredAsync<WorkingCondition>(condition, cancellationToken),
            copied => copied?.ScenarioName == scenarioName, Arrival, $"{condition} described to dispatch");
        return condition;
    }

    private static string NewConditionId() => $"COND-{Guid.NewGuid():N}"[..15];

    /// <summary>A document of dispatch's own store (its copy of a working condition, a message it applied).</summary>
    private async Task<T?> StoredAsync<T>(string id, CancellationToken cancellationToken)
        where T : class
    {
        await using var session = dispatch.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.LoadAsync<T>(id, cancellationToken);
    }

    private static VehicleStatusChanged FleetMoved(string code, string loanId, string from, string to, string cause) =>
        new(code, "XE-80", "east", "wuxi-1", from, to, cause, null, loanId, null, DateTimeOffset.UtcNow);

    private static JsonElement? LoanIn(JsonElement page, string loanId) =>
        page.GetProperty("items").EnumerateArray().Where(loan => loan.GetProperty("loanId").GetString() == loanId).Cast<JsonElement?>().FirstOrDefault();

    private async Task<IReadOnlyList<EventStoreQueries.StoredEvent>> EventsAsync() =>
        await new EventStoreQueries(await dispatch.ConnectionStringAsync("dispatchdb")).EventsAsync();
}
