namespace JinGong.Knowledge.Pages;

/// <summary>
/// A page as readers see it, with the stream version it was read at: its place in the tree, its title, and one revision
/// (the last published, unless another was asked for); and, for its editors' sake, the version of its draft if it has
/// one (the draft's text is theirs: <c>GET …/draft</c>) and whether it awaits review.
/// </summary>
public sealed record PageView(
    string Id, string SpaceId, string? ParentId, int Position, string Title, Revision? Revision, int Revisions, int? DraftVersion, bool AwaitingReview,
    DateTimeOffset CreatedAt, long Version)
{
    public static PageView From(Page page, long version) => Showing(page, page.Current, version);

    public static PageView Showing(Page page, Revision? revision, long version) =>
        new(page.Id, page.SpaceId, page.ParentId, page.Position, page.Title, revision, page.Revisions.Count, page.Draft?.Version, page.Draft?.Submitted == true,
            page.CreatedAt, version);
}
