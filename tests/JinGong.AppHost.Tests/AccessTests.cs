using System.Collections.Concurrent;
using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;
using JinGong.Http.Security;
using JinGong.Simulation;
using JinGong.Testing;
using Microsoft.IdentityModel.Tokens;
using Xunit.Abstractions;

namespace JinGong.AppHost.Tests;

/// <summary>
/// Who may do what, walked over every route of every service (read from their OpenAPI documents, so a new route is
/// covered without a new test) for every role: no token is a 401, the wrong role a 403, the right one gets past the
/// door (to whatever the request itself deserves), and nothing refused leaves an event behind.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AccessTests(SystemFixture system, ITestOutputHelper output)
{
    private const string Region = "east-china";
    private const string Password = "a-long-test-password";
    private static readonly string[] Services = ["fleet", "orders", "dispatch", "okr", "identity"];
    private static readonly string[] Objectives = [Roles.SalesRep, Roles.RegionalManager, Roles.Dispatcher, Roles.Finance, Roles.FleetOperations, Roles.Executive];

    /// <summary>
    /// Who may call each operation besides administrators, written here apart from the code so that the test can
    /// disagree with it. Reads not named are open to every role.
    /// </summary>
    private static readonly Dictionary<string, string[]> MayCall = new()
    {
        ["RegisterVehicle"] = [Roles.FleetOperations],
        ["OpenMaintenance"] = [Roles.FleetOperations],
        ["CloseMaintenance"] = [Roles.FleetOperations],
        ["ReportUsage"] = [Roles.FleetOperations],
        ["RetireVehicle"] = [Roles.FleetOperations],
        ["ReserveVehicle"] = [Roles.Dispatcher, Roles.FleetOperations],
        ["ReleaseReservation"] = [Roles.Dispatcher, Roles.FleetOperations],
        ["StartTransfer"] = [Roles.Dispatcher, Roles.FleetOperations],
        ["CompleteTransfer"] = [Roles.Dispatcher, Roles.FleetOperations],
        ["fleet:LendVehicle"] = [Roles.Dispatcher, Roles.FleetOperations],
        ["fleet:ReturnVehicle"] = [Roles.Dispatcher, Roles.FleetOperations],
        ["DeliverVehicle"] = [Roles.Dispatcher, Roles.FleetOperations],
        ["PlanTransfer"] = [Roles.Dispatcher],
        ["ReportTransferArrival"] = [Roles.Dispatcher],
        ["ReportArrival"] = [Roles.Dispatcher],
        ["ScheduleDelivery"] = [Roles.Dispatcher],
        ["ConfirmDelivery"] = [Roles.Dispatcher],
        ["dispatch:LendVehicle"] = [Roles.Dispatcher],
        ["dispatch:ReturnVehicle"] = [Roles.Dispatcher],
        ["FileOpportunity"] = [Roles.SalesRep, Roles.RegionalManager],
        ["MoveOpportunity"] = [Roles.SalesRep, Roles.RegionalManager],
        ["WinOpportunity"] = [Roles.SalesRep, Roles.RegionalManager],
        ["LoseOpportunity"] = [Roles.SalesRep, Roles.RegionalManager],
        ["ReopenOpportunity"] = [Roles.SalesRep, Roles.RegionalManager],
        ["PlaceOrder"] = [Roles.SalesRep, Roles.RegionalManager],
        ["CancelOrder"] = [Roles.RegionalManager],
        ["IssueInvoice"] = [Roles.Finance],
        ["RecordPayment"] = [Roles.Finance],
        ["ImportRoster"] = [],
        ["LeaveRoster"] = [],
        ["SetObjective"] = Objectives,
        ["AlignObjective"] = Objectives,
        ["DefineKeyResult"] = Objectives,
        ["CheckIn"] = Objectives,
        ["ScoreKeyResult"] = Objectives,
        ["RebuildCheck"] = [],
        ["AuditStream"] = [Roles.Auditor, Roles.Executive],
        ["AuditCorrelation"] = [Roles.Auditor, Roles.Executive],
        ["ListAccounts"] = [Roles.Auditor],
        ["SetPersonAccount"] = [],
        ["DeactivateAccount"] = [],
        ["ReactivateAccount"] = [],
        ["ChangeOwnPassword"] = [.. Roles.All],
    };

    private sealed record Operation(string Service, HttpMethod Method, string Path, string Name)
    {
        public string Key => $"{Service}:{Name}";

        public bool Writes => Method != HttpMethod.Get;

        public HttpRequestMessage Request(string correlationId)
        {
            // Every route parameter names something that does not exist: the door is checked before the resource.
            var path = System.Text.RegularExpressions.Regex.Replace(Path, "{[^}]+}", "no-such-thing");
            var request = new HttpRequestMessage(Method, path);
            if (Writes)
            {
                request.Content = JsonContent.Create(new JsonObject());
            }

            request.Headers.Add("X-Correlation-Id", correlationId);
            return request;
        }

        public override string ToString() => $"{Method} {Path} ({Name})";
    }

    [Fact]
    public async Task every_route_lets_in_exactly_the_roles_whose_job_it_is_and_refuses_the_rest_without_a_trace()
    {
        var operations = await OperationsAsync();
        var unlisted = operations.Where(operation => operation.Writes && !MayCall.ContainsKey(operation.Key) && !MayCall.ContainsKey(operation.Name)).ToList();
        unlisted.Should().BeEmpty("every write says who may call it, here as in its endpoint");

        var callers = new Dictionary<string, HttpClient> { ["anonymous"] = new HttpClient { BaseAddress = system.GatewayAddress } };
        foreach (var role in Roles.All.Where(role => role != Roles.Administrator))
        {
            await OpenAccountAsync($"test.{role}", role);
            callers[role] = system.SignedInAs($"test.{role}", Password);
        }

        callers[Roles.Administrator] = system.Gateway;
        var refusals = new ConcurrentBag<string>();
        var wrong = new ConcurrentBag<string>();
        var cells = 0;
        await Parallel.ForEachAsync(operations.SelectMany(operation => callers.Select(caller => (operation, caller))), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (cell, cancellationToken) =>
        {
            var (operation, (role, client)) = cell;
            var correlationId = Guid.NewGuid().ToString("N");
            using var answer = await client.SendAsync(operation.Request(correlationId), cancellationToken);
            Interlocked.Increment(ref cells);
            var status = (int)answer.StatusCode;
            var expected = role == "anonymous" ? 401 : Allowed(operation, role) ? 0 : 403;
            if (status >= 500 || (expected == 0 ? status is 401 or 403 : status != expected))
            {
                wrong.Add($"{role,-17} {operation}: {status} (expected {(expected == 0 ? "past the door" : expected.ToString(System.Globalization.CultureInfo.InvariantCulture))})");
            }

            if (expected != 0)
            {
                refusals.Add(correlationId);
                answer.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", $"{role} {operation} is refused with Problem Details");
            }
        });

        output.WriteLine($"{operations.Count} routes × {callers.Count} callers = {cells} requests; {refusals.Count} refused");
        wrong.Should().BeEmpty();
        foreach (var service in Services.Where(service => service != "identity"))
        {
            var stored = await new EventStoreQueries(await system.ConnectionStringAsync($"{service}db")).EventsAsync();
            stored.Where(entry => refusals.Contains(entry.CorrelationId ?? string.Empty)).Should().BeEmpty($"no refused request appended to {service}");
        }
    }

    [Fact]
    public async Task a_token_forged_altered_unsigned_expired_or_for_another_audience_is_refused_by_the_gateway_and_by_a_service_reached_around_it()
    {
        var fleet = system.App.GetEndpoint("fleet", "http");
        var genuine = await SignIn.AccessTokenAsync(system.GatewayAddress, SignIn.Administrator, SignIn.AdministratorPassword(system.DataDirectory));
        var issuer = Tokens.Payload(genuine).GetProperty("iss").GetString();
        var forged = Forge(issuer, new RsaSecurityKey(RSA.Create(2048)) { KeyId = "foreign" });
        // The identity provider's own key, read from its database as only its operator could: what it signs is refused
        // all the same when the token is out of date or for another audience.
        var ownKey = await SigningKeyAsync();
        var expired = Forge(issuer, ownKey, expires: DateTime.UtcNow.AddMinutes(-5));
        var otherAudience = Forge(issuer, ownKey, audience: "another-api");
        // The payload of a real token changed (another subject), its signature kept.
        var altered = TestTokens.Altered(genuine, payload => payload.Replace("\"administrator\"", "\"someone.else\"", StringComparison.Ordinal));

        foreach (var (address, what) in new[] { (system.GatewayAddress, "gateway"), (fleet, "fleet directly") })
        {
            using var client = new HttpClient { BaseAddress = address };
            foreach (var (token, kind) in new[]
            {
                ((string?)null, "no token"), (forged, "a foreign key"), (altered, "an altered token"), ("not-a-token", "garbage"),
                (TestTokens.Unsigned(genuine), "alg none"), (expired, "an expired token"), (otherAudience, "another audience"),
            })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/fleet/inventory");
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var answer = await client.SendAsync(request);
                answer.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{what} refuses {kind}");
            }

            // What the refused tokens lack: made right, with the same key, both get in.
            foreach (var (token, kind) in new[] { (genuine, "the identity provider's own token"), (Forge(issuer, ownKey), "a current token signed with its key") })
            {
                using var withGenuine = new HttpRequestMessage(HttpMethod.Get, "/api/fleet/inventory");
                withGenuine.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var allowed = await client.SendAsync(withGenuine);
                allowed.StatusCode.Should().Be(HttpStatusCode.OK, $"{what} takes {kind}");
            }
        }

        // What a token of ours says, signed with the key given.
        static string Forge(string? issuer, SecurityKey key, DateTime? expires = null, string audience = JinGongClaims.ApiAudience)
        {
            var handler = new JwtSecurityTokenHandler();
            var until = expires ?? DateTime.UtcNow.AddMinutes(10);
            return handler.WriteToken(handler.CreateJwtSecurityToken(
                issuer: issuer,
                audience: audience,
                subject: new ClaimsIdentity([new Claim("sub", SignIn.Administrator), new Claim("role", Roles.Administrator)]),
                notBefore: until.AddMinutes(-30),
                expires: until,
                signingCredentials: new SigningCredentials(key, SecurityAlgorithms.RsaSha256)));
        }
    }

    private async Task<SecurityKey> SigningKeyAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(await system.ConnectionStringAsync("identitydb"));
        await connection.OpenAsync();
        await using var read = new Npgsql.NpgsqlCommand("SELECT material FROM identity_keys WHERE purpose = 'signing'", connection);
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey((byte[])(await read.ExecuteScalarAsync())!, out _);
        return new RsaSecurityKey(rsa) { KeyId = Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16] };
    }

    [Fact]
    public async Task a_regional_manager_files_reads_and_moves_the_opportunities_of_their_region_only_and_signs_what_they_do()
    {
        await OpenAccountAsync("li.wei", Roles.RegionalManager, "Li Wei");
        await OpenAccountAsync("wang.fang", Roles.RegionalManager, "Wang Fang", region: "north-china");
        await OpenAccountAsync("zhao.min", Roles.Executive, "Zhao Min");
        using var east = system.SignedInAs("li.wei", Password);
        using var north = system.SignedInAs("wang.fang", Password);
        using var executive = system.SignedInAs("zhao.min", Password);

        var opportunity = await (await east.PostAsJsonAsync("/api/orders/opportunities", Opportunity(Region, "li.wei"))).JsonAsync(HttpStatusCode.Created);
        var id = opportunity.GetProperty("id").GetString();
        using (var elsewhere = await east.PostAsJsonAsync("/api/orders/opportunities", Opportunity("north-china", "li.wei")))
        {
            await elsewhere.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-your-region");
        }

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
        {
            () => north.GetAsync($"/api/orders/opportunities/{id}"),
            () => north.GetAsync($"/api/orders/opportunities/{id}/history"),
            () => north.PostAsJsonAsync($"/api/orders/opportunities/{id}/stage", new { stage = "Qualified" }),
            () => north.PostAsJsonAsync($"/api/orders/opportunities/{id}/lost", new { reason = "not mine to close" }),
            () => north.GetAsync($"/api/orders/opportunities?region={Region}"),
        })
        {
            using var answer = await request();
            await answer.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-your-region");
        }

        var northList = await (await north.GetAsync("/api/orders/opportunities?pageSize=100")).JsonAsync();
        northList.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("region").GetString()).Should().AllBe("north-china");
        var everywhere = await (await executive.GetAsync($"/api/orders/opportunities?region={Region}&pageSize=100")).JsonAsync();
        everywhere.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).Should().Contain(id);

        (await (await east.PostAsJsonAsync($"/api/orders/opportunities/{id}/stage", new { stage = "Qualified" })).JsonAsync()).GetProperty("stage").GetString().Should().Be("Qualified");
        // Who did it is the subject of the token each command came with; the refused ones left nothing.
        var trail = await (await system.Gateway.GetAsync($"/api/orders/audit/streams/{id}")).JsonAsync();
        trail.EnumerateArray().Select(entry => entry.GetProperty("user").GetString()).Should().Equal("li.wei", "li.wei");
    }

    [Fact]
    public async Task everyone_on_the_roster_has_an_account_that_follows_them_and_closes_when_they_leave()
    {
        using var imported = await system.Gateway.PostAsJsonAsync("/api/okr/people/import", new
        {
            people = new[] { new { id = "chen.jie", name = "Chen Jie", team = "south-sales", region = "south-china", manager = (string?)null } },
        });
        imported.IsSuccessStatusCode.Should().BeTrue(await imported.Content.ReadAsStringAsync());
        var opened = await system.AccountWhenAsync("chen.jie", account => account.GetProperty("region").GetString() == "south-china");
        opened.GetProperty("roles").EnumerateArray().Select(role => role.GetString()).Should().Equal(Roles.SalesRep);
        opened.GetProperty("hasPassword").GetBoolean().Should().BeFalse("an administrator gives the first password");

        using (var password = await system.Gateway.PutAsJsonAsync("/api/identity/accounts/chen.jie", new { name = "Chen Jie", roles = new[] { Roles.SalesRep }, region = "south-china", password = Password }))
        {
            password.StatusCode.Should().Be(HttpStatusCode.OK, await password.Content.ReadAsStringAsync());
        }

        var token = await SignIn.AccessTokenAsync(system.GatewayAddress, "chen.jie", Password);
        Tokens.Payload(token).GetProperty("region").GetString().Should().Be("south-china");

        using (var left = await system.Gateway.PostAsJsonAsync("/api/okr/people/chen.jie/leaving", new { }))
        {
            left.IsSuccessStatusCode.Should().BeTrue(await left.Content.ReadAsStringAsync());
        }

        await system.AccountWhenAsync("chen.jie", account => !account.GetProperty("active").GetBoolean());
        var signingIn = () => SignIn.AccessTokenAsync(system.GatewayAddress, "chen.jie", Password);
        await signingIn.Should().ThrowAsync<Exception>("someone who left the roster signs in no more");
    }

    private static object Opportunity(string region, string salesRep) => new
    {
        customer = "Baowu Steel",
        region,
        salesRep,
        lines = new[] { new { model = "WL-50E", quantity = 2 } },
        expectedAmount = 3_000_000m,
        expectedCloseDate = DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(2)),
    };

    private static bool Allowed(Operation operation, string role) =>
        role == Roles.Administrator
        || (MayCall.TryGetValue(operation.Key, out var roles) || MayCall.TryGetValue(operation.Name, out roles)
            ? roles.Contains(role)
            : !operation.Writes);

    private async Task OpenAccountAsync(string id, string role, string? name = null, string region = Region)
    {
        using var answer = await system.Gateway.PutAsJsonAsync($"/api/identity/accounts/{id}", new
        {
            name = name ?? id,
            roles = new[] { role },
            region = Roles.RegionBound.Contains(role) ? region : null,
            password = Password,
        });
        ((int)answer.StatusCode).Should().BeOneOf([200, 201], await answer.Content.ReadAsStringAsync());
    }

    private async Task<IReadOnlyList<Operation>> OperationsAsync()
    {
        var operations = new List<Operation>();
        foreach (var service in Services)
        {
            var document = await system.Gateway.GetFromJsonAsync<JsonNode>($"/api/{service}/openapi/v1.json");
            foreach (var (path, item) in document!["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject().Where(entry => entry.Value is JsonObject && entry.Key is "get" or "post" or "put" or "patch" or "delete"))
                {
                    operations.Add(new Operation(service, new HttpMethod(method.ToUpperInvariant()), path, operation!["operationId"]?.GetValue<string>() ?? $"{method} {path}"));
                }
            }
        }

        operations.Should().HaveCountGreaterThan(40);
        return operations;
    }
}
