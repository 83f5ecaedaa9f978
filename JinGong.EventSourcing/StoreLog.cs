using Marten;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JinGong.EventSourcing;

/// <summary>
/// Marten's log (category <c>Marten.IDocumentStore</c>), as ops should read it. Marten logs every failed statement at
/// Error with its parameters: a write that lost a race to another writer (an append behind the stream's version, a
/// stream started twice, a message applied by a concurrent delivery, a serializable decision PostgreSQL refused) is
/// decided again or retried by its caller, yet showed as a red error (about 1,200 in one test run), and every such line
/// carried the event bodies it had tried to append — names, customers, reasons. Here a lost race is a Debug line naming
/// the race; any other failure stays at Error with its SQL and exception but not its parameters' values. A failure the
/// caller cannot settle is still logged by the caller (a 500, MassTransit's fault).
/// </summary>
public sealed partial class StoreLog(ILoggerFactory loggers) : ILogger<IDocumentStore>
{
    private readonly ILogger inner = loggers.CreateLogger<IDocumentStore>();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel < LogLevel.Error || exception is null)
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        else if (LostRace(exception) is { } race)
        {
            LogLostRace(inner, race.SqlState, race.ConstraintName ?? race.MessageText);
        }
        else if (Statement(state) is { } sql)
        {
            LogFailedStatement(inner, exception, sql);
        }
        else
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }

    /// <summary>The database's refusal behind <paramref name="exception"/>, if it says another writer got there first.</summary>
    public static PostgresException? LostRace(Exception? exception) => exception switch
    {
        null => null,
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or OptimisticVersionMismatch } race => race,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: { } constraint } race
            when RaceConstraints.Contains(constraint) => race,
        _ => LostRace(exception.InnerException),
    };

    /// <summary>Marten's append function refuses an expected version the stream has moved past with this state.</summary>
    private const string OptimisticVersionMismatch = "MT003";

    /// <summary>Keys two writers collide on when both write what only one may: an event's version, a new stream, a message applied.</summary>
    private static readonly HashSet<string> RaceConstraints =
        new(["pk_mt_events_stream_and_version", "pkey_mt_streams_id", "mt_doc_processedmessage_pkey"], StringComparer.Ordinal);

    // Marten's failure messages are structured with the statement under "SQL" and its values under "PARAMETERS".
    private static string? Statement<TState>(TState state) =>
        state is IReadOnlyList<KeyValuePair<string, object?>> fields
            ? fields.FirstOrDefault(field => field.Key == "SQL").Value as string
            : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "A write lost a race to another writer ({SqlState}: {Race}); its caller decides again or retries")]
    private static partial void LogLostRace(ILogger logger, string sqlState, string race);

    [LoggerMessage(Level = LogLevel.Error, Message = "Marten failed executing (parameters not logged: they hold event bodies)\n{Sql}")]
    private static partial void LogFailedStatement(ILogger logger, Exception exception, string sql);
}
