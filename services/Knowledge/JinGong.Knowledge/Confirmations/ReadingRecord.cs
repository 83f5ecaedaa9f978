using JasperFx;
using JasperFx.Core;
using JinGong.Domain;

namespace JinGong.Knowledge.Confirmations;

/// <summary>
/// A person confirmed they have read revision <paramref name="Revision"/> of a page [阅读确认]; <paramref name="RecordedBy"/>
/// names the space's administrator who recorded it for them (from a signed sheet), none when they confirmed it themselves.
/// Kept in the person's own stream (<c>reader:{person}</c>). OccurredAt is business time (UTC).
/// </summary>
public sealed record PageReadConfirmed(string PersonId, string PageId, string SpaceId, int Revision, string? RecordedBy, DateTimeOffset OccurredAt);

/// <summary>The last revision of a page a person confirmed reading, and when.</summary>
public sealed record ConfirmedReading(string PageId, string SpaceId, int Revision, DateTimeOffset ConfirmedAt);

/// <summary>What a person has confirmed reading: per page, the last revision they confirmed.</summary>
public sealed record ReadingRecord([property: Identity] string Id, IReadOnlyList<ConfirmedReading> Pages) : IEvolving<ReadingRecord>
{
    public const string StreamPrefix = "reader:";

    /// <summary>The stream of a person's confirmations: ':' is in no person's id, so it is no other stream's.</summary>
    public static string StreamOf(string personId) => StreamPrefix + personId;

    /// <summary>The last revision of page <paramref name="pageId"/> the person confirmed reading (none: never).</summary>
    public int? ConfirmedRevisionOf(string pageId) => Pages.FirstOrDefault(page => page.PageId == pageId)?.Revision;

    [JasperFxIgnore]
    public static ReadingRecord? Evolve(ReadingRecord? state, object @event) => @event switch
    {
        PageReadConfirmed confirmed => (state ?? new ReadingRecord(StreamOf(confirmed.PersonId), [])) with
        {
            Pages =
            [
                .. (state?.Pages ?? []).Where(page => page.PageId != confirmed.PageId),
                new ConfirmedReading(confirmed.PageId, confirmed.SpaceId, confirmed.Revision, confirmed.OccurredAt),
            ],
        },
        _ => throw new UnknownEventException(typeof(ReadingRecord), @event),
    };
}

/// <summary>What a person has confirmed reading, with their stream's version.</summary>
public sealed record ReadingRecordView(IReadOnlyList<ConfirmedReading> Pages, long Version)
{
    public static ReadingRecordView From(ReadingRecord record, long version) => new(record.Pages, version);
}
