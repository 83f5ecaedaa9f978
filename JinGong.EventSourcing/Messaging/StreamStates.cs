using System.Collections.Concurrent;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// The states streams were last read at, so that the next read of a stream folds only the events since, not the whole
/// stream again (a vehicle's telematics batches follow one another by the thousand). Appended events never change, so
/// a state read at a version stays true of that version. At most <paramref name="capacity"/> streams are remembered.
/// </summary>
public sealed class StreamStates(int capacity)
{
    private readonly ConcurrentDictionary<(Type, string), (long Version, object State)> states = new();

    /// <summary>The state of <paramref name="stream"/> at <paramref name="version"/> (null before its first event).</summary>
    /// <param name="fold">Folds the stream's events from a version up to <paramref name="version"/> onto a state (null: from nothing).</param>
    public async Task<TState?> AtAsync<TState>(string stream, long version, Func<TState?, long, Task<TState?>> fold)
        where TState : class
    {
        if (version < 1)
        {
            return null;
        }

        var key = (typeof(TState), stream);
        var (known, state) = states.TryGetValue(key, out var last) && last.Version <= version ? (last.Version, (TState)last.State) : (0, null);
        if (known < version)
        {
            state = await fold(state, known + 1);
        }

        if (state is not null)
        {
            if (states.Count >= capacity)
            {
                states.Clear();
            }

            states[key] = (version, state);
        }

        return state;
    }
}
