using JinGong.Okr.KeyResults;
using JinGong.Okr.Objectives;
using JinGong.Okr.Records;
using JinGong.Okr.Roster;
using JinGong.Testing;
using Marten;

namespace JinGong.Okr.Tests;

public sealed class ConventionsTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static void Configure(StoreOptions options)
    {
        options.ConfigureRoster();
        options.ConfigureObjectives();
        options.ConfigureKeyResults();
        options.ConfigureRecords();
    }

    [Fact]
    public void every_okr_event_is_folded_by_its_own_evolve()
    {
        AggregateConventions.EventsNoProjectionFolds(Configure).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Person.Evolve(null, new PersonJoined("li.wei", "Li Wei", "east", "East China", null, At))!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, Objective.Evolve(null, new ObjectiveSet("O-1", "grow", "2026-Q4", OwnerKind.Team, "east", null, 1m, At))!)
            .Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, KeyResult.Evolve(null, new KeyResultDefined("K-1", "O-1", "units", 0m, 10m, "units", 1m, null, "2026-Q4", 1, 2, At))!)
            .Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(Configure, SaleRecord.Evolve(null, new OrderCancellationNoted("order:O-1", "O-1", At, Guid.Empty, At))!).Should().BeEmpty();
        AggregateConventions.EventsWithoutArm(
                Configure, OpportunityRecord.Evolve(null, new OpportunityClosingNoted("opportunity:P-1", "P-1", "East China", "li.wei", [], true, At, Guid.Empty, At))!)
            .Should().BeEmpty();
    }

    [Fact]
    public void every_stored_event_name_carries_its_version()
    {
        AggregateConventions.EventsWithoutVersionInName(Configure).Should().BeEmpty();
    }
}
