using JasperFx;

namespace JinGong.Knowledge.Members;

/// <summary>
/// A person of OKR's roster as the knowledge base knows them: their team and region, which a space's grants name, and
/// whether they are still with the company. <see cref="AsOf"/> is the business time of the last roster fact applied.
/// </summary>
public sealed record Member([property: Identity] string Id, string Name, string Team, string Region, bool Active, DateTimeOffset AsOf);
