using JinGong.Domain.Figures;
using JinGong.Knowledge.Members;
using JinGong.Knowledge.Spaces;
using Page = JinGong.Knowledge.Pages.Page;

namespace JinGong.Knowledge.Confirmations;

/// <summary>Someone asked to confirm reading, with the pages whose current revision they have not confirmed.</summary>
public sealed record UnconfirmedBy(string Id, string Name, IReadOnlyList<string> Pages);

/// <summary>A team's read rate: of its people, how many confirmed every page's current revision, and who has not, with what.</summary>
public sealed record TeamReadRate(string Team, int People, int Confirmed, decimal? Rate, IReadOnlyList<UnconfirmedBy> Missing);

/// <summary>A page's read rate: of the people asked, how many confirmed its current revision.</summary>
public sealed record PageReadRate(string PageId, string Title, int Revision, int People, int Confirmed, decimal? Rate);

/// <summary>
/// The read rate [阅读率] of a space whose administrators ask teams to confirm reading its pages — the same idea as the
/// OKR fill rate: of the people in the teams asked, the share who confirmed the current revision of every published page.
/// </summary>
public sealed record ReadRateView(
    string SpaceId, IReadOnlyList<string> Teams, int Pages, int People, int Confirmed, decimal? Rate, IReadOnlyList<TeamReadRate> ByTeam, IReadOnlyList<PageReadRate> ByPage)
{
    /// <summary>
    /// Counts from the people of the teams asked who are with the company (<paramref name="members"/>) and what each has
    /// confirmed (<paramref name="records"/>); a revision published after someone confirmed an earlier one is theirs to read again.
    /// </summary>
    public static ReadRateView Of(Space space, IReadOnlyCollection<Page> pages, IReadOnlyCollection<Member> members, IReadOnlyCollection<ReadingRecord> records)
    {
        var asked = space.ConfirmingTeams.ToHashSet(StringComparer.Ordinal);
        var people = members.Where(member => member.Active && asked.Contains(member.Team)).ToList();
        var published = pages.Where(page => page.SpaceId == space.Id && page.Current is not null).OrderBy(page => page.Id, StringComparer.Ordinal).ToList();
        var confirmed = records.ToDictionary(record => record.Id, StringComparer.Ordinal);
        bool Confirms(Member member, Page page) =>
            confirmed.GetValueOrDefault(ReadingRecord.StreamOf(member.Id))?.ConfirmedRevisionOf(page.Id) == page.Current!.Number;
        List<string> Unconfirmed(Member member) => [.. published.Where(page => !Confirms(member, page)).Select(page => page.Id)];

        // Every team asked is shown, one nobody of the roster is in too: a name mistyped reads as a team of no one.
        var byTeam = asked.Order(StringComparer.Ordinal)
            .Select(team =>
            {
                var of = people.Where(member => member.Team == team).OrderBy(member => member.Id, StringComparer.Ordinal).ToList();
                var missing = of.Select(member => new UnconfirmedBy(member.Id, member.Name, Unconfirmed(member))).Where(person => person.Pages.Count > 0).ToList();
                return new TeamReadRate(team, of.Count, of.Count - missing.Count, FigureMath.Ratio(of.Count - missing.Count, of.Count, 4), missing);
            })
            .ToList();
        var byPage = published
            .Select(page =>
            {
                var count = people.Count(member => Confirms(member, page));
                return new PageReadRate(page.Id, page.Title, page.Current!.Number, people.Count, count, FigureMath.Ratio(count, people.Count, 4));
            })
            .ToList();
        var everyPage = byTeam.Sum(team => team.Confirmed);
        return new ReadRateView(
            space.Id, [.. asked.Order(StringComparer.Ordinal)], published.Count, people.Count, everyPage, FigureMath.Ratio(everyPage, people.Count, 4), byTeam, byPage);
    }
}
