namespace JinGong.Contracts.Knowledge;

/// <summary>
/// A page of the knowledge base reads differently from now on: revision <paramref name="Revision"/> was published (or an
/// old one restored as it), by <paramref name="Author"/>. For the group chat and any other channel that tells people.
/// Version 1.
/// </summary>
public sealed record KnowledgePagePublished(string PageId, string SpaceId, string Title, int Revision, string Author, DateTimeOffset OccurredAt);
