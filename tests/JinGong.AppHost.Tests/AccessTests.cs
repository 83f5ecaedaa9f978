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
/// covered without a new test) for every role, and for the region-bound roles once in their own region and once in
/// another, against a system holding records in both: no token is a 401, the wrong role a 403, another region's
/// customers and money a 403 <c>outside-your-region</c>, the rest gets past the door (to whatever the request itself
/// deserves); and nothing refused leaves an event behind.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AccessTests(SharedSystem system, ITestOutputHelper output)
{
    private const string Anonymous = "anonymous";
    private const string Password = "a-long-test-password";
    private static readonly string Region = Site.East.Region;
    private static readonly string[] Services = ["fleet", "orders", "dispatch", "okr", "knowledge", "identity"];
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] Objectives = [Roles.SalesRep, Roles.RegionalManager, Roles.Dispatcher, Roles.Finance, Roles.FleetOperations, Roles.Executive];
    private static readonly string[] Dispatching = [Roles.Dispatcher, Roles.FleetOperations];
    private static readonly string[] Selling = [Roles.SalesRep, Roles.RegionalManager];
    private static readonly string[] Auditing = [Roles.Auditor, Roles.Executive];
    private static readonly string[] Editing = [.. Roles.All.Where(role => role != Roles.Auditor)];

    /// <summary>Where an operation's region is: in the record it names, in the region it asks for, in what it makes — or nowhere.</summary>
    private enum RegionIn
    {
        Nowhere,
        Record,
        Query,
        Body,
    }

    /// <summary>
    /// Who may call an operation besides administrators, where the region that confines reps and regional managers is,
    /// and what else a well-meaning client puts in the query.
    /// </summary>
    private sealed record Rule(string[] Roles, RegionIn Region = RegionIn.Nowhere, string? Query = null);

    /// <summary>
    /// The policy of docs/access.md, written here apart from the code so that the test can disagree with it: one row per
    /// operation (by name, or service:name where two services share a name). An operation without a row fails the test.
    /// </summary>
    private static readonly Dictionary<string, Rule> Policy = new()
    {
        // Every service
        ["AuditStream"] = new(Auditing),
        ["AuditCorrelation"] = new(Auditing),
        ["RebuildCheck"] = new([]),
        // Personal information on a person's request (docs/privacy.md): the administrators' alone.
        ["ExportSubject"] = new([]),

        // Fleet: company-wide stock is shared; what ties a vehicle to a customer is its region's.
        ["RegisterVehicle"] = new([Roles.FleetOperations]),
        ["OpenMaintenance"] = new([Roles.FleetOperations], RegionIn.Record),
        ["CloseMaintenance"] = new([Roles.FleetOperations], RegionIn.Record),
        ["ReportUsage"] = new([Roles.FleetOperations], RegionIn.Record),
        ["RetireVehicle"] = new([Roles.FleetOperations], RegionIn.Record),
        ["ReserveVehicle"] = new(Dispatching, RegionIn.Record),
        ["ReleaseReservation"] = new(Dispatching, RegionIn.Record),
        ["StartTransfer"] = new(Dispatching, RegionIn.Record),
        ["CompleteTransfer"] = new(Dispatching, RegionIn.Record),
        ["fleet:LendVehicle"] = new(Dispatching, RegionIn.Record),
        ["fleet:ReturnVehicle"] = new(Dispatching, RegionIn.Record),
        ["DeliverVehicle"] = new(Dispatching, RegionIn.Record),
        ["GetVehicle"] = new(Everyone, RegionIn.Record),
        ["GetVehicleHistory"] = new(Everyone, RegionIn.Record),
        ["GetVehicleStatusTimeline"] = new(Everyone, RegionIn.Record),
        ["GetTrajectory"] = new(Everyone, RegionIn.Record),
        ["GetVehicleUtilization"] = new(Everyone, Query: "from=2026-01&to=2026-12"),
        ["ListInventory"] = new(Everyone),
        ["CountInventory"] = new(Everyone),
        ["GetFleetPositions"] = new(Everyone),
        ["GetFleetUtilization"] = new(Everyone),
        ["OpenWarehouse"] = new([Roles.FleetOperations]),
        ["ListWarehouses"] = new(Everyone),
        ["GetWarehouse"] = new(Everyone),
        ["DefineSite"] = new([Roles.FleetOperations]),
        ["ListSites"] = new(Everyone),
        ["GetSite"] = new(Everyone),
        ["GetSiteVisits"] = new(Everyone, Query: "from=2026-10&to=2026-10"),
        ["GetSiteHours"] = new(Everyone, Query: "from=2026-10&to=2026-10"),
        ["ListUtilizationDefinitions"] = new(Everyone),

        // Orders: customers and money are their region's.
        ["ListModels"] = new(Everyone),
        // The catalogue is the company's, no region's: executives decide what it sells.
        ["ListCatalogueModel"] = new([Roles.Executive]),
        ["WithdrawCatalogueModel"] = new([Roles.Executive]),
        ["RegisterCustomer"] = new(Selling, RegionIn.Body),
        ["ListCustomers"] = new(Everyone, RegionIn.Query),
        ["GetCustomer"] = new(Everyone, RegionIn.Record),
        ["GetCustomerHistory"] = new(Everyone, RegionIn.Record),
        ["ChangeCustomerDetails"] = new(Selling, RegionIn.Record),
        ["AddCustomerContact"] = new(Selling, RegionIn.Record),
        ["ChangeCustomerContact"] = new(Selling, RegionIn.Record),
        ["RemoveCustomerContact"] = new(Selling, RegionIn.Record),
        ["EraseCustomerContact"] = new([]),
        ["FileOpportunity"] = new(Selling, RegionIn.Body),
        ["ListOpportunities"] = new(Everyone, RegionIn.Query),
        ["MoveOpportunity"] = new(Selling, RegionIn.Record),
        ["WinOpportunity"] = new(Selling, RegionIn.Record),
        ["LoseOpportunity"] = new(Selling, RegionIn.Record),
        ["ReopenOpportunity"] = new(Selling, RegionIn.Record),
        ["GetOpportunity"] = new(Everyone, RegionIn.Record),
        ["GetOpportunityHistory"] = new(Everyone, RegionIn.Record),
        ["PlaceOrder"] = new(Selling, RegionIn.Body),
        ["ListOrders"] = new(Everyone, RegionIn.Query),
        ["CancelOrder"] = new([Roles.RegionalManager], RegionIn.Record),
        ["IssueInvoice"] = new([Roles.Finance], RegionIn.Record),
        ["RecordPayment"] = new([Roles.Finance], RegionIn.Record),
        ["GetOrder"] = new(Everyone, RegionIn.Record),
        ["GetOrderHistory"] = new(Everyone, RegionIn.Record),
        ["GetCollectionRate"] = new(Everyone, RegionIn.Query, "period=2026"),
        ["GetReceivables"] = new(Everyone, RegionIn.Query),
        ["GetConversionRate"] = new(Everyone, RegionIn.Query, "period=2026"),
        ["GetPipeline"] = new(Everyone, RegionIn.Query),
        ["GetOrderTrends"] = new(Everyone, RegionIn.Query, "from=2026-01&to=2026-12"),

        // Dispatch: allocations, loans and transfers are their region's; the catalogue is stock.
        ["GetDispatchBoard"] = new(Everyone, RegionIn.Query),
        ["ListRegions"] = new(Everyone),
        ["ListCatalogueVehicles"] = new(Everyone),
        ["GetAllocation"] = new(Everyone, RegionIn.Record),
        ["GetAllocationHistory"] = new(Everyone, RegionIn.Record),
        ["ReportArrival"] = new([Roles.Dispatcher], RegionIn.Record),
        ["ScheduleDelivery"] = new([Roles.Dispatcher], RegionIn.Record),
        ["ConfirmDelivery"] = new([Roles.Dispatcher], RegionIn.Record),
        ["dispatch:LendVehicle"] = new([Roles.Dispatcher]),
        ["ListLoans"] = new(Everyone, RegionIn.Query),
        ["dispatch:ReturnVehicle"] = new([Roles.Dispatcher], RegionIn.Record),
        ["GetLoan"] = new(Everyone, RegionIn.Record),
        ["GetLoanHistory"] = new(Everyone, RegionIn.Record),
        ["PlanTransfer"] = new([Roles.Dispatcher]),
        ["ReportTransferArrival"] = new([Roles.Dispatcher], RegionIn.Record),
        ["GetTransfer"] = new(Everyone, RegionIn.Record),
        ["GetTransferHistory"] = new(Everyone, RegionIn.Record),

        // OKR: ownership, not region (its own tests); everyone reads.
        ["GetOkrBoard"] = new(Everyone),
        ["ReplayOkrBoard"] = new(Everyone),
        ["GetFillRate"] = new(Everyone),
        ["ImportRoster"] = new([]),
        ["LeaveRoster"] = new([]),
        ["ErasePerson"] = new([]),
        ["GetPerson"] = new(Everyone),
        ["GetPersonHistory"] = new(Everyone),
        ["ListPeople"] = new(Everyone),
        ["SetObjective"] = new(Objectives),
        ["ListObjectives"] = new(Everyone),
        ["AlignObjective"] = new(Objectives),
        ["GetObjective"] = new(Everyone),
        ["GetObjectiveHistory"] = new(Everyone),
        ["DefineKeyResult"] = new(Objectives),
        ["CheckIn"] = new(Objectives),
        ["ScoreKeyResult"] = new(Objectives),
        ["GetKeyResult"] = new(Everyone),
        ["GetKeyResultHistory"] = new(Everyone),
        ["GetKeyResultValues"] = new(Everyone),

        // Knowledge: a space's grants (to everyone, roles, teams, regions) decide who reads, writes and administers it,
        // which its own tests prove, so the door lets in every role that a grant may name.
        ["CreateSpace"] = new([]),
        ["ChangeSpaceAccess"] = new(Everyone),
        ["RequireSpaceReview"] = new(Everyone),
        ["RequireSpaceReadConfirmation"] = new(Everyone),
        ["ConfirmReading"] = new(Everyone),
        ["ListPendingReadings"] = new(Everyone),
        ["GetSpaceReadRate"] = new(Everyone),
        ["SavePageDraft"] = new(Editing),
        ["SubmitPageDraft"] = new(Editing),
        ["ApprovePageDraft"] = new(Editing),
        ["ReturnPageDraft"] = new(Editing),
        ["PublishPageDraft"] = new(Editing),
        ["DiscardPageDraft"] = new(Editing),
        ["GetPageDraft"] = new(Editing),
        ["SubscribePage"] = new(Everyone),
        ["UnsubscribePage"] = new(Everyone),
        ["SubscribeSpace"] = new(Everyone),
        ["UnsubscribeSpace"] = new(Everyone),
        ["ListNotifications"] = new(Everyone),
        ["ReadNotifications"] = new(Everyone),
        ["ListSpaces"] = new(Everyone),
        ["GetSpace"] = new(Everyone),
        ["GetSpaceHistory"] = new(Everyone),
        ["GetSpaceTree"] = new(Everyone),
        ["CreatePage"] = new(Editing),
        ["PublishPageRevision"] = new(Editing),
        ["RenamePage"] = new(Editing),
        ["MovePage"] = new(Editing),
        ["RestorePageRevision"] = new(Editing),
        ["GetPage"] = new(Everyone),
        ["GetPageHistory"] = new(Everyone),
        ["ListPageRevisions"] = new(Everyone),
        ["DiffPageRevisions"] = new(Everyone, Query: "from=1&to=1"),
        ["SearchPages"] = new(Everyone, Query: "q=安全"),
        // Attachments are written like the page they are on (its space's editors, refused 403 not-an-editor in the service); links and templates are reads.
        ["UploadAttachment"] = new(Editing),
        ["RemoveAttachment"] = new(Editing),
        ["ListPageAttachments"] = new(Everyone),
        ["GetAttachment"] = new(Everyone),
        ["GetAttachmentHistory"] = new(Everyone),
        ["GetAttachmentContent"] = new(Everyone),
        ["ListPageBacklinks"] = new(Everyone),
        ["ListPagesLinkingTo"] = new(Everyone, Query: "to=vehicle:JG-MT-0012"),
        ["ListSpaceTemplates"] = new(Everyone),
        // Scenario solutions: a scenario's space decides who reads it, its approvers define it, its technical team keeps it (the service's own tests).
        ["DefineScenario"] = new(Editing),
        ["AddWorkingCondition"] = new(Editing),
        ["ReviseWorkingCondition"] = new(Editing),
        ["RecommendModel"] = new(Editing),
        ["WithdrawRecommendation"] = new(Editing),
        ["ListScenarios"] = new(Everyone),
        ["GetScenario"] = new(Everyone),
        ["GetScenarioHistory"] = new(Everyone),
        ["WriteSolutionSection"] = new(Editing),
        ["GetSolution"] = new(Everyone),
        // Deals: the region decides who reads a deal and its document (the service's own tests); the space of deals who writes it.
        ["GetDeal"] = new(Everyone),
        ["OpenDealDocument"] = new(Editing),
        ["SendProposal"] = new(Editing),

        // Identity
        ["ListAccounts"] = new([Roles.Auditor]),
        ["SetPersonAccount"] = new([]),
        ["DeactivateAccount"] = new([]),
        ["ReactivateAccount"] = new([]),
        ["ChangeOwnPassword"] = new(Everyone),
    };

    private sealed record Operation(string Service, HttpMethod Method, string Path, string Name, WriteOperation? Write)
    {
        public string Key => $"{Service}:{Name}";

        public bool Writes => Write is not null;

        public Rule? Rule => Policy.GetValueOrDefault(Key) ?? Policy.GetValueOrDefault(Name);

        public string? Resource => Path.Contains('{', StringComparison.Ordinal) ? Path[..(Path.IndexOf('}', StringComparison.Ordinal) + 1)] : null;

        public IReadOnlyList<string> PathParameters => [.. System.Text.RegularExpressions.Regex.Matches(Path, "{([^}]+)}").Select(match => match.Groups[1].Value)];

        public HttpRequestMessage Request(HostileTarget? target, Site site, string correlationId)
        {
            // A route parameter that names no record made for the test names nothing at all: the door is checked before the resource.
            var path = (target ?? HostileTarget.Nothing).PathOf(Path);
            var query = string.Join('&', new[] { Rule?.Region == RegionIn.Query ? $"region={site.Region}" : null, Rule?.Query }.OfType<string>());
            if (query.Length > 0)
            {
                path += $"?{query}";
            }

            var request = new HttpRequestMessage(Method, path);
            if (Writes)
            {
                request.Content = JsonContent.Create(target?.Body ?? new JsonObject());
            }

            request.Headers.Add("X-Correlation-Id", correlationId);
            return request;
        }

        public override string ToString() => $"{Method} {Path} ({Name})";
    }

    [Fact]
    public async Task every_route_lets_in_exactly_the_roles_whose_job_it_is_in_the_regions_that_are_theirs_and_refuses_the_rest_without_a_trace()
    {
        var operations = await OperationsAsync();
        operations.Where(operation => operation.Rule is null).Should().BeEmpty("every operation has a row in the policy table, as in docs/access.md");

        var callers = new Dictionary<string, HttpClient> { [Anonymous] = new HttpClient { BaseAddress = system.GatewayAddress } };
        foreach (var role in Roles.All.Where(role => role != Roles.Administrator))
        {
            await OpenAccountAsync($"test.{role}", role);
            callers[role] = system.SignedInAs($"test.{role}", Password);
        }

        callers[Roles.Administrator] = system.Gateway;
        // Records in two regions, made as the administrator: the east's opportunities and orders are the test rep's own.
        var records = new Dictionary<Site, ApiTargets>
        {
            [Site.East] = new(system.Gateway, Site.East, Site.North, $"test.{Roles.SalesRep}"),
            [Site.North] = new(system.Gateway, Site.North, Site.East, "north.rep"),
        };
        foreach (var made in records.Values)
        {
            await made.InitializeAsync();
        }

        operations.Where(operation => operation.Rule!.Region == RegionIn.Record && !records[Site.East].Knows(operation.Resource))
            .Should().BeEmpty("every record that belongs to a region can be made in each, so that its confinement is tried");
        var targets = new ConcurrentDictionary<(Operation, Site), Lazy<Task<HostileTarget?>>>();
        Task<HostileTarget?> TargetAsync(Operation operation, Site site) => targets.GetOrAdd((operation, site), key => new(async () =>
            // Real records for every read and for the writes region confines (OKR's writes are confined by ownership,
            // which its own tests prove); a fresh one for each operation, so that no other operation's writes change it.
            (operation.Rule!.Region != RegionIn.Nowhere || !operation.Writes)
            && (records[site].Knows(operation.Resource) || operation.Rule.Region == RegionIn.Body)
                ? await records[site].PrepareAsync(operation.Service, operation.Resource, operation.PathParameters, operation.Write?.Body)
                : null)).Value;

        var cells = operations.SelectMany(operation => callers.SelectMany(caller =>
            (Roles.RegionBound.Contains(caller.Key) ? new[] { Site.East, Site.North } : [Site.East]).Select(site => (operation, caller, site)))).ToList();
        var refusals = new ConcurrentBag<string>();
        var outsideRegion = new ConcurrentBag<Operation>();
        var wrong = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (cell, cancellationToken) =>
        {
            var (operation, (role, client), site) = cell;
            var correlationId = Guid.NewGuid().ToString("N");
            var target = await TargetAsync(operation, site);
            using var answer = await client.SendAsync(operation.Request(target, site, correlationId), cancellationToken);
            var status = (int)answer.StatusCode;
            var body = await answer.Content.ReadAsStringAsync(cancellationToken);
            var expected = Expected(operation, role, site);
            var what = $"{role,-17} {site.Region,-5} {operation}: {status} {body[..Math.Min(body.Length, 200)]}";
            if (expected.Status is { } refusal)
            {
                refusals.Add(correlationId);
                if (status != refusal || answer.Content.Headers.ContentType?.MediaType != "application/problem+json"
                    || (expected.Rule is { } rule && !body.Contains($"\"{ProblemAssertions.ProblemTypes}{rule}\"", StringComparison.Ordinal)))
                {
                    wrong.Add($"{what} (expected {refusal} {expected.Rule})");
                }

                if (expected.Rule is not null)
                {
                    outsideRegion.Add(operation);
                }
            }
            else if (status >= 500 || status is 401 or 403 || (target is not null && !operation.Writes && status != 200))
            {
                wrong.Add($"{what} (expected {(target is not null && !operation.Writes ? "200" : "past the door")})");
            }
        });

        var regionBound = callers.Keys.Count(Roles.RegionBound.Contains);
        output.WriteLine($"{operations.Count} operations × ({callers.Count - regionBound} callers in one region + {regionBound} region-bound roles × 2 regions) = {cells.Count} requests; {refusals.Count} refused, {outsideRegion.Count} of them as outside the caller's region:");
        foreach (var refused in outsideRegion.GroupBy(operation => operation.Key).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {refused.Key} ×{refused.Count()}");
        }

        string.Join(Environment.NewLine, wrong.Order(StringComparer.Ordinal)).Should().BeEmpty();
        foreach (var service in Services.Where(service => service != "identity"))
        {
            var stored = await new EventStoreQueries(await system.ConnectionStringAsync($"{service}db")).EventsAsync();
            stored.Where(entry => refusals.Contains(entry.CorrelationId ?? string.Empty)).Should().BeEmpty($"no refused request appended to {service}");
        }
    }

    /// <summary>What a cell must answer: a refusal (status, and the rule when it is the region's), or null for "past the door".</summary>
    private static (int? Status, string? Rule) Expected(Operation operation, string role, Site site) =>
        role == Anonymous ? (401, null)
        : role != Roles.Administrator && !operation.Rule!.Roles.Contains(role) ? (403, null)
        : Roles.RegionBound.Contains(role) && operation.Rule!.Region != RegionIn.Nowhere && site != Site.East ? (403, "outside-your-region")
        : (null, null);

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

    // Identity's signing key, read from its database and opened with the secret kept beside the data.
    private async Task<SecurityKey> SigningKeyAsync()
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(await system.ConnectionStringAsync("identitydb"));
        var secret = await File.ReadAllTextAsync(Path.Combine(system.DataDirectory, "identity-keys-secret"));
        await using var protection = JinGong.Identity.Keys.KeyProtection.Standalone(dataSource, secret.Trim());
        return (await JinGong.Identity.Keys.KeyRing.ReadAsync(dataSource, JinGong.Identity.Keys.KeyProtection.KeyRingProtector(protection))).Signing;
    }

    [Fact]
    public async Task a_regional_manager_files_reads_and_moves_the_opportunities_of_their_region_only_and_signs_what_they_do()
    {
        await OpenAccountAsync("li.wei", Roles.RegionalManager, "Li Wei");
        await OpenAccountAsync("wang.fang", Roles.RegionalManager, "Wang Fang", region: Site.North.Region);
        await OpenAccountAsync("zhao.min", Roles.Executive, "Zhao Min");
        using var east = system.SignedInAs("li.wei", Password);
        using var north = system.SignedInAs("wang.fang", Password);
        using var executive = system.SignedInAs("zhao.min", Password);

        var opportunity = await (await east.PostAsJsonAsync("/api/orders/opportunities", Opportunity(Region, "li.wei"))).JsonAsync(HttpStatusCode.Created);
        var id = opportunity.GetProperty("id").GetString();
        using (var elsewhere = await east.PostAsJsonAsync("/api/orders/opportunities", Opportunity(Site.North.Region, "li.wei")))
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
        northList.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("region").GetString()).Should().AllBe(Site.North.Region);
        var everywhere = await (await executive.GetAsync($"/api/orders/opportunities?region={Region}&pageSize=100")).JsonAsync();
        everywhere.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).Should().Contain(id);
        // A search looks only inside the caller's region: the customer's name does not reach across it.
        var byCustomer = $"/api/orders/opportunities?search={Uri.EscapeDataString(opportunity.GetProperty("customer").GetString()!)}&pageSize=100";
        var searchedFromNorth = await (await north.GetAsync(byCustomer)).JsonAsync();
        searchedFromNorth.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("region").GetString()).Should().AllBe(Site.North.Region);
        var searchedByExecutive = await (await executive.GetAsync(byCustomer)).JsonAsync();
        searchedByExecutive.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).Should().Contain(id, "the same search finds it for a role that sees every region");

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

    private async Task OpenAccountAsync(string id, string role, string? name = null, string? region = null)
    {
        using var answer = await system.Gateway.PutAsJsonAsync($"/api/identity/accounts/{id}", new
        {
            name = name ?? id,
            roles = new[] { role },
            region = Roles.RegionBound.Contains(role) ? region ?? Region : null,
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
            var writes = WriteOperation.In(service, document!);
            operations.AddRange(writes.Select(write => new Operation(service, write.Method, write.Path, write.Name, write)));
            foreach (var (path, item) in document!["paths"]!.AsObject().Where(entry => entry.Value?["get"] is JsonObject))
            {
                operations.Add(new Operation(service, HttpMethod.Get, path, item!["get"]!["operationId"]?.GetValue<string>() ?? $"GET {path}", null));
            }
        }

        operations.Should().HaveCountGreaterThan(40);
        return operations;
    }
}
