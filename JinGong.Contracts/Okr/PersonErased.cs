namespace JinGong.Contracts.Okr;

/// <summary>
/// A person of the roster asked to be forgotten [删除个人信息] and an administrator erased them: every service replaces what
/// it holds of them (their id as a rep, owner, author or recorder of events; their name) with the pseudonym
/// <c>Privacy:PseudonymKey</c> makes from <paramref name="PersonId"/>, and records the erasure with
/// <paramref name="Reason"/> and <paramref name="Reference"/> (the request's own number), as done by
/// <paramref name="RequestedBy"/> (the administrator's id). <paramref name="Names"/> are every name the roster recorded them
/// under, for services that keep no copy of it to find in their free text (a lost reason, a maintenance note): the message
/// is gone from the broker once every service has taken it. Version 1.
/// </summary>
public sealed record PersonErased(string PersonId, IReadOnlyList<string> Names, string Reason, string Reference, string RequestedBy, DateTimeOffset OccurredAt);
