using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.AppHost.Tests;

/// <summary>A region and the warehouse that serves it (dispatch's region map).</summary>
internal sealed record Site(string Region, string Warehouse)
{
    public static readonly Site East = new("east", $"wuxi-1");
    public static readonly Site North = new("north", $"tianjin-1");
}

/// <summary>
/// What a request is aimed at (a hostile one, or one of the access matrix's): a stream that exists, made through the
/// ordinary API, for every kind of resource the services have today (a vehicle, a model of the catalogue, an opportunity,
/// an order, an allocation, a loan, a transfer, an objective, a key result, a person, a knowledge space, page,
/// attachment and scenario), and a body a well-meaning client would send,
/// by property name. Its records are <paramref name="home"/>'s (a transfer brings a vehicle there from
/// <paramref name="away"/>), its opportunities and orders <paramref name="salesRep"/>'s. A resource kind this does not
/// know yet gets an id nothing has, which must be refused just as well.
/// </summary>
internal sealed class ApiTargets(HttpClient gateway, Site home, Site away, string salesRep)
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
        existing["/api/fleet/warehouses/{code}"] = () => Task.FromResult(home.Warehouse);
        existing["/api/orders/models/{model}"] = ListModelAsync;
        existing["/api/orders/opportunities/{id}"] = async () => Id(await PostAsync("/api/orders/opportunities", new
        {
            customer = "Hostile Mining", region = home.Region, salesRep, lines = new[] { new { model = soldModel, quantity = 1 } },
            expectedAmount = 1_000_000m, expectedCloseDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(60)),
        }));
        existing["/api/orders/orders/{id}"] = PlaceOrderAsync;
        // A customer with one contact, whose id is the customer's numbered (see contactId below).
        existing["/api/orders/customers/{id}"] = async () => Id(await PostAsync("/api/orders/customers", new
        {
            name = Next("Hostile Mining"), region = home.Region, contacts = new[] { new { name = "Hostile Contact", phone = "13800000000" } },
        }));
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
            vehicleCode = await CataloguedVehicleAsync(home), borrower = "Hostile Quarry", site = "pit 3", dueDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)),
        })).GetProperty("loanId").GetString()!;
        // A transfer is the region's it brings the vehicle to.
        existing["/api/dispatch/transfers/{transferId}"] = async () => (await PostAsync("/api/dispatch/transfers", new
        {
            vehicleCode = await CataloguedVehicleAsync(away), toWarehouse = home.Warehouse, toRegion = home.Region,
        })).GetProperty("transferId").GetString()!;
        existing["/api/okr/objectives/{id}"] = SetObjectiveAsync;
        existing["/api/okr/key-results/{id}"] = async () => Id(await PostAsync($"/api/okr/objectives/{await SetObjectiveAsync()}/key-results", new
        {
            title = "Units checked", start = 0, target = 10, unit = "units",
        }));
        existing["/api/okr/people/{id}"] = ImportPersonAsync;
        existing["/api/knowledge/spaces/{id}"] = CreateSpaceAsync;
        existing["/api/knowledge/pages/{id}"] = async () => Id(await PostAsync($"/api/knowledge/spaces/{await CreateSpaceAsync()}/pages", new
        {
            title = "现场安全规定", body = "进入矿区须佩戴安全帽。\nEX-35E 电池每日检查。",
        }));
        // A scenario with one working condition, whose id is the scenario's numbered (see conditionId below).
        existing["/api/knowledge/scenarios/{id}"] = async () =>
        {
            var scenario = Id(await PostAsync("/api/knowledge/scenarios", new
            {
                spaceId = await CreateSpaceAsync("场景化方案", "Solutions"), name = "露天煤矿", teams = new { technical = "hx-team", brand = "hx-team", marketing = "hx-team" },
            }));
            await PostAsync($"/api/knowledge/scenarios/{scenario}/conditions", new
            {
                name = "剥离重载上坡", haulDistanceKm = 3.5m, gradientPercent = 8m, payloadTonnes = 60m, material = "剥离物", climate = "Cold",
            }, HttpStatusCode.OK);
            return scenario;
        };
        existing["/api/knowledge/attachments/{id}"] = async () => Id(await UploadAsync(await existing["/api/knowledge/pages/{id}"](), "现场安全规定.pdf", "%PDF-1.7\n%%EOF\n"u8.ToArray()));
    }

    /// <summary>Whether a stream of this kind can be made; if not, requests go to an id nothing has.</summary>
    public bool Knows(WriteOperation operation) => Knows(operation.Resource);

    public bool Knows(string? resource) => resource is not null && existing.ContainsKey(resource);

    /// <summary>A fresh target for <paramref name="operation"/>: a stream in its first state, and a body that could be accepted there.</summary>
    public Task<HostileTarget> PrepareAsync(WriteOperation operation) => PrepareAsync(operation.Service, operation.Resource, operation.PathParameters, operation.Body);

    /// <summary>
    /// A fresh target for an operation of <paramref name="service"/> on <paramref name="resource"/> (the path as far as
    /// its first parameter, or null), whose first path parameter is the resource's id and whose body is <paramref name="body"/>'s.
    /// </summary>
    public async Task<HostileTarget> PrepareAsync(string service, string? resource, IReadOnlyList<string> pathParameters, ApiSchema? body)
    {
        var pathValues = new Dictionary<string, string>();
        if (resource is not null && existing.TryGetValue(resource, out var make))
        {
            pathValues[pathParameters[0]] = await make();
            // A scenario's first working condition, a customer's first contact.
            foreach (var numbered in pathParameters.Intersect(["conditionId", "contactId"]))
            {
                pathValues[numbered] = $"{pathValues[pathParameters[0]]}-C1";
            }
        }

        // A model listed in the catalogue is one of its own, so that no listing renames or recategorises the models others sell.
        var listing = service == "orders" && body?.Properties.Any(property => property.Name == "names") == true;
        // A loan or a transfer outside an order starts from a vehicle dispatch knows and holds in stock.
        var vehicle = resource is null && body?.Properties.Any(property => property.Name == "vehicleCode") == true
            ? await CataloguedVehicleAsync(home)
            : null;
        var sample = body is null ? null : HostileRequests.Sample(body, (string property, ApiSchema schema, out JsonNode? value) =>
        {
            value = property switch
            {
                "code" => Next("HX"),
                "vehicleCode" when vehicle is not null => vehicle,
                "model" => service == "orders" && !listing ? soldModel : Next("HX-MODEL"),
                "names" => new JsonObject { ["zh"] = "探测型号" },
                "orderId" => Next("ORD-HX"),
                "loanId" or "transferId" or "batchId" => Next("HX"),
                "id" => Next("hx.person"),
                "category" => "excavator",
                "region" => home.Region,
                "warehouse" => home.Warehouse,
                "toWarehouse" => away.Warehouse,
                "toRegion" => away.Region,
                "salesRep" => salesRep,
                "stage" => "Qualified",
                "phone" => "13800000000",
                "email" => "probe@example.com",
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
                // A space's kind, or the kind of grantee an access change names (a team, named below).
                "kind" => schema.Enum.Contains("Team") ? "Team" : "Rules",
                "level" => "Read",
                "required" => true,
                "revision" => 1,
                "at" => DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture),
                _ => null,
            };
            // Left out, as a client leaves out what is optional: a link to something else, or a day that defaults.
            return value is not null || property is "opportunityId" or "parentId" or "metric" or "filter" or "weight" or "manager" or "complete" or "issueDate" or "paidOn" or "editors";
        });
        return new HostileTarget(pathValues, sample);
    }

    private async Task<string> PlaceOrderAsync() => Id(await PostAsync("/api/orders/orders", new
    {
        customer = "Hostile Mining", region = home.Region, salesRep, deliverySite = "pit 3",
        lines = new[] { new { model = soldModel, quantity = 1, unitPrice = 1_000_000m } },
    }));

    private async Task<string> ListModelAsync()
    {
        var model = Next("HX-MODEL");
        await PostAsync("/api/orders/models", OrdersApi.ModelListing(model, "探测装载机"), HttpStatusCode.OK);
        return model;
    }

    private async Task<string> ImportPersonAsync()
    {
        var id = Next("hx.person");
        await PostAsync("/api/okr/people/import", new { people = new[] { new { id, name = "Hostile Person", team = "hx-team", region = home.Region } } }, HttpStatusCode.OK);
        return id;
    }

    private async Task<string> SetObjectiveAsync() =>
        Id(await PostAsync("/api/okr/objectives", new { title = "Survive hostile input", period = Quarter, ownerKind = "team", owner = "hx-team" }));

    // Edited by every role that may edit, and approved by everyone, so that what only editors read (a page's draft) and
    // only approvers read (the read rate) is read by each of them.
    private Task<string> CreateSpaceAsync() => CreateSpaceAsync("规章制度", "Rules");

    private async Task<string> CreateSpaceAsync(string name, string kind)
    {
        var space = Id(await PostAsync("/api/knowledge/spaces", new { name, kind, editors = EditingRoles }));
        await PostAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Everyone", level = "Approve" }, HttpStatusCode.OK);
        return space;
    }

    private static readonly string[] EditingRoles = [.. Roles.All.Where(role => role != Roles.Auditor)];

    private async Task<string> RegisterVehicleAsync(string model, Site? site = null)
    {
        var code = Next("HX");
        await PostAsync("/api/fleet/vehicles", new
        {
            code, model, category = "excavator", region = (site ?? home).Region, warehouse = (site ?? home).Warehouse, occurredAt = DateTimeOffset.UtcNow.AddDays(-30),
        });
        return code;
    }

    // A model of its own, so no order's allocation takes it away.
    private async Task<string> CataloguedVehicleAsync(Site site)
    {
        var model = Next("HX-MODEL");
        var code = await RegisterVehicleAsync(model, site);
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

    /// <summary>Attaches <paramref name="content"/> to a page as its raw body, as the console uploads a file.</summary>
    private async Task<JsonElement> UploadAsync(string pageId, string fileName, byte[] content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/knowledge/pages/{pageId}/attachments?fileName={Uri.EscapeDataString(fileName)}")
        {
            Content = new ByteArrayContent(content),
        };
        request.Headers.Add("X-Correlation-Id", Next(SetupPrefix));
        using var answer = await gateway.SendAsync(request);
        return await answer.JsonAsync(HttpStatusCode.Created);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var answer = await gateway.GetAsync(path);
        return await answer.JsonAsync();
    }

    private static string Id(JsonElement view) => view.GetProperty("id").GetString()!;
}
