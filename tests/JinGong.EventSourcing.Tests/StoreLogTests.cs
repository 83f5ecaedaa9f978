using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JinGong.EventSourcing.Tests;

/// <summary>
/// What Marten's own logger writes through <see cref="StoreLog"/> when a statement fails: the store is made by
/// <c>AddMarten</c> as in every service, so the test also proves Marten takes the logger from the container.
/// </summary>
public sealed class StoreLogTests : IDisposable
{
    private const string Append = "select * from mt_quick_append_events($1, $2, $3)";
    private const string EventBody = """{"salesRep":"Li Wei","customer":"Baowu Steel"}""";

    private readonly CapturedLog log = new();
    private readonly ServiceProvider services;

    public StoreLogTests()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(log));
        // Never connected: a store is made without a connection, and logging a failure needs none.
        collection.AddMarten(options => options.Connection("Host=localhost;Database=never"));
        collection.AddStoreLog();
        services = collection.BuildServiceProvider();
    }

    [Theory]
    [InlineData("MT003", null)]
    [InlineData(PostgresErrorCodes.SerializationFailure, null)]
    [InlineData(PostgresErrorCodes.UniqueViolation, "pk_mt_events_stream_and_version")]
    [InlineData(PostgresErrorCodes.UniqueViolation, "pkey_mt_streams_id")]
    [InlineData(PostgresErrorCodes.UniqueViolation, "mt_doc_processedmessage_pkey")]
    public void a_write_that_lost_a_race_is_a_debug_line_without_the_events_it_tried(string sqlState, string? constraint)
    {
        FailAppend(new PostgresException("Stream version mismatch on 'JG-1': expected 2, actual 3", "ERROR", "ERROR", sqlState, constraintName: constraint));

        log.Records.Should().ContainSingle().Which.Should().Match<CapturedLog.Record>(record =>
            record.Level == LogLevel.Debug && record.Message.Contains(sqlState) && !record.Message.Contains("Li Wei"));
    }

    [Fact]
    public void any_other_failure_stays_an_error_with_its_statement_and_exception_but_not_its_parameters()
    {
        var missing = new PostgresException("relation \"mt_events\" does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable);
        FailAppend(missing);
        FailAppend(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation, constraintName: "customers_name_key"));

        log.Records.Should().HaveCount(2).And.OnlyContain(record =>
            record.Level == LogLevel.Error && record.Message.Contains(Append) && !record.Message.Contains("Li Wei") && record.Exception != null);
        log.Records[0].Exception.Should().BeSameAs(missing);
    }

    private void FailAppend(Exception failure)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        using var command = new NpgsqlCommand(Append) { Parameters = { new("p0", "JG-1"), new("p1", EventBody), new("p2", 2) } };
        store.Options.Logger().StartSession(null!).LogFailure(command, failure);
    }

    public void Dispose() => services.Dispose();

    private sealed class CapturedLog : ILoggerProvider
    {
        public sealed record Record(string Category, LogLevel Level, string Message, Exception? Exception);

        private readonly List<Record> records = [];

        /// <summary>What Marten's category logged.</summary>
        public IReadOnlyList<Record> Records
        {
            get
            {
                lock (records)
                {
                    return [.. records.Where(record => record.Category == typeof(IDocumentStore).FullName)];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (log.records)
                {
                    log.records.Add(new(category, logLevel, formatter(state, exception), exception));
                }
            }
        }
    }
}
