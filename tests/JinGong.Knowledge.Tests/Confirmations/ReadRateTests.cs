using JinGong.Knowledge.Confirmations;
using JinGong.Knowledge.Members;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Spaces;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Confirmations;

/// <summary>A space's read rate [阅读率] from its pages, the people of the teams it asks and what each confirmed: pure, as the endpoint computes it.</summary>
public sealed class ReadRateTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);

    private static Page Published(string id, int revisions, string space = "SPACE-1") =>
        new object[] { new PageCreated(id, space, null, 0, At) }
            .Concat(Enumerable.Range(1, revisions).Select(n => (object)new PageRevisionPublished(id, n, $"{id} 标题", $"第 {n} 版", "wang.fang", At.AddDays(n))))
            .Fold<Page>()!;

    private static ReadingRecord Confirmed(string person, params (string Page, int Revision)[] pages) =>
        pages.Select(page => (object)new PageReadConfirmed(person, page.Page, "SPACE-1", page.Revision, null, At.AddDays(10))).Fold<ReadingRecord>()!;

    [Fact]
    public void of_the_people_asked_those_who_confirmed_every_pages_current_revision_per_team_and_per_page()
    {
        var space = new object[]
        {
            new SpaceCreated("SPACE-1", "规章制度", SpaceKind.Rules, null, ["executive"], At),
            new SpaceReadConfirmationChanged("SPACE-1", ["finance", "dispatch", "finanse"], At),
        }.Fold<Space>()!;
        var pages = new[] { Published("P1", 2), Published("P2", 1), new[] { (object)new PageCreated("P3", "SPACE-1", null, 1, At) }.Fold<Page>()!, Published("Q1", 1, "SPACE-2") };
        var members = new[]
        {
            new Member("a.an", "An A", "finance", "east", true, At),
            new Member("b.bai", "Bai B", "finance", "east", true, At),
            new Member("e.er", "Er E", "finance", "east", false, At),
            new Member("c.cao", "Cao C", "dispatch", "north", true, At),
            new Member("d.du", "Du D", "sales-east", "east", true, At),
        };
        var records = new[] { Confirmed("a.an", ("P1", 2), ("P2", 1)), Confirmed("b.bai", ("P1", 1), ("P2", 1)), Confirmed("d.du", ("P1", 2)) };

        var rate = ReadRateView.Of(space, pages, members, records);

        rate.Should().BeEquivalentTo(new
        {
            SpaceId = "SPACE-1", Teams = new[] { "dispatch", "finance", "finanse" }, Pages = 2, People = 3, Confirmed = 1, Rate = 0.3333m,
        }, "the unpublished page, another space's page, someone who left and a team not asked count for nothing");
        rate.ByTeam.Should().BeEquivalentTo(
            new[]
            {
                new TeamReadRate("dispatch", 1, 0, 0m, [new UnconfirmedBy("c.cao", "Cao C", ["P1", "P2"])]),
                new TeamReadRate("finance", 2, 1, 0.5m, [new UnconfirmedBy("b.bai", "Bai B", ["P1"])]),
                new TeamReadRate("finanse", 0, 0, null, []),
            },
            options => options.WithStrictOrdering(),
            "a revision published since someone confirmed an earlier one is theirs to read again; a team nobody is in shows as such");
        rate.ByPage.Should().BeEquivalentTo(
            new[] { new PageReadRate("P1", "P1 标题", 2, 3, 1, 0.3333m), new PageReadRate("P2", "P2 标题", 1, 3, 2, 0.6667m) },
            options => options.WithStrictOrdering());
    }
}
