namespace JinGong.Simulation;

/// <summary>Waits on a condition with a deadline instead of sleeping a fixed time (what the bus does takes its time).</summary>
public static class Polling
{
    public static async Task<T> UntilAsync<T>(
        Func<CancellationToken, Task<T>> probe, Func<T, bool> isDone, TimeSpan deadline, string what, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
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

        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"{what} did not happen within {deadline.TotalSeconds:0} s; last seen: {last}", lastError);
    }
}
