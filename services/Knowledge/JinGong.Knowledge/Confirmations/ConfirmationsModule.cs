using JasperFx.Events.Projections;
using JinGong.EventSourcing;
using JinGong.Http;
using Marten;

namespace JinGong.Knowledge.Confirmations;

public static class ConfirmationsModule
{
    /// <summary>The group of operations these endpoints make in the OpenAPI document.</summary>
    private static readonly ApiTag Tag = new("Read confirmations",
        "Confirming one has read a page's current revision [阅读确认], where a space asks teams to, and the space's read rate: who has, who has not.");

    public static readonly StreamKind<ReadingRecord, ReadingRecordView> Readings =
        new("ReadingRecord", id => new("reading-record-not-found", $"{id} has confirmed reading nothing yet.", JinGong.Domain.ErrorKind.NotFound),
            ReadingRecord.Evolve, ReadingRecordView.From, e => ((PageReadConfirmed)e).OccurredAt);

    public static void ConfigureConfirmations(this StoreOptions options)
    {
        // Inline: a confirmation shows in the reader's pending list and the read rate at the next request.
        options.Projections.Add(new EvolvingProjection<ReadingRecord>(typeof(PageReadConfirmed)), ProjectionLifecycle.Inline);
        options.Events.MapEventType<PageReadConfirmed>("page_read_confirmed_v1");
    }

    public static RouteGroupBuilder MapConfirmations(this RouteGroupBuilder api)
    {
        api.MapGroup("/").WithTag(Tag).MapConfirmReading().MapPendingReadings().MapReadRate();
        return api;
    }
}
