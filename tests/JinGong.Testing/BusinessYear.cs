using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace JinGong.Testing;

/// <summary>
/// What a played year left behind: the commands sent, how many of each business thing, and how many commands were
/// recorded as of now rather than back-dated because their stream had already recorded something later.
/// </summary>
public sealed record BusinessYearTally(
    int Commands, int Vehicles, int Opportunities, int Orders, int Deliveries, int Invoices, int Payments, int Loans, int Transfers,
    int People, int Objectives, int KeyResults, int RecordedLate);

/// <summary>
/// A deterministic year of a small company's business, played through the gateway's public API with every command
/// back-dated (<c>occurredAt</c>) so that the stores hold a year of dated history: a roster and quarterly OKRs, a rental
/// fleet (loaders and small excavators) lent out, serviced and reporting telematics, and a sales fleet (mining trucks,
/// big loaders and excavators) sold through opportunities, orders, allocations, transfers, deliveries, invoices and
/// payments, some of them late or never paid; at the end, loans and transfers through dispatch.
/// </summary>
public sealed class BusinessYear(HttpClient gateway, int vehicles = 200, int seed = 2026)
{
    private static readonly string[] Regions = ["east", "north", "central", "south", "west", "northeast"];
    private static readonly Dictionary<string, string> Warehouses = new()
    {
        ["east"] = "wuxi-1", ["north"] = "tianjin-1", ["central"] = "wuhan-1", ["south"] = "guangzhou-1", ["west"] = "chengdu-1", ["northeast"] = "shenyang-1",
    };

    // Lent out: small machines. Sold: the big ones, with their list prices in yuan.
    private static readonly string[] RentalModels = ["WL-30E", "EX-22E"];
    private static readonly (string Model, decimal Price)[] SaleModels = [("MT-90E", 4_200_000m), ("MT-60E", 2_900_000m), ("WL-50E", 1_100_000m), ("EX-35E", 950_000m)];
    private const int Parallelism = 8;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly DateTimeOffset end = DateTimeOffset.UtcNow.AddHours(-1);
    private DateTimeOffset Start => end.AddDays(-365);
    private int commands;
    private int recordedLate;

    public async Task<BusinessYearTally> PlayAsync(CancellationToken cancellationToken)
    {
        var (reps, people) = await ImportRosterAsync(cancellationToken);
        var (objectives, keyResults, manual) = await SetObjectivesAsync(reps, cancellationToken);

        var codes = Enumerable.Range(1, vehicles).Select(i => $"BY-{i:0000}").ToList();
        await Parallel.ForEachAsync(codes.Select((code, i) => (code, i)), Options(cancellationToken), (vehicle, token) => RegisterAsync(vehicle.code, vehicle.i, token));
        var rental = codes.Select((code, i) => (code, i)).Where(vehicle => IsRental(vehicle.i)).ToList();
        await Parallel.ForEachAsync(rental, Options(cancellationToken), PlayRentalYearAsync);

        var opportunities = Enumerable.Range(1, vehicles / 3).ToList();
        var orders = new ConcurrentBag<(string Id, DateTimeOffset PlacedAt, decimal Amount, bool Paid)>();
        await Parallel.ForEachAsync(opportunities, Options(cancellationToken), async (n, token) =>
        {
            if (await PlaySaleAsync(n, reps, token) is { } order)
            {
                orders.Add(order);
            }
        });

        var delivered = new ConcurrentBag<string>();
        var invoices = 0;
        var payments = 0;
        await Parallel.ForEachAsync(orders, Options(cancellationToken), async (order, token) =>
        {
            if (await DeliverAsync(order.Id, order.PlacedAt, token) is not { } deliveredAt)
            {
                return;
            }

            delivered.Add(order.Id);
            Interlocked.Add(ref invoices, 1);
            Interlocked.Add(ref payments, await InvoiceAndCollectAsync(order.Id, order.Amount, deliveredAt, order.Paid, token));
        });

        var (loans, transfers) = await LendAndMoveThroughDispatchAsync([.. rental.Select(vehicle => vehicle.code)], cancellationToken);
        await CheckInAsync(manual, cancellationToken);
        return new BusinessYearTally(
            commands, vehicles, opportunities.Count, orders.Count, delivered.Count, invoices, payments, loans, transfers,
            people, objectives, keyResults, recordedLate);
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private static bool IsRental(int i) => i % 5 >= 2;

    // Seeded per stream (not HashCode, which differs per process): the same year every run.
    private Random RandomFor(int stream) => new((seed * 100_003) + stream);

    // ---- Roster and OKRs ----

    private sealed record Rep(string Id, string Team, string Region);

    /// <summary>A director, a manager and two reps per region: the reps, and how many people in all.</summary>
    private async Task<(IReadOnlyList<Rep> Reps, int People)> ImportRosterAsync(CancellationToken cancellationToken)
    {
        var people = new List<object> { new { id = "by-director", name = "Zhang Wei", team = "sales", region = "east", manager = (string?)null } };
        var reps = new List<Rep>();
        foreach (var region in Regions)
        {
            var team = $"sales-{region}";
            people.Add(new { id = $"by-manager-{region}", name = $"Manager {region}", team, region, manager = (string?)"by-director" });
            for (var n = 1; n <= 2; n++)
            {
                var rep = new Rep($"by-rep-{region}-{n}", team, region);
                reps.Add(rep);
                people.Add(new { id = rep.Id, name = $"Rep {region} {n}", team, region, manager = (string?)$"by-manager-{region}" });
            }
        }

        await PostAsync("/api/okr/people/import", new { people, occurredAt = Start }, cancellationToken);
        return (reps, people.Count);
    }

    /// <summary>Per quarter of the year: a company objective, one per team under it, one per rep under their team's.</summary>
    private async Task<(int Objectives, int KeyResults, IReadOnlyList<(string Id, DateTimeOffset From, DateTimeOffset To)> Manual)> SetObjectivesAsync(
        IReadOnlyList<Rep> reps, CancellationToken cancellationToken)
    {
        var objectives = 0;
        var keyResults = 0;
        var manual = new List<(string, DateTimeOffset, DateTimeOffset)>();
        for (var quarterStart = QuarterStart(Start); quarterStart < end; quarterStart = quarterStart.AddMonths(3))
        {
            var period = $"{quarterStart.Year}-Q{((quarterStart.Month - 1) / 3) + 1}";
            var setAt = quarterStart < Start ? Start.AddMinutes(1) : quarterStart.AddHours(2);
            var quarterEnd = quarterStart.AddMonths(3) < end ? quarterStart.AddMonths(3) : end;
            var company = await SetObjectiveAsync(new { title = $"Grow electric sales {period}", period, ownerKind = "team", owner = "sales", occurredAt = setAt }, cancellationToken);
            keyResults += await DefineAsync(company, new { title = "Cash collected", start = 0, target = 60_000_000, unit = "yuan", metric = "amount-collected", occurredAt = setAt }, cancellationToken);
            objectives++;
            foreach (var team in reps.GroupBy(rep => rep.Team))
            {
                var region = team.First().Region;
                var teamObjective = await SetObjectiveAsync(new { title = $"Win {region} {period}", period, ownerKind = "team", owner = team.Key, parentId = company, occurredAt = setAt }, cancellationToken);
                keyResults += await DefineAsync(teamObjective, new { title = "Units sold", start = 0, target = 6, unit = "units", metric = "units-sold", filter = new { region }, occurredAt = setAt }, cancellationToken);
                keyResults += await DefineAsync(teamObjective, new { title = "Collection rate", start = 0.5, target = 0.95, unit = "rate", metric = "collection-rate", filter = new { team = team.Key }, occurredAt = setAt }, cancellationToken);
                objectives++;
                foreach (var rep in team)
                {
                    var own = await SetObjectiveAsync(new { title = $"{rep.Id} closes deals {period}", period, ownerKind = "person", owner = rep.Id, parentId = teamObjective, occurredAt = setAt }, cancellationToken);
                    keyResults += await DefineAsync(own, new { title = "Conversion rate", start = 0.2, target = 0.6, unit = "rate", metric = "conversion-rate", filter = new { salesRep = rep.Id }, occurredAt = setAt }, cancellationToken);
                    var visits = await PostAsync($"/api/okr/objectives/{own}/key-results", new { title = "Customer site visits", start = 0, target = 30, unit = "visits", occurredAt = setAt }, cancellationToken, HttpStatusCode.Created);
                    manual.Add((visits.GetProperty("id").GetString()!, setAt, quarterEnd));
                    keyResults++;
                    objectives++;
                }
            }
        }

        return (objectives, keyResults, manual);
    }

    private static DateTimeOffset QuarterStart(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaOffset);
        return new DateTimeOffset(local.Year, (((local.Month - 1) / 3) * 3) + 1, 1, 0, 0, 0, ChinaOffset);
    }

    private async Task<string> SetObjectiveAsync(object objective, CancellationToken cancellationToken) =>
        (await PostAsync("/api/okr/objectives", objective, cancellationToken, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private async Task<int> DefineAsync(string objective, object keyResult, CancellationToken cancellationToken)
    {
        await PostAsync($"/api/okr/objectives/{objective}/key-results", keyResult, cancellationToken, HttpStatusCode.Created);
        return 1;
    }

    /// <summary>Weekly check-ins of the visits, and the final score of each quarter that is over.</summary>
    private async Task CheckInAsync(IReadOnlyList<(string Id, DateTimeOffset From, DateTimeOffset To)> keyResults, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(keyResults.Select((keyResult, n) => (keyResult, n)), Options(cancellationToken), async (item, token) =>
        {
            var ((id, from, to), n) = item;
            var random = RandomFor(10_000 + n);
            var visits = 0;
            var at = from;
            for (at = at.AddDays(7); at < to; at = at.AddDays(7 + random.Next(0, 7)))
            {
                visits += random.Next(0, 4);
                await PostAsync($"/api/okr/key-results/{id}/check-ins", new { value = visits, confidence = Math.Round(random.NextDouble(), 2), note = "visits this week", occurredAt = at }, token);
            }

            if (to < end)
            {
                await PostAsync($"/api/okr/key-results/{id}/scoring", new { score = Math.Min(1m, visits / 30m), reason = "quarter review", occurredAt = to.AddHours(1) }, token);
            }
        });

    // ---- Fleet ----

    private async ValueTask RegisterAsync(string code, int i, CancellationToken cancellationToken)
    {
        var region = Regions[i % Regions.Length];
        var model = IsRental(i) ? RentalModels[i % RentalModels.Length] : SaleModels[i % SaleModels.Length].Model;
        await PostAsync("/api/fleet/vehicles", new
        {
            code, model, category = model.StartsWith("MT", StringComparison.Ordinal) ? "mining-truck" : model.StartsWith("WL", StringComparison.Ordinal) ? "loader" : "excavator",
            region, warehouse = Warehouses[region], occurredAt = Start.AddHours(RandomFor(i).Next(0, 72)),
        }, cancellationToken, HttpStatusCode.Created);
    }

    /// <summary>
    /// A rental unit's year, in business-time order: loans of days to weeks (some repaired on site), services between
    /// them, telematics every two weeks with a reading every six hours (the meter runs while on loan), and a few retired.
    /// </summary>
    private async ValueTask PlayRentalYearAsync((string Code, int Index) vehicle, CancellationToken cancellationToken)
    {
        var random = RandomFor(1_000 + vehicle.Index);
        var path = $"/api/fleet/vehicles/{vehicle.Code}";
        var at = Start.AddDays(4);
        var stop = end.AddDays(-45);
        var hours = 100m;
        var reading = at;
        var batch = 0;
        var loans = 0;
        while ((at = at.AddDays(1 + (random.NextDouble() * 12))) < stop)
        {
            if (random.NextDouble() < 0.15)
            {
                var back = at.AddDays(1 + (random.NextDouble() * 3));
                await CommandAsync(at, working: false, "maintenance", new { reason = "scheduled service", occurredAt = at });
                await CommandAsync(back, working: false, "maintenance/close", new { outcome = "serviced", occurredAt = back });
                at = back;
                continue;
            }

            var loan = $"{vehicle.Code}-L{++loans}";
            var returned = at.AddDays(3 + (random.NextDouble() * 25));
            await CommandAsync(at, working: false, "loans", new { loanId = loan, borrower = "Shenhua demo", site = "Zhungeer mine", dueDate = DateOnly.FromDateTime(returned.AddDays(2).UtcDateTime), occurredAt = at });
            if (random.NextDouble() < 0.2)
            {
                var opened = at.AddDays((returned - at).TotalDays / 3);
                await CommandAsync(opened, working: true, "maintenance", new { reason = "hydraulic leak on site", occurredAt = opened });
                await CommandAsync(opened.AddDays(1), working: false, "maintenance/close", new { outcome = "seal replaced", occurredAt = opened.AddDays(1) });
            }

            await CommandAsync(returned, working: true, "loans/return", new { loanId = loan, hoursUsed = Math.Round((decimal)(returned - at).TotalDays * 5, 1), occurredAt = returned });
            at = returned;
        }

        if (random.NextDouble() < 0.03)
        {
            await CommandAsync(at, working: false, "retirement", new { reason = "battery end of life", occurredAt = at });
        }

        // A command at `time`, after the telematics batches that end before it (the meter ran fast if `working`):
        // every command of the stream comes in business-time order, as the rules of business time require.
        async Task CommandAsync(DateTimeOffset time, bool working, string command, object body)
        {
            while (reading.AddDays(14) <= time)
            {
                var points = new List<object>();
                for (var n = 0; n < 14 * 4; n++)
                {
                    hours += working ? 2 + (decimal)random.NextDouble() : (decimal)random.NextDouble() / 10;
                    points.Add(new { at = reading, operatingHours = Math.Round(hours, 2), latitude = 39.9 + (random.NextDouble() / 10), longitude = 111.2 + (random.NextDouble() / 10) });
                    reading = reading.AddHours(6);
                }

                await PostAsync($"{path}/usage", new { batchId = $"B{++batch}", points }, cancellationToken);
            }

            await PostAsync($"{path}/{command}", body, cancellationToken);
        }
    }

    // ---- Sales ----

    /// <summary>An opportunity through its stages; won ones become orders (the return value), some lost, some still open.</summary>
    private async Task<(string Id, DateTimeOffset PlacedAt, decimal Amount, bool Paid)?> PlaySaleAsync(int n, IReadOnlyList<Rep> reps, CancellationToken cancellationToken)
    {
        var random = RandomFor(20_000 + n);
        var rep = reps[n % reps.Count];
        var (model, price) = SaleModels[random.Next(SaleModels.Length)];
        var quantity = random.Next(1, 3);
        var filed = Start.AddDays(20 + (random.NextDouble() * 300));
        var opportunity = (await PostAsync("/api/orders/opportunities", new
        {
            customer = $"Mine {n % 17}", region = rep.Region, salesRep = rep.Id, lines = new[] { new { model, quantity } },
            expectedAmount = price * quantity, expectedCloseDate = DateOnly.FromDateTime(filed.AddDays(60).UtcDateTime), occurredAt = filed,
        }, cancellationToken, HttpStatusCode.Created)).GetProperty("id").GetString()!;

        var at = filed;
        foreach (var stage in new[] { "Qualified", "Proposal", "Negotiation" })
        {
            if (random.NextDouble() < 0.15)
            {
                return null; // still open
            }

            at = at.AddDays(3 + (random.NextDouble() * 10));
            await PostAsync($"/api/orders/opportunities/{opportunity}/stage", new { stage, occurredAt = at }, cancellationToken);
        }

        at = at.AddDays(2 + (random.NextDouble() * 5));
        if (random.NextDouble() < 0.4)
        {
            await PostAsync($"/api/orders/opportunities/{opportunity}/lost", new { reason = "price", occurredAt = at }, cancellationToken);
            return null;
        }

        await PostAsync($"/api/orders/opportunities/{opportunity}/won", new { occurredAt = at }, cancellationToken);
        var placedAt = at.AddHours(4);
        var order = (await PostAsync("/api/orders/orders", new
        {
            opportunityId = opportunity, deliverySite = $"Mine {n % 17} pit {n % 3 + 1}",
            lines = new[] { new { model, quantity, unitPrice = price } }, occurredAt = placedAt,
        }, cancellationToken, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        if (random.NextDouble() < 0.08)
        {
            await PostAsync($"/api/orders/orders/{order}/cancellation", new { reason = "customer financing fell through", occurredAt = placedAt.AddDays(2) }, cancellationToken);
            return null;
        }

        return (order, placedAt, price * quantity, random.NextDouble() < 0.8);
    }

    /// <summary>
    /// Waits for dispatch to allocate the order's units, reports transferred ones arrived, and delivers each; the day of
    /// delivery, or null when a unit is backordered (no vehicle of the model was free) and the order waits.
    /// </summary>
    private async Task<DateTimeOffset?> DeliverAsync(string order, DateTimeOffset placedAt, CancellationToken cancellationToken)
    {
        var allocation = $"/api/dispatch/allocations/{order}";
        var units = await UnitsWhenAsync(allocation, unit => unit is not ("Waiting" or "Requested"), cancellationToken);
        if (units.Any(unit => unit.Status == "Backordered"))
        {
            return null;
        }

        var arrivedAt = placedAt.AddDays(6);
        foreach (var unit in units.Where(unit => unit.Status == "InTransit"))
        {
            await PostBackDatedAsync($"{allocation}/arrivals", new { vehicleCode = unit.Code, occurredAt = arrivedAt }, cancellationToken);
        }

        await UnitsWhenAsync(allocation, unit => unit == "Reserved", cancellationToken);
        var deliveredAt = placedAt.AddDays(12);
        if (deliveredAt > end)
        {
            return null;
        }

        foreach (var (code, _) in units)
        {
            await PostBackDatedAsync($"{allocation}/deliveries", new { vehicleCode = code, date = DateOnly.FromDateTime(deliveredAt.UtcDateTime), occurredAt = placedAt.AddDays(8) }, cancellationToken);
            await PostBackDatedAsync($"{allocation}/deliveries/confirmation", new { vehicleCode = code, occurredAt = deliveredAt }, cancellationToken);
        }

        await Eventually.ReturnsAsync(
            token => GetAsync($"/api/orders/orders/{order}", token), o => o.GetProperty("status").GetString() == "Delivered",
            TimeSpan.FromSeconds(60), $"orders to see {order} delivered");
        return deliveredAt;
    }

    private async Task<IReadOnlyList<(string Code, string Status)>> UnitsWhenAsync(string allocation, Func<string, bool> settled, CancellationToken cancellationToken)
    {
        var answer = await Eventually.ReturnsAsync(
            async token =>
            {
                using var response = await gateway.GetAsync(allocation, token);
                return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync(token)).RootElement : default;
            },
            a => a.ValueKind == JsonValueKind.Object && a.GetProperty("units").EnumerateArray().All(unit => settled(unit.GetProperty("status").GetString()!)),
            TimeSpan.FromSeconds(60), $"{allocation} to settle");
        return [.. answer.GetProperty("units").EnumerateArray().Select(unit => (unit.GetProperty("vehicleCode").GetString()!, unit.GetProperty("status").GetString()!))];
    }

    /// <summary>An invoice a day after delivery due in 60 days; paid in one or two payments, or (some) never. The payments made.</summary>
    private async Task<int> InvoiceAndCollectAsync(string order, decimal amount, DateTimeOffset deliveredAt, bool paid, CancellationToken cancellationToken)
    {
        var issuedAt = deliveredAt.AddDays(1);
        var invoice = (await PostBackDatedAsync($"/api/orders/orders/{order}/invoices", new { amount, issueDate = DateOnly.FromDateTime(issuedAt.UtcDateTime), dueDate = DateOnly.FromDateTime(issuedAt.AddDays(60).UtcDateTime), occurredAt = issuedAt }, cancellationToken))
            .GetProperty("invoices")[0].GetProperty("invoiceId").GetString();
        var payments = 0;
        var part = paid && amount > 2_000_000m ? Math.Round(amount * 0.3m) : amount;
        foreach (var (share, after) in new[] { (part, 30), (amount - part, 75) })
        {
            var paidAt = issuedAt.AddDays(after);
            if (!paid || share == 0 || paidAt > end)
            {
                continue;
            }

            await PostBackDatedAsync($"/api/orders/orders/{order}/payments", new { invoiceId = invoice, amount = share, paidOn = DateOnly.FromDateTime(paidAt.UtcDateTime), occurredAt = paidAt }, cancellationToken);
            payments++;
        }

        return payments;
    }

    // ---- Dispatch's own loans and transfers, at the end of the year ----

    private async Task<(int Loans, int Transfers)> LendAndMoveThroughDispatchAsync(IReadOnlyList<string> rental, CancellationToken cancellationToken)
    {
        var inStock = new List<string>();
        foreach (var code in rental)
        {
            if ((await GetAsync($"/api/fleet/vehicles/{code}", cancellationToken)).GetProperty("status").GetString() == "InStock")
            {
                inStock.Add(code);
            }

            if (inStock.Count == 20)
            {
                break;
            }
        }

        var loans = 0;
        var transfers = 0;
        await Parallel.ForEachAsync(inStock.Select((code, n) => (code, n)), Options(cancellationToken), async (vehicle, token) =>
        {
            if (vehicle.n % 2 == 0)
            {
                var loan = (await PostAsync("/api/dispatch/loans", new { vehicleCode = vehicle.code, borrower = "Baotou Steel", site = "Bayan Obo", dueDate = DateOnly.FromDateTime(end.AddDays(20).UtcDateTime), occurredAt = end.AddDays(-10) }, token, HttpStatusCode.Created))
                    .GetProperty("loanId").GetString();
                await WhenAsync($"/api/dispatch/loans/{loan}", l => l.GetProperty("status").GetString() == "Out", token);
                if (vehicle.n % 4 == 0)
                {
                    await PostBackDatedAsync($"/api/dispatch/loans/{loan}/return", new { hoursUsed = 40, occurredAt = end.AddDays(-3) }, token);
                }

                Interlocked.Increment(ref loans);
            }
            else
            {
                var region = Regions[(vehicle.n + 1) % Regions.Length];
                var transfer = (await PostAsync("/api/dispatch/transfers", new { vehicleCode = vehicle.code, toWarehouse = Warehouses[region], toRegion = region, occurredAt = end.AddDays(-9) }, token, HttpStatusCode.Created))
                    .GetProperty("transferId").GetString();
                await WhenAsync($"/api/dispatch/transfers/{transfer}", t => t.GetProperty("status").GetString() is "InTransit" or "Refused", token);
                await PostBackDatedAsync($"/api/dispatch/transfers/{transfer}/arrival", new { occurredAt = end.AddDays(-5) }, token);
                Interlocked.Increment(ref transfers);
            }
        });
        return (loans, transfers);
    }

    // ---- Requests ----

    private const int MaxAttempts = 5;

    private Task<JsonElement> WhenAsync(string path, Func<JsonElement, bool> condition, CancellationToken cancellationToken) =>
        Eventually.ReturnsAsync(token => GetAsync(path, token), condition, TimeSpan.FromSeconds(60), path);

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var answer = await gateway.GetAsync(path, cancellationToken);
        return await answer.JsonAsync();
    }

    private async Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Interlocked.Increment(ref commands);
        using var answer = await SendAsync(path, body, cancellationToken);
        return await answer.JsonAsync(expected);
    }

    /// <summary>
    /// A command back-dated to when it was planned; when the records already say something later happened (a fact learnt
    /// over the bus is recorded no earlier than the stream's previous event), it is recorded as of now instead.
    /// </summary>
    private async Task<JsonElement> PostBackDatedAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref commands);
        using var answer = await SendAsync(path, body, cancellationToken);
        if (answer.StatusCode == HttpStatusCode.UnprocessableEntity
            && (await answer.Content.ReadAsStringAsync(cancellationToken)).Contains("occurred-before-previous-event", StringComparison.Ordinal))
        {
            var now = JsonSerializer.SerializeToNode(body, JsonSerializerOptions.Web)!.AsObject();
            now.Remove("occurredAt");
            Interlocked.Increment(ref recordedLate);
            return await PostAsync(path, now, cancellationToken);
        }

        return await answer.JsonAsync();
    }

    /// <summary>
    /// Sends a command as a client should: a 409 concurrent-change means the stream moved while the command was decided
    /// (a consumer of the bus wrote to it meanwhile), and the answer asks for it to be sent again.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await gateway.PostAsJsonAsync(path, body, cancellationToken);
            if (attempt == MaxAttempts || answer.StatusCode != HttpStatusCode.Conflict
                || !(await answer.Content.ReadAsStringAsync(cancellationToken)).Contains("problems/concurrent-change", StringComparison.Ordinal))
            {
                return answer;
            }

            answer.Dispose();
        }
    }
}
