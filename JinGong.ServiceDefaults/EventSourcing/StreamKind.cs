namespace JinGong.ServiceDefaults.EventSourcing;

/// <summary>
/// What the shared command handling and reads need to know of one kind of stream: its name in the domain's
/// words (<paramref name="Noun"/>, e.g. "Vehicle"), how its state evolves (from nothing, for its first
/// event), how clients see it, when each event occurred (business time), and what "not found" says.
/// </summary>
public sealed record StreamKind<TState, TView>(
    string Noun,
    Func<string, DomainError> NotFound,
    Func<TState?, object, TState?> Evolve,
    Func<TState, long, TView> View,
    Func<object, DateTimeOffset> OccurredAt)
    where TState : class;
