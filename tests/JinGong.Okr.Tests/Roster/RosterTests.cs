using System.Net;
using System.Text;
using JinGong.Testing;

namespace JinGong.Okr.Tests.Roster;

/// <summary>The roster is imported in bulk, as JSON or CSV, and kept as events: joined, moved, left.</summary>
[Collection(OkrService.Collection)]
public sealed class RosterTests(OkrService okr)
{
    [Fact]
    public async Task a_roster_imported_as_json_then_as_the_complete_csv_joins_moves_and_leaves_people_as_events()
    {
        var (team, region) = (GatewayRequests.Unique("Key Accounts"), GatewayRequests.Unique("East China"));
        var (li, wang, chen) = (GatewayRequests.Unique("li"), GatewayRequests.Unique("wang"), GatewayRequests.Unique("chen"));
        var joined = await okr.PostOkAsync("/api/okr/people/import", new
        {
            people = new[]
            {
                new { id = li, name = "Li Wei", team, region, manager = (string?)null },
                new { id = wang, name = "Wang Fang", team, region, manager = (string?)li },
                new { id = chen, name = "Chen Jie", team, region, manager = (string?)li },
            },
        });
        joined.Should().BeEquivalentTo(new { Joined = 3, Moved = 0, Left = 0, Unchanged = 0 }, options => options.ExcludingMissingMembers(), joined.ToString());

        // HR's export: the whole roster, Li moved to another team (name quoted, with a comma), Chen gone.
        var csv = $"""
            id,name,team,region,manager
            {li},"Li, Wei",Strategic Accounts,{region},
            {wang},Wang Fang,{team},{region},{li}
            """;
        using var answer = await okr.Api.PostAsync(
            "/api/okr/people/import?complete=true", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var imported = await answer.JsonAsync();
        imported.GetProperty("moved").GetInt32().Should().Be(1);
        imported.GetProperty("left").GetInt32().Should().BeGreaterThanOrEqualTo(1, "Chen (and anyone else not in the complete roster) left");
        imported.GetProperty("unchanged").GetInt32().Should().Be(1);

        var liNow = await okr.GetOkAsync($"/api/okr/people/{li}");
        liNow.GetProperty("name").GetString().Should().Be("Li, Wei");
        liNow.GetProperty("team").GetString().Should().Be("Strategic Accounts");
        liNow.GetProperty("memberships").GetArrayLength().Should().Be(2);
        (await okr.GetOkAsync($"/api/okr/people/{chen}")).GetProperty("onRoster").GetBoolean().Should().BeFalse();
        var history = await okr.GetOkAsync($"/api/okr/people/{chen}/history");
        history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).Should().Equal("person_left_v1", "person_joined_v1");
    }

    [Fact]
    public async Task the_roster_is_searched_by_the_start_of_an_id_a_name_or_a_team_in_any_case()
    {
        var (team, region) = (GatewayRequests.Unique("Mine Service"), GatewayRequests.Unique("West China"));
        var (zhao, sun) = (GatewayRequests.Unique("zhao"), GatewayRequests.Unique("sun"));
        await okr.PostOkAsync("/api/okr/people/import", new
        {
            people = new[]
            {
                new { id = zhao, name = "Zhao Lei 赵磊", team, region, manager = (string?)null },
                new { id = sun, name = "Sun Mei", team, region, manager = (string?)zhao },
            },
        });

        async Task<IEnumerable<string?>> FoundAsync(string search) =>
            (await okr.GetOkAsync($"/api/okr/people?region={Uri.EscapeDataString(region)}&search={Uri.EscapeDataString(search)}")).GetProperty("items").EnumerateArray()
                .Select(person => person.GetProperty("id").GetString());

        (await FoundAsync(zhao.ToUpperInvariant())).Should().Equal([zhao], "the start of an id, any case");
        (await FoundAsync("sun m")).Should().Equal([sun], "the start of a name");
        (await FoundAsync(team[..6].ToLowerInvariant())).Should().BeEquivalentTo([zhao, sun], "the start of a team");
        (await FoundAsync("Mei")).Should().BeEmpty("a search is the start of a name, not any part of it");
        using var tooLong = await okr.Api.GetAsync($"/api/okr/people?search={new string('x', 101)}");
        await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task imports_of_different_people_at_the_same_moment_all_join()
    {
        // Serializable transactions also fail each other over rows they only share an index page with: such a failure is
        // decided again by the service, not handed to the HR tool as a conflict.
        var region = GatewayRequests.Unique("North China");
        var people = Enumerable.Range(0, 12).Select(_ => GatewayRequests.Unique("hr")).ToList();

        var answers = await Task.WhenAll(people.Select(async id =>
        {
            using var answer = await okr.Api.PostAsync("/api/okr/people/import", JsonContent(new
            {
                people = new[] { new { id, name = $"Name of {id}", team = "Sales", region } },
            }));
            return (answer.StatusCode, Body: await answer.Content.ReadAsStringAsync());
        }));

        answers.Should().AllSatisfy(answer => answer.StatusCode.Should().Be(HttpStatusCode.OK, answer.Body));
        foreach (var id in people)
        {
            (await okr.GetOkAsync($"/api/okr/people/{id}")).GetProperty("onRoster").GetBoolean().Should().BeTrue();
        }
    }

    [Fact]
    public async Task a_roster_with_bad_rows_is_refused_whole_naming_each_field_and_nothing_is_appended()
    {
        var region = GatewayRequests.Unique("West China");
        var (ok, twice) = (GatewayRequests.Unique("ok"), GatewayRequests.Unique("twice"));
        var before = await okr.EventCountAsync();

        using var answer = await okr.Api.PostAsync("/api/okr/people/import", JsonContent(new
        {
            people = new object[]
            {
                new { id = ok, name = "Fine", team = "Sales", region },
                new { id = GatewayRequests.Unique("noteam"), name = "No Team", region },
                new { id = twice, name = "Twice", team = "Sales", region },
                new { id = twice, name = "Twice Again", team = "Sales", region },
                new { id = GatewayRequests.Unique("orphan"), name = "Orphan", team = "Sales", region, manager = "nobody-on-the-roster" },
                new { id = "bad id with spaces", name = "Spaces", team = "Sales", region },
            },
        }));

        await answer.ShouldBeValidationProblemAsync("people[1].team", "people[3].id", "people[4].manager", "people[5].id");
        (await okr.EventCountAsync()).Should().Be(before);

        using var headerless = await okr.Api.PostAsync("/api/okr/people/import", new StringContent("li,Li Wei,Sales,East\n", Encoding.UTF8, "text/csv"));
        await headerless.ShouldBeValidationProblemAsync("body");
        using var unquoted = await okr.Api.PostAsync("/api/okr/people/import", new StringContent("id,name,team,region\nli,\"Li Wei,Sales,East\n", Encoding.UTF8, "text/csv"));
        await unquoted.ShouldBeValidationProblemAsync("body");
        using var xml = await okr.Api.PostAsync("/api/okr/people/import", new StringContent("<people/>", Encoding.UTF8, "application/xml"));
        xml.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        using var empty = await okr.Api.PostAsync("/api/okr/people/import", JsonContent(new { people = Array.Empty<object>() }));
        await empty.ShouldBeValidationProblemAsync("people");
        (await okr.EventCountAsync()).Should().Be(before);
    }

    private static StringContent JsonContent(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
