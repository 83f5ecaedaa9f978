using System.Reflection;

namespace JinGong.Testing;

/// <summary>
/// Marten folds a stream with the aggregate's own <c>Create</c>/<c>Apply</c> methods (inline snapshots,
/// <c>FetchForWriting</c>); our reads and deciders fold it with the aggregate's <c>Step</c>. An event with no
/// <c>Apply</c> is silently skipped by Marten, so the two folds would disagree: these checks catch it.
/// </summary>
public static class AggregateConventions
{
    /// <summary>
    /// The event types of <paramref name="eventsAssembly"/> implementing <typeparamref name="TEvent"/> that
    /// <typeparamref name="TAggregate"/> has neither a <c>Create</c> nor an <c>Apply</c> for.
    /// </summary>
    public static IReadOnlyList<string> EventsWithoutApply<TAggregate, TEvent>()
    {
        var folds = typeof(TAggregate).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(method => method.Name is "Apply" or "Create" && method.GetParameters().Length == 1)
            .Select(method => method.GetParameters()[0].ParameterType)
            .ToHashSet();
        return [.. typeof(TEvent).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(TEvent).IsAssignableFrom(type) && !folds.Contains(type))
            .Select(type => type.Name)
            .Order(StringComparer.Ordinal)];
    }
}
