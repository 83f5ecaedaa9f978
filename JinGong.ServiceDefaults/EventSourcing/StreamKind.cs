namespace JinGong.ServiceDefaults.EventSourcing;

/// <summary>
/// What the shared command handling needs to know of one kind of stream: how its state evolves (from
/// nothing, for its first event), how clients see it, and what "not found" says in the domain's words.
/// </summary>
public sealed record StreamKind<TState, TView>(
    Func<string, DomainError> NotFound,
    Func<TState?, object, TState?> Evolve,
    Func<TState, long, TView> View)
    where TState : class;
