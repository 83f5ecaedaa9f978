namespace JinGong.Contracts.Okr;

/// <summary>Someone joined the roster (or joined again after leaving), in a team of a region. Version 1.</summary>
public sealed record PersonJoinedRoster(string PersonId, string Name, string Team, string Region, string? Manager, DateTimeOffset OccurredAt);

/// <summary>Someone on the roster moved team, region or manager, or their name was corrected. Version 1.</summary>
public sealed record PersonMovedOnRoster(string PersonId, string Name, string Team, string Region, string? Manager, DateTimeOffset OccurredAt);

/// <summary>Someone left the roster. Version 1.</summary>
public sealed record PersonLeftRoster(string PersonId, DateTimeOffset OccurredAt);
