using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using JasperFx.Events.Projections;
using JinGong.Domain;
using JinGong.EventSourcing;
using Marten;

namespace JinGong.Testing;

/// <summary>
/// Each aggregate folds its stream with one <c>Evolve</c>, whose last arm throws <see cref="UnknownEventException"/>: an
/// event type left without its arm would stop the stream's projection the first time one is appended. These checks
/// find it first, and an event stored under a name without its version, from what a module registers
/// (<paramref name="configure"/>: e.g. <c>options => options.ConfigureLoans()</c>).
/// </summary>
public static partial class AggregateConventions
{
    /// <summary>The event types the module maps that none of its projections folds.</summary>
    public static IReadOnlyList<string> EventsNoProjectionFolds(Action<StoreOptions> configure)
    {
        var options = Configured(configure);
        var folded = options.Projections.All.OfType<EventFilterable>().SelectMany(projection => projection.IncludedEventTypes).ToHashSet();
        return [.. ((IReadOnlyStoreOptions)options).Events.AllKnownEventTypes()
            .Select(mapped => mapped.EventType)
            .Where(type => !folded.Contains(type))
            .Select(type => type.Name)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The event types the module maps whose stored name does not end in its version (<c>_v1</c>, <c>_v2</c>, ...): a stored
    /// event outlives its class, and a new shape of it is a new version, the old one read through an upcaster (README
    /// "Changing an event").
    /// </summary>
    public static IReadOnlyList<string> EventsWithoutVersionInName(Action<StoreOptions> configure) =>
        [.. ((IReadOnlyStoreOptions)Configured(configure)).Events.AllKnownEventTypes()
            // Marten's own events (a stream archived) are Marten's to name.
            .Where(mapped => mapped.EventType.Assembly != typeof(JasperFx.Events.Archived).Assembly && !VersionedName().IsMatch(mapped.EventTypeName))
            .Select(mapped => $"{mapped.EventType.Name} ({mapped.EventTypeName})")
            .Order(StringComparer.Ordinal)];

    [GeneratedRegex("^[a-z0-9_]+_v[1-9][0-9]*$")]
    private static partial Regex VersionedName();

    /// <summary>
    /// The event types <typeparamref name="TState"/>'s projection folds that its <c>Evolve</c> has no arm for, each folded
    /// (a blank instance) onto <paramref name="created"/> and onto nothing.
    /// </summary>
    public static IReadOnlyList<string> EventsWithoutArm<TState>(Action<StoreOptions> configure, TState created)
        where TState : class, IEvolving<TState>
    {
        var projection = Configured(configure).Projections.All.OfType<EvolvingProjection<TState>>().Single();
        return [.. projection.Events
            .Where(type => !HasArm<TState>(created, RuntimeHelpers.GetUninitializedObject(type)) || !HasArm<TState>(null, RuntimeHelpers.GetUninitializedObject(type)))
            .Select(type => type.Name)
            .Order(StringComparer.Ordinal)];
    }

    // Arms match on the event's type alone, and only the last arm throws UnknownEventException: any other exception (a
    // blank event's missing field) is thrown from inside an arm, so the arm is there.
    private static bool HasArm<TState>(TState? state, object @event)
        where TState : class, IEvolving<TState>
    {
        try
        {
            TState.Evolve(state, @event);
            return true;
        }
        catch (UnknownEventException)
        {
            return false;
        }
        catch (Exception)
        {
            return true;
        }
    }

    private static StoreOptions Configured(Action<StoreOptions> configure)
    {
        var options = new StoreOptions();
        configure(options);
        return options;
    }
}
