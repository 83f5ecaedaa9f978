namespace JinGong.Simulation;

/// <summary>Where a play is: its phase and how far through it, for a progress line every few seconds.</summary>
public sealed class PlayProgress
{
    private readonly Lock gate = new();
    private string phase = "starting";
    private int done;
    private int total;

    public void Begin(string name, int count)
    {
        lock (gate)
        {
            (phase, done, total) = (name, 0, count);
        }
    }

    public void Step() => Interlocked.Increment(ref done);

    public (string Phase, int Done, int Total) Now()
    {
        lock (gate)
        {
            return (phase, Volatile.Read(ref done), total);
        }
    }
}
