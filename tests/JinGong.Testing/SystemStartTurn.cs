namespace JinGong.Testing;

/// <summary>
/// One whole system starts at a time on this machine, whichever test process starts it. Starting one (a PostgreSQL,
/// a RabbitMQ and six .NET services at once) is the heaviest minute of the suite: two at once beside a loaded test
/// process on a 2-core CI left every service of one without its first log line three minutes after DCP launched it
/// (run 18). A system waits its turn here, then has its own full start timeout. The turn is an exclusive lock on a file
/// (flock on Linux), so a test process that dies gives it up with its last file handle.
/// </summary>
public sealed class SystemStartTurn : IDisposable
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "jingong-system-start.lock");
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);
    private readonly FileStream held;

    private SystemStartTurn(FileStream held) => this.held = held;

    /// <summary>Waits until no other system on this machine is starting (at most <paramref name="patience"/>), then holds the turn.</summary>
    public static async Task<SystemStartTurn> TakeAsync(TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new SystemStartTurn(new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (waited.Elapsed < patience)
            {
                await Task.Delay(Poll, cancellationToken);
            }
            catch (IOException busy)
            {
                throw new TimeoutException($"Another system on this machine was still starting after {patience.TotalMinutes} minutes ({LockPath} is held).", busy);
            }
        }
    }

    public void Dispose() => held.Dispose();
}
