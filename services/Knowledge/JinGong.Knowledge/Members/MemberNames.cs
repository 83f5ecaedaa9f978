using JinGong.EventSourcing.Privacy;
using Marten;

namespace JinGong.Knowledge.Members;

/// <summary>The name the knowledge base's copy of the roster knows a member by: erased with their id.</summary>
public sealed class MemberNames : IPersonNames
{
    public async Task<IReadOnlyList<string>> NamesOfAsync(IQuerySession session, string personId, CancellationToken cancellationToken) =>
        await session.LoadAsync<Member>(personId, cancellationToken) is { } member ? [member.Name] : [];
}
