namespace JinGong.Contracts.Dispatch;

/// <summary>
/// Dispatch, which keeps a copy of the knowledge base's working conditions for its trials, asks for all of them: it
/// missed those described before its queue was bound. The knowledge base answers with
/// <see cref="Knowledge.WorkingConditionsShown"/>. <paramref name="RequestedBy"/> names the service, for the logs. Version 1.
/// </summary>
public sealed record WorkingConditionsRequested(string RequestedBy, DateTimeOffset OccurredAt);
