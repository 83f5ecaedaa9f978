using JinGong.Contracts.Okr;
using JinGong.Knowledge.Members;
using JinGong.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.Knowledge.Tests.Members;

/// <summary>The knowledge base's copy of OKR's roster, fed from the bus, whatever order and concurrency its facts arrive in.</summary>
[Collection(KnowledgeService.Collection)]
public sealed class RosterConsumerTests(KnowledgeService knowledge)
{
    [Fact]
    public async Task facts_about_one_person_heard_at_once_and_newest_first_leave_them_where_the_newest_says()
    {
        var person = GatewayRequests.Unique("rep");
        var joined = DateTimeOffset.UtcNow.AddDays(-30);
        var moves = Enumerable.Range(1, 12)
            .Select(day => new PersonMovedOnRoster(person, "Zhao Lei", $"team-{day}", "east", null, joined.AddDays(day)))
            .Reverse()
            .ToArray();
        await using var bus = await TestBus.StartAsync(await knowledge.ConnectionStringAsync("messaging"));

        // One queue delivers them to consumers running side by side: each reads the member before it writes.
        await Task.WhenAll(moves.Select(move => bus.PublishAsync(move, Guid.NewGuid()))
            .Append(bus.PublishAsync(new PersonJoinedRoster(person, "Zhao Lei", "east-sales", "east", null, joined), Guid.NewGuid())));

        var member = await Eventually.ReturnsAsync(
            cancellationToken => MemberAsync(person, cancellationToken), known => known?.AsOf == moves[0].OccurredAt, TimeSpan.FromSeconds(30),
            "the newest roster fact is applied and no older one overwrites it");
        member!.Team.Should().Be("team-12");
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await MemberAsync(person, CancellationToken.None))!.Team.Should().Be("team-12", "an older fact that lost the race changed nothing");
    }

    private async Task<Member?> MemberAsync(string person, CancellationToken cancellationToken)
    {
        await using var query = knowledge.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.LoadAsync<Member>(person, cancellationToken);
    }
}
