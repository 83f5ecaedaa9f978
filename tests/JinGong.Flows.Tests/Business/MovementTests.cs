using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using JinGong.Testing;

namespace JinGong.Flows.Tests.Business;

/// <summary>Loans [外借] and transfers that no order asked for, and the board that shows them.</summary>
[Collection(SystemCollection.Name)]
public sealed class MovementTests(SystemFixture system)
{
    private static string Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task the_regions_dispatch_lists_are_those_it_allocates_by_each_with_the_home_warehouse_its_transfers_go_to()
    {
        var regions = (await new Company(system, Company.Unique("regions")).GetAsync("/api/dispatch/regions")).EnumerateArray().ToList();

        regions.Select(region => region.GetProperty("name").GetString()).Should().Equal("east", "north", "central", "south", "west", "northeast");
        regions[0].GetProperty("warehouse").GetString().Should().Be("wuxi-1");
        regions.Should().OnlyContain(region => region.GetProperty("latitude").GetDouble() > 0 && region.GetProperty("longitude").GetDouble() > 0);
    }

    [Fact]
    public async Task a_demo_unit_lent_ten_days_ago_and_due_three_days_ago_is_listed_overdue_until_it_comes_back()
    {
        var company = new Company(system, Company.Unique("loan"));
        var region = Company.Unique("central");
        var vehicle = await company.RegisterVehicleAsync("EX-35E", region, Company.Unique("wuhan"));

        var loan = (await company.PostAsync("/api/dispatch/loans", new
        {
            vehicleCode = vehicle, borrower = "Wuhan Metro Group", site = "Line 12 shaft", dueDate = Day(DateTimeOffset.UtcNow.AddDays(-3)),
            occurredAt = DateTimeOffset.UtcNow.AddDays(-10),
        }, HttpStatusCode.Created)).GetProperty("loanId").GetString()!;

        await company.WhenAsync($"/api/dispatch/loans/{loan}", l => l.GetProperty("status").GetString() == "Out", "fleet to lend the vehicle");
        (await company.GetAsync($"/api/fleet/vehicles/{vehicle}")).GetProperty("status").GetString().Should().Be("OnLoan");
        var overdue = await company.GetAsync($"/api/dispatch/loans?region={region}&overdue=true");
        overdue.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("loanId").GetString()).Should().Equal(loan);
        var board = (await company.GetAsync($"/api/dispatch/board?region={region}")).GetProperty("regions").EnumerateArray().Single();
        board.GetProperty("loansOverdue").EnumerateArray().Select(l => l.GetProperty("loanId").GetString()).Should().Equal(loan);

        await company.PostAsync($"/api/dispatch/loans/{loan}/return", new { hoursUsed = 86.5m });

        await company.WhenAsync($"/api/dispatch/loans/{loan}", l => l.GetProperty("status").GetString() == "Returned", "fleet to take the vehicle back");
        (await company.GetAsync($"/api/fleet/vehicles/{vehicle}")).GetProperty("status").GetString().Should().Be("InStock");
        (await company.GetAsync($"/api/dispatch/loans?region={region}&overdue=true")).GetProperty("total").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task a_transfer_moves_a_unit_in_stock_to_another_warehouse_and_the_board_shows_it_on_the_way()
    {
        var company = new Company(system, Company.Unique("transfer"));
        var (from, to) = (Company.Unique("west"), Company.Unique("south"));
        var vehicle = await company.RegisterVehicleAsync("EX-35E", from, Company.Unique("chengdu"));
        var destination = await system.Gateway.OpenWarehouseAsync(to);

        var transfer = (await company.PostAsync("/api/dispatch/transfers", new { vehicleCode = vehicle, toWarehouse = destination, toRegion = to }, HttpStatusCode.Created))
            .GetProperty("transferId").GetString()!;

        await company.WhenAsync($"/api/dispatch/transfers/{transfer}", t => t.GetProperty("status").GetString() == "InTransit", "fleet to start the transfer");
        var board = (await company.GetAsync($"/api/dispatch/board?region={to}")).GetProperty("regions").EnumerateArray().Single();
        board.GetProperty("transfersInTransit").EnumerateArray().Select(t => t.GetProperty("transferId").GetString()).Should().Equal(transfer);

        await company.PostAsync($"/api/dispatch/transfers/{transfer}/arrival", new { });

        await company.WhenAsync($"/api/dispatch/transfers/{transfer}", t => t.GetProperty("status").GetString() == "Arrived", "the vehicle to arrive");
        var record = await company.GetAsync($"/api/fleet/vehicles/{vehicle}");
        (record.GetProperty("status").GetString(), record.GetProperty("warehouse").GetString(), record.GetProperty("region").GetString())
            .Should().Be(("InStock", destination, to));
        await company.WhenAsync($"/api/dispatch/vehicles?region={to}", page => page.GetProperty("total").GetInt64() == 1, "dispatch's catalogue to move the vehicle");
    }

    [Fact]
    public async Task lending_a_reserved_unit_transferring_to_its_own_warehouse_or_delivering_a_unit_not_allocated_are_refused()
    {
        var company = new Company(system, Company.Unique("refusals"));
        var region = Company.Unique("northeast");
        var yard = Company.Unique("shenyang");
        var reserved = await company.RegisterVehicleAsync("EX-35E", region, yard);
        var order = (await company.PostAsync("/api/orders/orders", new
        {
            customer = "Anshan Iron", region, salesRep = "zhao.lei", deliverySite = "Anshan",
            lines = new[] { new { model = "EX-35E", quantity = 1, unitPrice = 900_000m } },
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await company.WhenAsync($"/api/dispatch/allocations/{order}", a => Company.Status(a, reserved) == "Reserved", "the unit to be reserved");
        await company.WhenAsync($"/api/dispatch/vehicles?region={region}", page => page.GetProperty("items")[0].GetProperty("status").GetString() == "Reserved", "dispatch's catalogue to see it reserved");
        var spare = await company.RegisterVehicleAsync("EX-35E", region, yard);

        using (var lend = await system.Gateway.PostAsJsonAsync("/api/dispatch/loans", new { vehicleCode = reserved, borrower = "x", site = "y", dueDate = "2030-01-01" }))
        {
            await lend.ShouldBeProblemAsync(HttpStatusCode.Conflict, "cannot-lend-when-reserved");
        }

        using (var sameWarehouse = await system.Gateway.PostAsJsonAsync("/api/dispatch/transfers", new { vehicleCode = spare, toWarehouse = yard, toRegion = region }))
        {
            await sameWarehouse.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "transfer-to-same-warehouse");
        }

        using (var notAllocated = await system.Gateway.PostAsJsonAsync($"/api/dispatch/allocations/{order}/deliveries", new { vehicleCode = spare, date = "2030-01-01" }))
        {
            await notAllocated.ShouldBeProblemAsync(HttpStatusCode.Conflict, "vehicle-not-allocated");
        }

        using (var unknown = await system.Gateway.PostAsJsonAsync("/api/dispatch/loans", new { vehicleCode = "JG-NOBODY", borrower = "x", site = "y", dueDate = "2030-01-01" }))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "vehicle-not-catalogued");
        }

        (await company.GetAsync($"/api/dispatch/loans?region={region}")).GetProperty("total").GetInt64().Should().Be(0, "no refused request left a loan behind");
    }
}
