using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinGong.Testing;

namespace JinGong.AppHost.Tests;

/// <summary>
/// What a hostile request is aimed at: a stream that exists, made through the ordinary API, for every kind of
/// resource the services have today (a vehicle, an opportunity, an order, an allocation, a loan, a transfer, an
/// objective, a key result, a person), and a body a well-meaning client would send, by property name. A resource
/// kind this does not know yet gets an id nothing has, which must be refused just as well.
/// </summary>
internal sealed class HostileTargets(HttpClient gateway)
{
    public const string SetupPrefix = "hostile-setup";
    private readonly Dictionary<string, Func<Task<string>>> existing = [];
    private int sequence;
    private string? soldModel;

    public static string Quarter
    {
        get
        {
            var today = DateTime.UtcNow;
            return $"{today.Year.ToString(CultureInfo.InvariantCulture)}-Q{((today.Month - 1) / 3) + 1}";
        }
    }

    public async Task InitializeAsync()
    {
        soldModel = (await GetAsync("/api/orders/models"))[0].GetProperty("model").GetString();
        // Objectives are set for a team someone is in.
        await ImportPersonAsync();
        existing["/api/fleet/vehicles/{code}"] = () => RegisterVehicleAsync(Next("HX-MODEL"));
        existing["/api/orders/opportunities/{id}"] = async () => Id(await PostAsync("/api/orders/opportunities", new
        {
            customer = "Hostile Mining", region = "east", salesRep = "hx.rep", lines = new[] { new { model = soldModel, quantity = 1 } },
            expectedAmount = 1_000_000m, expectedCloseDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(60)),
        }));
        existing["/api/orders/orders/{id}"] = PlaceOrderAsync;
        existing["/api/dispatch/allocations/{orderId}"] = async () =>
        {
            var order = await PlaceOrderAsync();
            await Eventually.ReturnsAsync(
                async token => (await gateway.GetAsync($"/api/dispatch/allocations/{order}", token)).StatusCode,
                status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), $"dispatch to allocate order {order}");
            return order;
        };
        existing["/api/dispatch/loans/{loanId}"] = async () => (await PostAsync("/api/dispatch/loans", new
        {
            vehicleCode = await CataloguedVehicleAsync(), borrower = "Hostile Quarry", site = "pit 3", dueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)),
        })).GetProperty("loanId").GetString()!;
        existing["/api/dispatch/transfers/{transferId}"] = async () => (await PostAsync("/api/dispatch/transfers", new
        {
            vehicleCode = await CataloguedVehicleAsync(), toWarehouse = "tianjin-1", toRegion = "north",
        })).GetProperty("transferId").GetString()!;
        existing["/api/okr/objectives/{id}"] = SetObjectiveAsync;
        existing["/api/okr/key-results/{id}"] = async () => Id(await PostAsync($"/api/okr/objectives/{await SetObjectiveAsync()}/key-results", new
        {
            title = "Units checked", start = 0, target = 10, unit = "units",
        }));
        existing["/api/okr/people/{id}"] = ImportPersonAsync;
    }

    /// <summary>Whether a stream of this kind can be made; if not, requests go to an id nothing has.</summary>
    public bool Knows(WriteOperation operation) => operation.Resource is { } resource && existing.ContainsKey(resource);

    /// <summary>A fresh target for <paramref name="operation"/>: a stream in its first state, and a body that could be accepted there.</summary>
    public async Task<HostileTarget> PrepareAsync(WriteOperation operation)
    {
        var pathValues = new Dictionary<string, string>();
        if (operation.Resource is { } resource && existing.TryGetValue(resource, out var make))
        {
            pathValues[operation.PathParameters[0]] = await make();
        }

        // A loan or a transfer outside an order starts from a vehicle dispatch knows and holds in stock.
        var vehicle = operation.Resource is null && operation.Body?.Properties.Any(property => property.Name == "vehicleCode") == true
            ? await CataloguedVehicleAsync()
            : null;
        var body = operation.Body is null ? null : HostileRequests.Sample(operation.Body, (string property, ApiSchema schema, out JsonNode? value) =>
        {
            value = property switch
            {
                "code" => Next("HX"),
                "vehicleCode" when vehicle is not null => vehicle,
                "model" => operation.Service == "orders" ? soldModel : Next("HX-MODEL"),
                "orderId" => Next("ORD-HX"),
                "loanId" or "transferId" or "batchId" => Next("HX"),
                "id" => Next("hx.person"),
                "category" => "excavator",
                "region" => "east",
                "warehouse" => "wuxi-1",
                "toWarehouse" => "tianjin-1",
                "toRegion" => "north",
                "stage" => "Qualified",
                "period" => Quarter,
                "ownerKind" => "team",
                "owner" => "hx-team",
                "amount" or "unitPrice" => 100m,
                "expectedAmount" => 1_000_000m,
                "hoursUsed" => 5m,
                "operatingHours" => 10m,
                "latitude" => 31.2,
                "longitude" => 121.5,
                "confidence" => 0.5m,
                "score" => 0.7m,
                "start" => 0m,
                "target" => 10m,
                "at" => DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
                _ => null,
            };
            // Left out, as a client leaves out what is optional: a link to something else, or a day that defaults.
            return value is not null || property is "opportunityId" or "parentId" or "metric" or "filter" or "weight" or "manager" or "complete" or "issueDate" or "paidOn";
        });
        return new HostileTarget(pathValues, body);
    }

    private async Task<string> PlaceOrderAsync() => Id(await PostAsync("/api/orders/orders", new
    {
        customer = "Hostile Mining", region = "east", salesRep = "hx.rep", deliverySite = "pit 3",
        lines = new[] { new { model = soldModel, quantity = 1, unitPrice = 1_000_000m } },
    }));

    private async Task<string> ImportPersonAsync()
    {
        var id = Next("hx.person");
        await PostAsync("/api/okr/people/import", new { people = new[] { new { id, name = "Hostile Person", team = "hx-team", region = "east" } } }, HttpStatusCode.OK);
        return id;
    }

    private async Task<string> SetObjectiveAsync() =>
        Id(await PostAsync("/api/okr/objectives", new { title = "Survive hostile input", period = Quarter, ownerKind = "team", owner = "hx-team" }));

    private async Task<string> RegisterVehicleAsync(string model)
    {
        var code = Next("HX");
        await PostAsync("/api/fleet/vehicles", new
        {
            code, model, category = "excavator", region = "east", warehouse = "wuxi-1", occurredAt = DateTimeOffset.UtcNow.AddDays(-30),
        });
        return code;
    }

    // A model of its own, so no order's allocation takes it away.
    private async Task<string> CataloguedVehicleAsync()
    {
        var model = Next("HX-MODEL");
        var code = await RegisterVehicleAsync(model);
        await Eventually.ReturnsAsync(
            async token => (await gateway.GetFromJsonAsync<JsonElement>($"/api/dispatch/vehicles?model={model}", token)).GetProperty("total").GetInt32(),
            total => total == 1, TimeSpan.FromSeconds(30), $"dispatch to catalogue {code}");
        return code;
    }

    private string Next(string prefix) => $"{prefix}-{Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    private async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Correlation-Id", Next(SetupPrefix));
        using var answer = await gateway.SendAsync(request);
        return await answer.JsonAsync(expected);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var answer = await gateway.GetAsync(path);
        return await answer.JsonAsync();
    }

    private static string Id(JsonElement view) => view.GetProperty("id").GetString()!;
}
