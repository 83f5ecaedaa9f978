using JinGong.EventSourcing.Messaging;

namespace JinGong.EventSourcing.Tests;

/// <summary>Telling an event with the state before it reads only the events since the stream was last read, not the whole stream each time.</summary>
public sealed class StreamStatesTests
{
    private sealed record Count(int Events);

    // A stream whose every event adds one: folding from a version reads the events from there on.
    private readonly List<(long From, long To)> reads = [];

    private Func<Count?, long, Task<Count?>> FoldTo(long version) => (state, from) =>
    {
        reads.Add((from, version));
        return Task.FromResult<Count?>(new Count((state?.Events ?? 0) + (int)(version - from + 1)));
    };

    [Fact]
    public async Task each_next_event_of_a_stream_folds_only_what_came_since()
    {
        var states = new StreamStates(capacity: 10);
        var seen = new List<int>();
        foreach (var version in new long[] { 1, 2, 3, 7, 8 })
        {
            seen.Add((await states.AtAsync("JG-1", version, FoldTo(version)))!.Events);
        }

        seen.Should().Equal(1, 2, 3, 7, 8);
        reads.Should().Equal((1, 1), (2, 2), (3, 3), (4, 7), (8, 8));
    }

    [Fact]
    public async Task an_earlier_version_or_a_forgotten_stream_is_folded_from_the_start()
    {
        var states = new StreamStates(capacity: 1);
        await states.AtAsync("JG-1", 5, FoldTo(5));
        (await states.AtAsync("JG-1", 3, FoldTo(3)))!.Events.Should().Be(3);
        await states.AtAsync("JG-2", 2, FoldTo(2));
        (await states.AtAsync("JG-1", 4, FoldTo(4)))!.Events.Should().Be(4);

        reads.Should().Equal((1, 5), (1, 3), (1, 2), (1, 4));
    }

    [Fact]
    public async Task before_a_stream_s_first_event_there_is_nothing() =>
        (await new StreamStates(capacity: 1).AtAsync("JG-1", 0, FoldTo(0))).Should().BeNull();
}
