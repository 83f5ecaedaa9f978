using System.Net;
using System.Net.Http.Json;
using JinGong.Domain.Time;
using JinGong.Testing;

namespace JinGong.Okr.Tests.KeyResults;

/// <summary>Key results: a way to go, check-ins only by hand on manual ones, scoring once the period is over, then frozen.</summary>
[Collection(OkrService.Collection)]
public sealed class KeyResultRulesTests(OkrService okr)
{
    [Fact]
    public async Task a_key_result_without_a_way_to_go_an_unknown_metric_or_a_filter_that_cannot_apply_is_refused_and_nothing_is_appended()
    {
        var objective = await ObjectiveAsync(OkrApi.ThisQuarter.Name);
        var before = await okr.EventCountAsync();

        await RefusedAsync(objective, new { title = "Flat", start = 10, target = 10, unit = "units" }, "target");
        await RefusedAsync(objective, new { title = "Heavy", start = 0, target = 10, unit = "units", weight = -0.5 }, "weight");
        await RefusedAsync(objective, new { title = "Mystery", start = 0, target = 10, unit = "units", metric = "happiness" }, "metric");
        await RefusedAsync(objective, new { title = "Cash per model", start = 0, target = 10, unit = "CNY", metric = "amount-collected", filter = new { model = "MT-90E" } }, "filter.model");
        await RefusedAsync(objective, new { title = "Percent", start = 0, target = 85, unit = "%", metric = "collection-rate" }, "target");
        using (var missing = await okr.Api.PostAsJsonAsync("/api/okr/objectives/OBJ-NOWHERE/key-results", new { title = "Lost", start = 0, target = 1, unit = "units" }))
        {
            await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound, "objective-not-found");
        }

        (await okr.EventCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task a_bound_key_result_takes_no_check_in_and_a_running_one_is_not_scored_yet()
    {
        var objective = await ObjectiveAsync(OkrApi.ThisQuarter.Name);
        var bound = (await okr.PostOkAsync($"/api/okr/objectives/{objective}/key-results", new
        {
            title = "Collect 50 million", start = 0, target = 50_000_000, unit = "CNY", metric = "amount-collected",
        }, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var manual = await okr.DefineManualAsync(objective, 10);
        var before = await okr.EventCountAsync();

        using (var checkIn = await okr.Api.PostAsJsonAsync($"/api/okr/key-results/{bound}/check-ins", new { value = 1_000_000, confidence = 0.5 }))
        {
            await checkIn.ShouldBeProblemAsync(HttpStatusCode.Conflict, "key-result-bound");
        }

        using (var early = await okr.Api.PostAsJsonAsync($"/api/okr/key-results/{manual}/scoring", new { score = 0.7, reason = "looks good" }))
        {
            await early.ShouldBeProblemAsync(HttpStatusCode.Conflict, "period-not-over");
        }

        using (var unsure = await okr.Api.PostAsJsonAsync($"/api/okr/key-results/{manual}/check-ins", new { value = 3, confidence = 1.5 }))
        {
            await unsure.ShouldBeValidationProblemAsync("confidence");
        }

        (await okr.EventCountAsync()).Should().Be(before);
        var checkedIn = await okr.CheckInAsync(manual, 4, 0.6m, "two big deals in the pipeline");
        checkedIn.Should().BeEquivalentTo(new { Value = 4m, Progress = 0.4m, Score = 0.4m, Confidence = 0.6m }, options => options.ExcludingMissingMembers(), checkedIn.ToString());
    }

    [Fact]
    public async Task scoring_at_the_end_of_the_period_overrides_the_score_with_a_reason_and_freezes_the_key_result()
    {
        var lastQuarter = OkrApi.ThisQuarter.First.AddDays(-1);
        var period = Period.Quarter(lastQuarter.Year, ((lastQuarter.Month - 1) / 3) + 1);
        var objective = await ObjectiveAsync(period.Name);
        var manual = await okr.DefineManualAsync(objective, 10, occurredAt: ChinaTime.StartOf(period.First).AddDays(1));
        await okr.CheckInAsync(manual, 5);

        var scored = await okr.PostOkAsync($"/api/okr/key-results/{manual}/scoring", new { score = 0.8, reason = "the last deal signed on New Year's Eve" });

        scored.Should().BeEquivalentTo(new { Value = 5m, Progress = 0.5m, Score = 0.8m, Frozen = true }, options => options.ExcludingMissingMembers(), scored.ToString());
        var before = await okr.EventCountAsync();
        using (var late = await okr.Api.PostAsJsonAsync($"/api/okr/key-results/{manual}/check-ins", new { value = 9, confidence = 1 }))
        {
            await late.ShouldBeProblemAsync(HttpStatusCode.Conflict, "key-result-frozen");
        }

        using (var again = await okr.Api.PostAsJsonAsync($"/api/okr/key-results/{manual}/scoring", new { score = 1, reason = "on second thought" }))
        {
            await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "key-result-frozen");
        }

        (await okr.EventCountAsync()).Should().Be(before);
    }

    private async Task<string> ObjectiveAsync(string period)
    {
        var owner = GatewayRequests.Unique("qian");
        await okr.JoinAsync(GatewayRequests.Unique("Hebei"), (owner, GatewayRequests.Unique("Loader Sales")));
        return await okr.SetObjectiveAsync("Grow loaders", period, owner);
    }

    private async Task RefusedAsync(string objective, object request, string field)
    {
        using var answer = await okr.Api.PostAsJsonAsync($"/api/okr/objectives/{objective}/key-results", request);
        await answer.ShouldBeValidationProblemAsync(field);
    }
}
