using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Domain.Time;
using JinGong.Testing;

namespace JinGong.Okr.Tests;

/// <summary>What every OKR API test does: unique names, people, objectives and key results through the gateway.</summary>
internal static class OkrApi
{
    /// <summary>The quarter running today in China, e.g. <c>2026-Q4</c>: what "this quarter" means to a test.</summary>
    public static Period ThisQuarter
    {
        get
        {
            var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
            return Period.Quarter(today.Year, ((today.Month - 1) / 3) + 1);
        }
    }

    /// <summary>Puts people on the roster: (id, team) pairs, all in <paramref name="region"/>.</summary>
    public static Task<JsonElement> JoinAsync(this IApiUnderTest okr, string region, params (string Id, string Team)[] people) =>
        okr.PostOkAsync("/api/okr/people/import", new
        {
            people = people.Select(person => new { id = person.Id, name = $"Name of {person.Id}", team = person.Team, region }),
            occurredAt = DateTimeOffset.UtcNow.AddDays(-400),
        });

    public static async Task<string> SetObjectiveAsync(
        this IApiUnderTest okr, string title, string period, string owner, string ownerKind = "person", string? parentId = null, decimal? weight = null) =>
        (await okr.PostOkAsync("/api/okr/objectives", new { title, period, ownerKind, owner, parentId, weight }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

    /// <summary>A key result checked in by hand, from 0 to <paramref name="target"/>.</summary>
    public static async Task<string> DefineManualAsync(this IApiUnderTest okr, string objectiveId, decimal target, decimal weight = 1m, DateTimeOffset? occurredAt = null) =>
        (await okr.PostOkAsync($"/api/okr/objectives/{objectiveId}/key-results", new { title = $"reach {target}", start = 0, target, unit = "units", weight, occurredAt }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;

    public static Task<JsonElement> CheckInAsync(this IApiUnderTest okr, string keyResultId, decimal value, decimal confidence = 0.7m, string? note = null) =>
        okr.PostOkAsync($"/api/okr/key-results/{keyResultId}/check-ins", new { value, confidence, note });

    public static async Task<long> EventCountAsync(this IApiUnderTest okr) =>
        (await new EventStoreQueries(await okr.ConnectionStringAsync("okrdb")).EventsAsync()).Count;
}
