using Marten;

namespace JinGong.EventSourcing.Messaging;

/// <summary>
/// Documents a service keeps as its copy of another service's facts (a roster, a catalogue), written by consumers that
/// run side by side: two facts about one record may both read it before either writes.
/// </summary>
public static class CopiedDocuments
{
    /// <summary>
    /// Writes <paramref name="replacement"/> over <paramref name="known"/>, the document as this session read it (null:
    /// none yet). With optimistic concurrency on the document type, the write is kept only if nobody wrote the record
    /// since it was read; the consumer that lost is retried from its read, where it sees the newer fact.
    /// </summary>
    public static void Replace<T>(this IDocumentSession session, T? known, T replacement)
        where T : class
    {
        if (known is null)
        {
            session.Insert(replacement);
        }
        else
        {
            session.Update(replacement);
        }
    }
}
