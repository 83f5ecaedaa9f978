namespace JinGong.Testing;

/// <summary>Waits on a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> isDone, TimeSpan deadline, string what)
    {
        using var timeout = new CancellationTokenSource(deadline);
        T last = default!;
        Exception? lastError = null;
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                last = await probe(timeout.Token);
                if (isDone(last))
                {
                    return last;
                }
            }
            catch (Exception error) when (error is not OperationCanceledException || !timeout.IsCancellationRequested)
            {
                lastError = error;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"{what} did not happen within {deadline.TotalSeconds:0} s; last seen: {last}", lastError);
    }
}
