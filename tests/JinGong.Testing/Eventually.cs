using JinGong.Simulation;

namespace JinGong.Testing;

/// <summary>Waits on a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static Task<T> ReturnsAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> isDone, TimeSpan deadline, string what) =>
        Polling.UntilAsync(probe, isDone, deadline, what);
}
