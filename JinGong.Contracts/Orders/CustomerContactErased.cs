namespace JinGong.Contracts.Orders;

/// <summary>
/// A customer's contact asked to be forgotten [删除个人信息] and an administrator erased them in the customer registry:
/// every service that follows orders replaces what it holds of them — a name it was told in free text (a lost reason
/// quoting them), a phone or an e-mail address — with the pseudonym <c>Privacy:PseudonymKey</c> makes from
/// <paramref name="ContactId"/> (or nothing, for a phone or an address), and records it with <paramref name="Reason"/>
/// and <paramref name="Reference"/>, as done by <paramref name="RequestedBy"/>. <paramref name="Names"/> and
/// <paramref name="Cleared"/> are every name, phone and address the registry recorded them with: the message is gone from
/// the broker once every service has taken it. Version 1.
/// </summary>
public sealed record CustomerContactErased(
    string ContactId, IReadOnlyList<string> Names, IReadOnlyList<string> Cleared, string Reason, string Reference, string RequestedBy, DateTimeOffset OccurredAt);
