using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using JinGong.Domain;
using JinGong.EventSourcing;
using JinGong.Okr.KeyResults;
using JinGong.Okr.Roster;
using Marten;
using Marten.Subscriptions;

namespace JinGong.Okr.Records;

/// <summary>
/// Moves bound key results, run by the async daemon over OKR's own events in the order they were appended: when a
/// record changes, every bound key result it may concern gets the record's new contribution; when a bound key result is
/// defined, it gets the contributions of every record already noted. Processing events strictly in order is what makes
/// this race-free (a fact noted while a key result is being defined is seen by one of the two), and comparing with what
/// the key result holds is what makes a replayed page harmless.
/// </summary>
public sealed partial class BoundKeyResults : SubscriptionBase
{
    public const string SubscriptionName = "bound-key-results";
    private const int Attempts = 5;

    private readonly IServiceProvider services;
    private readonly ServiceIdentity service;
    private readonly TimeProvider clock;
    private readonly ILogger<BoundKeyResults> logger;

    public BoundKeyResults(IServiceProvider services, ServiceIdentity service, TimeProvider clock, ILogger<BoundKeyResults> logger)
    {
        this.services = services;
        this.service = service;
        this.clock = clock;
        this.logger = logger;
        Name = SubscriptionName;
    }

    // The store builds this subscription: resolving the store in the constructor would be a cycle.
    private IDocumentStore Store => field ??= services.GetRequiredService<IDocumentStore>();

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // A record changed several times in a page is counted once, from its latest state.
        var changedRecords = page.Events.Where(e => e.Data is IRecordEvent).GroupBy(e => e.StreamKey!).Select(changes => changes.Last());
        foreach (var change in changedRecords)
        {
            await WithRetriesAsync(change, session => FollowRecordAsync(session, change, cancellationToken), cancellationToken);
        }

        foreach (var defined in page.Events.Where(e => e.Data is KeyResultDefined { Binding: not null }))
        {
            await WithRetriesAsync(defined, session => SeedAsync(session, (KeyResultDefined)defined.Data, defined.Id, cancellationToken), cancellationToken);
        }

        return NullChangeListener.Instance;
    }

    private async Task FollowRecordAsync(IDocumentSession session, IEvent change, CancellationToken cancellationToken)
    {
        IBusinessRecord? record = change.Data is OpportunityClosingNoted
            ? await session.LoadAsync<OpportunityRecord>(change.StreamKey!, cancellationToken)
            : await session.LoadAsync<SaleRecord>(change.StreamKey!, cancellationToken);
        if (record is null)
        {
            return;
        }

        // Narrowed in the database by period, region and rep (a team filter needs the roster, so is checked here).
        var (region, rep) = (record.Region, record.SalesRep);
        var candidates = await session.Query<KeyResult>()
            .Where(keyResult => keyResult.IsBound && !keyResult.Frozen && keyResult.LastDay >= record.FirstFactDay && keyResult.FirstDay <= record.LastFactDay)
            .Where(keyResult => keyResult.Binding!.Filter.Region == null || keyResult.Binding.Filter.Region == region)
            .Where(keyResult => keyResult.Binding!.Filter.SalesRep == null || keyResult.Binding.Filter.SalesRep == rep)
            .ToListAsync(cancellationToken);
        var teamOf = await TeamsAsync(session, [record], cancellationToken);
        var cause = ((IRecordEvent)change.Data).SourceEventId;
        foreach (var candidate in candidates.Where(keyResult => record.Moves(keyResult.Binding!.Metric)))
        {
            var contribution = RecordContributions.Of(candidate.Binding!, candidate.FirstDay, candidate.LastDay, record, teamOf);
            await session.AppendDecisionAsync<KeyResult>(candidate.Id, keyResult => KeyResultDecider.Decide(
                new FollowRecord(candidate.Id, record.Id, contribution, cause, record.LastOccurredAt, clock.GetUtcNow()), keyResult), cancellationToken);
        }
    }

    private async Task SeedAsync(IDocumentSession session, KeyResultDefined defined, Guid definitionId, CancellationToken cancellationToken)
    {
        var binding = defined.Binding!;
        IReadOnlyList<IBusinessRecord> records = binding.Metric == Metric.ConversionRate
            ? await session.Query<OpportunityRecord>()
                .Where(record => record.LastFactDay >= defined.FirstDay && record.FirstFactDay <= defined.LastDay)
                .ToListAsync(cancellationToken)
            : await session.Query<SaleRecord>()
                .Where(record => record.LastFactDay >= defined.FirstDay && record.FirstFactDay <= defined.LastDay)
                .ToListAsync(cancellationToken);
        var teamOf = await TeamsAsync(session, records, cancellationToken);
        var now = clock.GetUtcNow();
        await session.AppendDecisionAsync<KeyResult>(defined.KeyResultId, keyResult => Decision.InTurn(
            keyResult!,
            records.Select(record => (Func<KeyResult, Decision>)(state => KeyResultDecider.Decide(
                new FollowRecord(defined.KeyResultId, record.Id, RecordContributions.Of(binding, defined.FirstDay, defined.LastDay, record, teamOf), definitionId, record.LastOccurredAt, now),
                state))),
            KeyResult.Evolve), cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> in its own transaction, again when a concurrent writer (a check-in, a scoring) got to a key result first.</summary>
    private async Task WithRetriesAsync(IEvent cause, Func<IDocumentSession, Task> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = Store.LightweightSession();
            session.CorrelationId = cause.CorrelationId;
            session.CausationId = cause.Id.ToString();
            session.LastModifiedBy = service.Name;
            await work(session);
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (ConcurrencyException error) when (attempt < Attempts)
            {
                LogRetry(logger, error, cause.StreamKey, attempt);
            }
        }
    }

    private static async Task<TeamOf> TeamsAsync(IQuerySession session, IReadOnlyCollection<IBusinessRecord> records, CancellationToken cancellationToken)
    {
        var reps = records.Select(record => record.SalesRep).OfType<string>().Distinct().ToList();
        var people = reps.Count == 0 ? [] : await session.LoadManyAsync<Person>(cancellationToken, reps);
        var byId = people.ToDictionary(person => person.Id, StringComparer.OrdinalIgnoreCase);
        return (rep, moment) => byId.GetValueOrDefault(rep)?.TeamAt(moment);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A key result moved while {Stream} was counted (attempt {Attempt}); counting again")]
    private static partial void LogRetry(ILogger logger, Exception error, string? stream, int attempt);
}
