using JasperFx.Events;
using JinGong.Knowledge.Pages;
using JinGong.Knowledge.Records;

namespace JinGong.Knowledge.Deals;

/// <summary>
/// A deal's timeline [一篇文档伴随整个流程]: every step of its opportunity, of the orders placed from it and of its process
/// document, from whichever service told it, in business-time order (steps at the same moment in the order they were noted).
/// </summary>
public static class DealTimeline
{
    public static IReadOnlyList<DealStep> Of(OpportunityRecord? opportunity, IEnumerable<OrderRecord> orders, IEnumerable<IEvent> document) =>
        [.. (opportunity?.Steps ?? [])
            .Concat(orders.SelectMany(order => order.Steps))
            .Concat(document.Select(DocumentStep).OfType<DealStep>())
            .Select((step, noted) => (Step: step, Noted: noted))
            .OrderBy(entry => entry.Step.At).ThenBy(entry => entry.Noted)
            .Select(entry => entry.Step)];

    /// <summary>What an event of the process document is on the deal's timeline; none for its drafts, renamings and moves.</summary>
    private static DealStep? DocumentStep(IEvent @event) => @event.Data switch
    {
        PageCreated created => new(DealSteps.DocumentOpened, created.OccurredAt, "knowledge", created.PageId, null, null, @event.Id, @event.CorrelationId),
        PageRevisionPublished published => new(
            DealSteps.RevisionPublished, published.OccurredAt, "knowledge", $"{published.Revision}: {published.Title} ({published.Author})", null, null, @event.Id, @event.CorrelationId),
        PageRevisionRestored restored => new(
            DealSteps.RevisionPublished, restored.OccurredAt, "knowledge", $"{restored.Revision} = {restored.RestoredFrom}: {restored.Title} ({restored.Author})", null, null,
            @event.Id, @event.CorrelationId),
        ProposalSent sent => new(DealSteps.ProposalSent, sent.OccurredAt, "knowledge", $"{sent.Revision} → {sent.Recipient} ({sent.SentBy})", null, null, @event.Id, @event.CorrelationId),
        _ => null,
    };
}
