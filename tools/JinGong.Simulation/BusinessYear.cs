using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace JinGong.Simulation;

/// <summary>
/// What a played year left behind: the commands sent, how many of each business thing, and how many commands were
/// recorded as of now rather than back-dated because their stream had already recorded something later.
/// </summary>
public sealed record BusinessYearTally(
    int Commands, int Vehicles, int Opportunities, int Won, int Lost, int Orders, int Deliveries, int Invoices, int Payments,
    int Loans, int LoansOverdue, int Transfers, int Backorders, int UsageBatches, int People, int Objectives, int KeyResults, int CheckIns,
    int Spaces, int Pages, int PageRevisions, int Scenarios, int WorkingConditions, int Trials, int DealDocuments, int RecordedLate);

/// <summary>
/// A deterministic year of a company's business, played through the gateway's public API with every command
/// back-dated (<c>occurredAt</c>) so that the stores hold a year of dated history ending now: a roster and quarterly
/// OKRs, a rental fleet (the small loader and excavator) lent out, serviced and reporting telematics while on site, and
/// a sales fleet (wide-body mining trucks, the big loader and excavator) sold through opportunities, orders,
/// allocations, transfers and deliveries, invoiced on 30/60/90-day terms and paid on time, late or not yet; at the
/// end, loans (some overdue) and transfers through dispatch and a pre-order waiting for a model not yet built; and the
/// company's knowledge base in Chinese (<see cref="WriteKnowledgeAsync"/>) with its scenario solutions
/// (<see cref="WriteSolutionsAsync"/>). Its last command registers the profile's
/// last unit: that vehicle being there says the year was played to the end.
/// </summary>
public sealed partial class BusinessYear(HttpClient client, CompanyProfile profile)
{
    private const int Parallelism = 8;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly string[] LostReasons = ["price", "went with a diesel fleet", "budget cut", "chose a competitor", "project postponed"];

    private readonly GatewayCommands gateway = new(client);
    private readonly DateTimeOffset end = DateTimeOffset.UtcNow.AddHours(-1);
    private readonly ConcurrentDictionary<string, Meter> meters = new(StringComparer.Ordinal);
    private int won;
    private int lost;
    private int checkIns;

    private DateTimeOffset Start => end.AddDays(-365);

    public PlayProgress Progress { get; } = new();

    public int Commands => gateway.Commands;

    public async Task<BusinessYearTally> PlayAsync(CancellationToken cancellationToken)
    {
        var people = Roster.Of(profile);
        Progress.Begin("roster", 1);
        await gateway.PostAsync("/api/okr/people/import", new { people, occurredAt = Start }, cancellationToken);
        var (objectives, keyResults, manual) = await SetObjectivesAsync(people, cancellationToken);

        Progress.Begin("opening depots and drawing sites", CompanyProfile.Regions.Length);
        foreach (var region in CompanyProfile.Regions)
        {
            // The home warehouse (the first) is fleet's own from its start; the second depot is opened before the year.
            await gateway.PostAsync("/api/fleet/warehouses", new
            {
                code = region.Warehouses[1], region = region.Name, latitude = region.Depot.Latitude, longitude = region.Depot.Longitude, occurredAt = Start.AddDays(-1),
            }, cancellationToken, HttpStatusCode.Created);
            foreach (var customer in region.Customers)
            {
                // Each customer's pit drawn as a site, wide enough for the wander of the units that work in it (see Meter).
                await gateway.PostAsync("/api/fleet/sites", new
                {
                    siteId = customer.SiteId, name = customer.Name, customer = customer.Name, latitude = customer.Latitude, longitude = customer.Longitude,
                    radiusMetres = Meter.SiteRadiusMetres, occurredAt = Start.AddDays(-1),
                }, cancellationToken, HttpStatusCode.Created);
            }

            Progress.Step();
        }

        // The last unit is registered last of all (see the class's summary).
        var units = Enumerable.Range(0, profile.Vehicles - 1).ToList();
        await EachAsync("registering vehicles", units, (i, token) => RegisterAsync(i, Start.AddHours(new Random(Seed(i)).Next(0, 72)), token), cancellationToken);
        var rental = units.Where(CompanyProfile.IsRental).ToList();
        await EachAsync("renting out", rental, PlayRentalYearAsync, cancellationToken);

        // Reps are the people whose manager leads their own sales team.
        var reps = people.Where(person => people.Any(boss => boss.Id == person.Manager && boss.Team == person.Team && person.Team.StartsWith("sales-", StringComparison.Ordinal))).ToList();
        var orders = new ConcurrentBag<Sale>();
        var preOrders = Math.Max(1, profile.Vehicles / 150);
        await EachAsync("selling", Enumerable.Range(1, profile.Opportunities + preOrders).ToList(), async (n, token) =>
        {
            if (await PlaySaleAsync(n, reps, preOrder: n > profile.Opportunities, token) is { } sale)
            {
                orders.Add(sale);
            }
        }, cancellationToken);

        var invoiced = new ConcurrentBag<Sale>();
        var delivered = 0;
        var backorders = 0;
        var invoices = 0;
        var payments = 0;
        await EachAsync("delivering and invoicing", [.. orders.OrderBy(sale => sale.Id, StringComparer.Ordinal)], async (sale, token) =>
        {
            switch (await DeliverAsync(sale, token))
            {
                case Delivery.Backordered:
                    Interlocked.Increment(ref backorders);
                    break;
                case Delivery.Done:
                    invoiced.Add(sale);
                    Interlocked.Increment(ref delivered);
                    Interlocked.Increment(ref invoices);
                    Interlocked.Add(ref payments, await InvoiceAndCollectAsync(sale, token));
                    break;
            }
        }, cancellationToken);

        await CheckInAsync(manual, cancellationToken);
        var knowledge = await WriteKnowledgeAsync(cancellationToken);
        // Before dispatch's own loans: some of them are trials of the solutions' working conditions.
        var solutions = await WriteSolutionsAsync(cancellationToken);
        var (loans, overdue, transfers, trials) = await LendAndMoveThroughDispatchAsync(rental, reps, cancellationToken);
        var dealDocuments = await WriteDealDocumentsAsync([.. invoiced], cancellationToken);

        Progress.Begin("the last unit", 1);
        await RegisterAsync(profile.Vehicles - 1, end, cancellationToken);
        return new BusinessYearTally(
            gateway.Commands, profile.Vehicles, profile.Opportunities + preOrders, won, lost, orders.Count, delivered, invoices, payments,
            loans, overdue, transfers, backorders, meters.Values.Sum(meter => meter.Batches), people.Count, objectives, keyResults, checkIns,
            knowledge.Spaces + 1, knowledge.Pages, knowledge.Revisions, solutions.Scenarios, solutions.Conditions, trials, dealDocuments, gateway.RecordedLate);
    }

    private Task EachAsync<T>(string phase, IReadOnlyList<T> items, Func<T, CancellationToken, Task> play, CancellationToken cancellationToken)
    {
        Progress.Begin(phase, items.Count);
        return Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, token) =>
        {
            await play(item, token);
            Progress.Step();
        });
    }

    // Seeded per stream (not HashCode, which differs per process): the same year every run.
    private int Seed(int stream) => (profile.Seed * 100_003) + stream;

    private Random RandomFor(int stream) => new(Seed(stream));

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaOffset).DateTime);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    // ---- OKRs ----

    private sealed record ManualKeyResult(string Id, DateTimeOffset From, DateTimeOffset To, int Target, bool ChecksIn);

    /// <summary>
    /// Per quarter: the company's objective, one per sales team under it, and one of their own for nearly everyone under
    /// theirs — bound to a metric where one measures the job, with a manual key result checked in weekly otherwise. One
    /// in ten sets nothing in a quarter (the fill rate's missing), and one in seven with a manual key result never checks in.
    /// </summary>
    private async Task<(int Objectives, int KeyResults, IReadOnlyList<ManualKeyResult> Manual)> SetObjectivesAsync(
        IReadOnlyList<Person> people, CancellationToken cancellationToken)
    {
        var quarters = new List<DateTimeOffset>();
        for (var quarterStart = QuarterStart(Start); quarterStart < end; quarterStart = quarterStart.AddMonths(3))
        {
            quarters.Add(quarterStart);
        }

        var objectives = 0;
        var keyResults = 0;
        var manual = new ConcurrentBag<ManualKeyResult>();
        var collectedPerQuarter = profile.Vehicles * 100_000;
        Progress.Begin("objectives", quarters.Count);
        foreach (var quarterStart in quarters)
        {
            var period = $"{quarterStart.Year}-Q{((quarterStart.Month - 1) / 3) + 1}";
            var setAt = quarterStart < Start ? Start.AddMinutes(1) : quarterStart.AddHours(2);
            var quarterEnd = Min(quarterStart.AddMonths(3), end);
            var company = await SetObjectiveAsync(new { title = $"Grow electric sales {period}", period, ownerKind = "team", owner = Roster.Management, occurredAt = setAt }, cancellationToken);
            await DefineAsync(company, new { title = "Cash collected", start = 0, target = collectedPerQuarter, unit = "yuan", metric = "amount-collected", occurredAt = setAt }, cancellationToken);
            var teams = new Dictionary<string, string>(StringComparer.Ordinal) { [Roster.Management] = company };
            foreach (var region in CompanyProfile.Regions)
            {
                var team = Roster.SalesTeam(region.Name);
                var teamObjective = await SetObjectiveAsync(new { title = $"Win {region.Name} {period}", period, ownerKind = "team", owner = team, parentId = company, occurredAt = setAt }, cancellationToken);
                await DefineAsync(teamObjective, new { title = "Units sold", start = 0, target = Math.Max(2, profile.Vehicles / 50), unit = "units", metric = "units-sold", filter = new { region = region.Name }, occurredAt = setAt }, cancellationToken);
                await DefineAsync(teamObjective, new { title = "Collection rate", start = 0.5, target = 0.95, unit = "rate", metric = "collection-rate", filter = new { team }, occurredAt = setAt }, cancellationToken);
                teams[team] = teamObjective;
            }

            Interlocked.Add(ref objectives, 1 + CompanyProfile.Regions.Length);
            Interlocked.Add(ref keyResults, 1 + (2 * CompanyProfile.Regions.Length));
            await Parallel.ForEachAsync(people.Select((person, n) => (person, n)), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (item, token) =>
            {
                var (person, n) = item;
                var random = RandomFor(30_000 + (n * 10) + quarters.IndexOf(quarterStart));
                if (person.Team != Roster.Management && random.NextDouble() < 0.1)
                {
                    return; // sets nothing this quarter
                }

                var parent = teams.GetValueOrDefault(person.Team, company);
                var (title, bound, manualTitle, target) = JobOf(person, people);
                var own = await SetObjectiveAsync(new { title = $"{title} {period}", period, ownerKind = "person", owner = person.Id, parentId = parent, occurredAt = setAt }, token);
                Interlocked.Increment(ref objectives);
                if (bound is not null)
                {
                    await DefineAsync(own, bound(setAt), token);
                    Interlocked.Increment(ref keyResults);
                }

                if (manualTitle is not null)
                {
                    var keyResult = await PostIdAsync($"/api/okr/objectives/{own}/key-results", new { title = manualTitle, start = 0, target, unit = "count", occurredAt = setAt }, "id", token);
                    manual.Add(new(keyResult, setAt, quarterEnd, target, ChecksIn: random.NextDouble() >= 1 / 7.0));
                    Interlocked.Increment(ref keyResults);
                }
            });
            Progress.Step();
        }

        return (objectives, keyResults, [.. manual.OrderBy(keyResult => keyResult.Id, StringComparer.Ordinal)]);
    }

    /// <summary>A person's own objective: its title, a key result bound to the metric of their job if one measures it, a manual one otherwise (or as well).</summary>
    private (string Title, Func<DateTimeOffset, object>? Bound, string? Manual, int Target) JobOf(Person person, IReadOnlyList<Person> people)
    {
        var leadsTeam = people.Any(report => report.Manager == person.Id && report.Team == person.Team);
        return person.Team switch
        {
            Roster.Management when person.Manager is null =>
                ("Make electric the default in Chinese mining", at => new { title = "Cash collected", start = 0, target = profile.Vehicles * 100_000, unit = "yuan", metric = "amount-collected", occurredAt = at }, null, 0),
            Roster.Management => ("Run the business well", at => new { title = "Units delivered", start = 0, target = Math.Max(4, profile.Vehicles / 10), unit = "units", metric = "units-delivered", occurredAt = at }, "Key accounts reviewed", 12),
            Roster.Dispatch => ("Deliver on the promised day", null, "Deliveries on time", 20),
            Roster.Finance => ("Collect what is due", null, "Overdue invoices chased", 40),
            Roster.FleetOperations => ("Keep the fleet working", null, "Services closed within 3 days", 25),
            Roster.Technical => ("Match the equipment to every working condition", null, "Trials reviewed with customers", 10),
            Roster.Brand => ("Make the brand known in every scenario", null, "Case studies published", 6),
            Roster.Marketing => ("Arm sales with a talk track for every scenario", null, "Talk tracks updated", 8),
            _ when leadsTeam => ($"Grow {person.Region}", at => new { title = "Units delivered", start = 0, target = Math.Max(2, profile.Vehicles / 50), unit = "units", metric = "units-delivered", filter = new { region = person.Region }, occurredAt = at }, "Coaching sessions", 12),
            _ => ($"{person.Name} closes deals", at => new { title = "Conversion rate", start = 0.2, target = 0.5, unit = "rate", metric = "conversion-rate", filter = new { salesRep = person.Id }, occurredAt = at }, "Customer site visits", 30),
        };
    }

    private static DateTimeOffset QuarterStart(DateTimeOffset at)
    {
        var local = at.ToOffset(ChinaOffset);
        return new DateTimeOffset(local.Year, (((local.Month - 1) / 3) * 3) + 1, 1, 0, 0, 0, ChinaOffset);
    }

    private Task<string> SetObjectiveAsync(object objective, CancellationToken cancellationToken) =>
        PostIdAsync("/api/okr/objectives", objective, "id", cancellationToken);

    private Task DefineAsync(string objective, object keyResult, CancellationToken cancellationToken) =>
        gateway.PostAsync($"/api/okr/objectives/{objective}/key-results", keyResult, cancellationToken, HttpStatusCode.Created);

    private async Task<string> PostIdAsync(string path, object body, string id, CancellationToken cancellationToken) =>
        (await gateway.PostAsync(path, body, cancellationToken, HttpStatusCode.Created)).GetProperty(id).GetString()!;

    /// <summary>Weekly check-ins (some people skip a week; some never check in), and the score of each quarter that is over.</summary>
    private Task CheckInAsync(IReadOnlyList<ManualKeyResult> keyResults, CancellationToken cancellationToken) =>
        EachAsync("checking in", [.. keyResults.Select((keyResult, n) => (keyResult, n))], async (item, token) =>
        {
            var (keyResult, n) = item;
            if (!keyResult.ChecksIn)
            {
                return;
            }

            var random = RandomFor(10_000 + n);
            var value = 0;
            for (var at = keyResult.From.AddDays(7); at < keyResult.To; at = at.AddDays(random.NextDouble() < 0.2 ? 14 : 7))
            {
                value += random.Next(0, 2 + (keyResult.Target / 10));
                await gateway.PostAsync($"/api/okr/key-results/{keyResult.Id}/check-ins", new { value, confidence = Math.Round(0.3 + (random.NextDouble() * 0.7), 2), note = "this week", occurredAt = at }, token);
                Interlocked.Increment(ref checkIns);
            }

            if (keyResult.To < end)
            {
                await gateway.PostAsync($"/api/okr/key-results/{keyResult.Id}/scoring", new { score = Math.Min(1m, value / (decimal)keyResult.Target), reason = "quarter review", occurredAt = keyResult.To.AddHours(1) }, token);
            }
        }, cancellationToken);

    // ---- Fleet ----

    private async Task RegisterAsync(int i, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var region = profile.RegionOf(i);
        var model = profile.ModelOf(i);
        await gateway.PostAsync("/api/fleet/vehicles", new
        {
            code = profile.VehicleCode(i), model = model.Code, category = model.Category, region = region.Name,
            warehouse = region.Warehouses[(i / CompanyProfile.Regions.Length) % region.Warehouses.Length], occurredAt = at,
        }, cancellationToken, HttpStatusCode.Created);
    }

    /// <summary>
    /// A rental unit's year, in business-time order: loans of days to weeks to the region's mines (some repaired on
    /// site) with telematics while on site, services between them, and a few retired. It ends two weeks before the
    /// year does, when dispatch takes over (<see cref="LendAndMoveThroughDispatchAsync"/>).
    /// </summary>
    private async Task PlayRentalYearAsync(int i, CancellationToken cancellationToken)
    {
        var random = RandomFor(1_000 + i);
        var code = profile.VehicleCode(i);
        var region = profile.RegionOf(i);
        var path = $"/api/fleet/vehicles/{code}";
        var meter = meters.GetOrAdd(code, _ => new Meter(code, random, profile.TelematicsEvery));
        var at = Start.AddDays(4);
        var stop = end.AddDays(-16);
        var loans = 0;
        while ((at = at.AddDays(1 + (random.NextDouble() * 10))) < stop)
        {
            if (random.NextDouble() < 0.15)
            {
                var back = Min(at.AddDays(1 + (random.NextDouble() * 3)), stop);
                await gateway.PostAsync($"{path}/maintenance", new { reason = "scheduled service", occurredAt = at }, cancellationToken);
                await gateway.PostAsync($"{path}/maintenance/close", new { outcome = "serviced", occurredAt = back }, cancellationToken);
                at = back;
                continue;
            }

            var customer = region.Customers[random.Next(region.Customers.Length)];
            var loan = $"{code}-L{++loans}";
            var returned = Min(at.AddDays(3 + (random.NextDouble() * 25)), stop);
            var hoursBefore = meter.Hours;
            await gateway.PostAsync($"{path}/loans", new { loanId = loan, borrower = customer.Name, site = $"{customer.Name} pit", dueDate = Day(returned.AddDays(2)), occurredAt = at }, cancellationToken);
            if (random.NextDouble() < 0.2 && (returned - at).TotalDays > 3)
            {
                var opened = at.AddDays((returned - at).TotalDays / 3);
                await meter.ReportAsync(gateway, at, opened, customer.Latitude, customer.Longitude, cancellationToken);
                await gateway.PostAsync($"{path}/maintenance", new { reason = "hydraulic leak on site", occurredAt = opened }, cancellationToken);
                await gateway.PostAsync($"{path}/maintenance/close", new { outcome = "seal replaced", occurredAt = opened.AddDays(1) }, cancellationToken);
                at = opened.AddDays(1);
            }

            await meter.ReportAsync(gateway, at, returned, customer.Latitude, customer.Longitude, cancellationToken);
            await gateway.PostAsync($"{path}/loans/return", new { loanId = loan, hoursUsed = Math.Round(meter.Hours - hoursBefore, 1), occurredAt = returned }, cancellationToken);
            at = returned;
        }

        if (random.NextDouble() < 0.03)
        {
            await gateway.PostAsync($"{path}/retirement", new { reason = "battery end of life", occurredAt = Min(at, stop) }, cancellationToken);
        }
    }

    // ---- Sales ----

    private sealed record Sale(string Id, string OpportunityId, DateTimeOffset FiledAt, Region Region, Customer Customer, DateTimeOffset PlacedAt, decimal Amount, int Seed);

    private enum Delivery { Waiting, Backordered, Done }

    /// <summary>
    /// An opportunity through its stages, weeks apart: some lost on the way, about a third won in the end, the late ones
    /// still open; a won one becomes an order (the return value), a few cancelled. A pre-order wants the model not built yet.
    /// </summary>
    private async Task<Sale?> PlaySaleAsync(int n, IReadOnlyList<Person> reps, bool preOrder, CancellationToken cancellationToken)
    {
        var random = RandomFor(20_000 + n);
        var rep = reps[n % reps.Count];
        var region = CompanyProfile.Regions.Single(r => r.Name == rep.Region);
        var model = preOrder ? CompanyProfile.PreOrderModel : CompanyProfile.SaleModels[random.Next(CompanyProfile.SaleModels.Length)];
        var quantity = random.NextDouble() switch { < 0.5 => 1, < 0.85 => 2, _ => 3 };
        var customer = region.Customers[random.Next(region.Customers.Length)];
        var filed = preOrder ? end.AddDays(-60 + n - profile.Opportunities) : Start.AddDays(10 + (random.NextDouble() * 330));
        var opportunity = await PostIdAsync("/api/orders/opportunities", new
        {
            customer = customer.Name, region = region.Name, salesRep = rep.Id, lines = new[] { new { model = model.Code, quantity } },
            expectedAmount = model.Price * quantity, expectedCloseDate = Day(filed.AddDays(75)), occurredAt = filed,
        }, "id", cancellationToken);

        var at = filed;
        foreach (var stage in new[] { "Qualified", "Proposal", "Negotiation" })
        {
            at = at.AddDays(preOrder ? 7 : 7 + (random.NextDouble() * 21));
            if (at > end)
            {
                return null; // still open
            }

            await gateway.PostAsync($"/api/orders/opportunities/{opportunity}/stage", new { stage, occurredAt = at }, cancellationToken);
            if (!preOrder && random.NextDouble() < 0.1)
            {
                return await LoseAsync(opportunity, at.AddDays(random.Next(3, 15)), random, cancellationToken);
            }
        }

        at = at.AddDays(preOrder ? 5 : 5 + (random.NextDouble() * 15));
        if (at > end)
        {
            return null;
        }

        if (!preOrder && random.NextDouble() < 0.5)
        {
            return await LoseAsync(opportunity, at, random, cancellationToken);
        }

        await gateway.PostAsync($"/api/orders/opportunities/{opportunity}/won", new { occurredAt = at }, cancellationToken);
        Interlocked.Increment(ref won);
        var placedAt = at.AddDays(1 + random.Next(0, 3));
        if (placedAt > end)
        {
            return null;
        }

        var order = await PostIdAsync("/api/orders/orders", new
        {
            opportunityId = opportunity, deliverySite = $"{customer.Name} pit {(n % 3) + 1}",
            lines = new[] { new { model = model.Code, quantity, unitPrice = model.Price } }, occurredAt = placedAt,
        }, "id", cancellationToken);
        if (!preOrder && random.NextDouble() < 0.05 && placedAt.AddDays(2) < end)
        {
            await gateway.PostAsync($"/api/orders/orders/{order}/cancellation", new { reason = "customer financing fell through", occurredAt = placedAt.AddDays(2) }, cancellationToken);
            return null;
        }

        return new(order, opportunity, filed, region, customer, placedAt, model.Price * quantity, n);
    }

    private async Task<Sale?> LoseAsync(string opportunity, DateTimeOffset at, Random random, CancellationToken cancellationToken)
    {
        if (at <= end)
        {
            await gateway.PostAsync($"/api/orders/opportunities/{opportunity}/lost", new { reason = LostReasons[random.Next(LostReasons.Length)], occurredAt = at }, cancellationToken);
            Interlocked.Increment(ref lost);
        }

        return null;
    }

    /// <summary>
    /// Waits for dispatch to allocate the order's units, reports transferred ones arrived, schedules each delivery and
    /// confirms it once the day has come; a delivered unit then reports telematics from its customer's site to the end
    /// of the year. Backordered when a unit found no vehicle of its model; waiting when the day is still to come.
    /// </summary>
    private async Task<Delivery> DeliverAsync(Sale sale, CancellationToken cancellationToken)
    {
        var random = RandomFor(40_000 + sale.Seed);
        var allocation = $"/api/dispatch/allocations/{sale.Id}";
        // A unit from another region is reported arrived only once fleet has set it off (dispatch refuses it before).
        var units = await UnitsWhenAsync(allocation, unit => unit is not ("Waiting" or "Requested" or "AwaitingTransfer"), cancellationToken);
        if (units.Any(unit => unit.Status == "Backordered"))
        {
            return Delivery.Backordered;
        }

        var arrivedAt = sale.PlacedAt.AddDays(4 + random.Next(0, 5));
        var scheduledAt = arrivedAt.AddDays(1);
        var deliveredAt = scheduledAt.AddDays(3 + random.Next(0, 8));
        if (scheduledAt > end)
        {
            return Delivery.Waiting;
        }

        foreach (var unit in units.Where(unit => unit.Status == "InTransit"))
        {
            await gateway.PostBackDatedAsync($"{allocation}/arrivals", new { vehicleCode = unit.Code, occurredAt = arrivedAt }, cancellationToken);
        }

        await UnitsWhenAsync(allocation, unit => unit == "Reserved", cancellationToken);
        foreach (var (code, _) in units)
        {
            await gateway.PostBackDatedAsync($"{allocation}/deliveries", new { vehicleCode = code, date = Day(deliveredAt), occurredAt = scheduledAt }, cancellationToken);
        }

        if (deliveredAt > end)
        {
            return Delivery.Waiting;
        }

        foreach (var (code, _) in units)
        {
            await gateway.PostBackDatedAsync($"{allocation}/deliveries/confirmation", new { vehicleCode = code, occurredAt = deliveredAt }, cancellationToken);
        }

        await gateway.WhenAsync($"/api/orders/orders/{sale.Id}", order => order.GetProperty("status").GetString() == "Delivered", cancellationToken);
        foreach (var ((code, _), n) in units.Select((unit, n) => (unit, n)))
        {
            var meter = meters.GetOrAdd(code, _ => new Meter(code, RandomFor(50_000 + (sale.Seed * 10) + n), profile.TelematicsEvery));
            await meter.ReportAsync(gateway, deliveredAt, end, sale.Customer.Latitude, sale.Customer.Longitude, cancellationToken);
        }

        return Delivery.Done;
    }

    private async Task<IReadOnlyList<(string Code, string Status)>> UnitsWhenAsync(string allocation, Func<string, bool> settled, CancellationToken cancellationToken)
    {
        var answer = await gateway.WhenAsync(allocation, a => a.GetProperty("units").EnumerateArray().All(unit => settled(unit.GetProperty("status").GetString()!)), cancellationToken);
        return [.. answer.GetProperty("units").EnumerateArray().Select(unit => (unit.GetProperty("vehicleCode").GetString()!, unit.GetProperty("status").GetString()!))];
    }

    /// <summary>
    /// An invoice a few days after delivery on the customer's terms (30, 60 or 90 days); most pay on time, in one payment
    /// or a deposit and the rest, a quarter pay weeks late, some not yet. The payments made.
    /// </summary>
    private async Task<int> InvoiceAndCollectAsync(Sale sale, CancellationToken cancellationToken)
    {
        var random = RandomFor(60_000 + sale.Seed);
        var terms = 30 * (1 + (Array.IndexOf(sale.Region.Customers, sale.Customer) % 3));
        var issuedAt = sale.PlacedAt.AddDays(20 + random.Next(0, 4));
        issuedAt = Min(issuedAt, end);
        var dueAt = issuedAt.AddDays(terms);
        var invoice = (await gateway.PostBackDatedAsync($"/api/orders/orders/{sale.Id}/invoices", new { amount = sale.Amount, issueDate = Day(issuedAt), dueDate = Day(dueAt), occurredAt = issuedAt }, cancellationToken))
            .GetProperty("invoices")[0].GetProperty("invoiceId").GetString();
        var behaviour = random.NextDouble();
        if (behaviour >= 0.85)
        {
            return 0; // not paid: overdue once the due date passes
        }

        var paidAt = behaviour < 0.6 ? dueAt.AddDays(-random.Next(0, 10)) : dueAt.AddDays(10 + random.Next(0, 60));
        var deposit = sale.Amount > 5_000_000m ? Math.Round(sale.Amount * 0.3m) : 0m;
        var payments = 0;
        foreach (var (share, at) in new[] { (deposit, issuedAt.AddDays(7)), (sale.Amount - deposit, paidAt) })
        {
            if (share == 0 || at > end)
            {
                continue;
            }

            await gateway.PostBackDatedAsync($"/api/orders/orders/{sale.Id}/payments", new { invoiceId = invoice, amount = share, paidOn = Day(at), occurredAt = at }, cancellationToken);
            payments++;
        }

        return payments;
    }

    // ---- Dispatch's own loans and transfers, in the last two weeks ----

    /// <summary>
    /// Up to a third of the rental units in stock: three in five lent (some back already, some due and not back — overdue),
    /// two in five moved to another region's home warehouse or the region's other depot (some still on the road). A loan of
    /// a model the solutions recommend is a trial of one of its working conditions; the customer of a trial back already
    /// had an opportunity filed for the model before it, and buys once it is back; one still out has its opportunity open.
    /// </summary>
    private async Task<(int Loans, int Overdue, int Transfers, int Trials)> LendAndMoveThroughDispatchAsync(
        IReadOnlyList<int> rental, IReadOnlyList<Person> reps, CancellationToken cancellationToken)
    {
        var inStock = new List<int>();
        foreach (var i in rental)
        {
            if ((await gateway.GetAsync($"/api/fleet/vehicles/{profile.VehicleCode(i)}", cancellationToken)).GetProperty("status").GetString() == "InStock")
            {
                inStock.Add(i);
            }

            if (inStock.Count >= Math.Max(4, rental.Count / 3))
            {
                break;
            }
        }

        var loans = 0;
        var overdue = 0;
        var transfers = 0;
        var trials = 0;
        await EachAsync("dispatching", [.. inStock.Select((i, n) => (i, n))], async (vehicle, token) =>
        {
            var (i, n) = vehicle;
            var random = RandomFor(70_000 + i);
            var code = profile.VehicleCode(i);
            var region = profile.RegionOf(i);
            if (n % 5 < 3)
            {
                var customer = region.Customers[random.Next(region.Customers.Length)];
                var lentAt = end.AddDays(-3 - random.Next(0, 12));
                var due = lentAt.AddDays(n % 5 == 2 ? 1 : 7 + random.Next(0, 14));
                var returnedAt = n % 5 == 0 ? lentAt.AddDays(2) : end;
                var conditionId = TrialConditionFor(profile.ModelOf(i).Code, i);
                var opportunityId = conditionId is not null && n % 5 < 2 && reps.FirstOrDefault(rep => rep.Region == region.Name) is { } rep
                    ? await FileTrialOpportunityAsync(rep, region, customer, profile.ModelOf(i).Code, lentAt, token)
                    : null;
                // Dispatch knows the working condition once its copy has heard of it from the knowledge base.
                var loan = (await gateway.PostOnceKnownAsync("/api/dispatch/loans", new
                {
                    vehicleCode = code, borrower = customer.Name, site = $"{customer.Name} pit", dueDate = Day(due), occurredAt = lentAt, conditionId, opportunityId,
                }, "condition-not-found", token, HttpStatusCode.Created)).GetProperty("loanId").GetString()!;
                await gateway.WhenAsync($"/api/dispatch/loans/{loan}", l => l.GetProperty("status").GetString() == "Out", token);
                var meter = meters[code];
                var hoursBefore = meter.Hours;
                await meter.ReportAsync(gateway, lentAt, returnedAt, customer.Latitude, customer.Longitude, token);
                if (n % 5 == 0)
                {
                    await gateway.PostBackDatedAsync($"/api/dispatch/loans/{loan}/return", new { hoursUsed = Math.Round(meter.Hours - hoursBefore, 1), occurredAt = returnedAt }, token);
                }
                else if (due < end)
                {
                    Interlocked.Increment(ref overdue);
                }

                if (opportunityId is not null && n % 5 == 0)
                {
                    await gateway.PostAsync($"/api/orders/opportunities/{opportunityId}/stage", new { stage = "Proposal", occurredAt = returnedAt.AddHours(2) }, token);
                    await gateway.PostAsync($"/api/orders/opportunities/{opportunityId}/won", new { occurredAt = returnedAt.AddHours(20) }, token);
                    Interlocked.Increment(ref won);
                }

                Interlocked.Add(ref trials, conditionId is null ? 0 : 1);
                Interlocked.Increment(ref loans);
                return;
            }

            var (toRegion, toWarehouse) = n % 5 == 3
                ? (CompanyProfile.Regions[(i + 1) % CompanyProfile.Regions.Length].Name, CompanyProfile.Regions[(i + 1) % CompanyProfile.Regions.Length].Warehouses[0])
                : (region.Name, region.Warehouses.First(warehouse => warehouse != region.Warehouses[(i / CompanyProfile.Regions.Length) % region.Warehouses.Length]));
            var sentAt = end.AddDays(-2 - random.Next(0, 10));
            var transfer = await PostIdAsync("/api/dispatch/transfers", new { vehicleCode = code, toWarehouse, toRegion, occurredAt = sentAt }, "transferId", token);
            var status = (await gateway.WhenAsync($"/api/dispatch/transfers/{transfer}", t => t.GetProperty("status").GetString() is "InTransit" or "Refused", token)).GetProperty("status").GetString();
            if (status == "InTransit" && n % 10 != 4)
            {
                await gateway.PostBackDatedAsync($"/api/dispatch/transfers/{transfer}/arrival", new { occurredAt = Min(sentAt.AddDays(2), end) }, token);
            }

            Interlocked.Increment(ref transfers);
        }, cancellationToken);
        return (loans, overdue, transfers, trials);
    }

    /// <summary>What the demo company asks for a unit of a rental model bought after its trial, in yuan.</summary>
    private static readonly IReadOnlyDictionary<string, decimal> TrialPrices = new Dictionary<string, decimal> { ["WL-30E"] = 680_000m, ["EX-22E"] = 620_000m };

    /// <summary>An opportunity for one unit of the model the customer is about to try, filed and qualified in the days before the trial.</summary>
    private async Task<string> FileTrialOpportunityAsync(Person rep, Region region, Customer customer, string model, DateTimeOffset lentAt, CancellationToken cancellationToken)
    {
        var opportunity = await PostIdAsync("/api/orders/opportunities", new
        {
            customer = customer.Name, region = region.Name, salesRep = rep.Id, lines = new[] { new { model, quantity = 1 } },
            expectedAmount = TrialPrices[model], expectedCloseDate = Day(lentAt.AddDays(30)), occurredAt = lentAt.AddDays(-3),
        }, "id", cancellationToken);
        await gateway.PostAsync($"/api/orders/opportunities/{opportunity}/stage", new { stage = "Qualified", occurredAt = lentAt.AddDays(-1) }, cancellationToken);
        return opportunity;
    }
}
