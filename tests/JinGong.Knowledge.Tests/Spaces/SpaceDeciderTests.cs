using JinGong.Domain;
using JinGong.Knowledge.Spaces;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Spaces;

/// <summary>A space's rules as pure functions: given its events, when a command, then its events or the rule broken.</summary>
public sealed class SpaceDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly DeciderSpecification<SpaceCommand, Space> Spec = DeciderSpecification.For<SpaceCommand, Space>(SpaceDecider.Decide);
    private static readonly SpaceCreated Opened = new("SPACE-1", "规章制度", SpaceKind.Rules, null, ["executive"], Now.AddDays(-3));
    private static readonly Grantee Finance = new(GranteeKind.Team, "finance");

    private static CreateSpace Create(DateTimeOffset? occurredAt = null, params string[] editors) =>
        new("SPACE-1", "产品资料", SpaceKind.ProductMaterials, "每个型号一页", editors.Length == 0 ? ["administrator"] : editors, occurredAt ?? Now, Now);

    [Fact]
    public void a_space_is_created_once_with_its_kind_and_editors()
    {
        Spec.When(Create(Now, "administrator", "fleet-operations"))
            .Then(new SpaceCreated("SPACE-1", "产品资料", SpaceKind.ProductMaterials, "每个型号一页", ["administrator", "fleet-operations"], Now));
        Spec.Given(Opened).State!.Grants.Should().Equal(new Grant(Grantee.Everyone, AccessLevel.Read), new Grant(Grantee.Role("executive"), AccessLevel.Edit));
        Spec.Given(new SpaceCreated("SPACE-1", "产品资料", SpaceKind.ProductMaterials, null, ["administrator"], Now)).When(Create()).ThenRejects("space-already-created");
    }

    [Fact]
    public void a_space_is_not_created_in_the_future_nor_without_an_editor()
    {
        Spec.When(Create(Now.AddMinutes(1))).ThenRejects("occurred-in-future");
        Spec.When(Create() with { Editors = [] }).ThenRejects("space-without-editors");
    }

    [Fact]
    public void a_space_administrator_grants_and_withdraws_levels_to_everyone_roles_teams_and_regions()
    {
        Spec.Given(Opened).When(new ChangeSpaceAccess("SPACE-1", Finance, AccessLevel.Approve, AccessLevel.Administer, Now, Now))
            .Then(new SpaceAccessChanged("SPACE-1", Finance, AccessLevel.Approve, Now));
        var restricted = Spec.Given(Opened, new SpaceAccessChanged("SPACE-1", Finance, AccessLevel.Approve, Now), new SpaceAccessChanged("SPACE-1", Grantee.Everyone, AccessLevel.None, Now)).State!;
        restricted.Grants.Should().Equal(new Grant(Grantee.Role("executive"), AccessLevel.Edit), new Grant(Finance, AccessLevel.Approve));
        Spec.Given(Opened).When(new ChangeSpaceAccess("SPACE-1", Grantee.Everyone, AccessLevel.Read, AccessLevel.Administer, Now, Now)).ThenRejects("access-unchanged");
        Spec.Given(Opened).When(new ChangeSpaceAccess("SPACE-1", Finance, AccessLevel.None, AccessLevel.Administer, Now, Now)).ThenRejects("access-unchanged");
        Spec.Given(Opened).When(new ChangeSpaceAccess("SPACE-1", Finance, AccessLevel.Read, AccessLevel.Administer, Now.AddDays(-4), Now)).ThenRejects("occurred-before-previous-event");
    }

    [Fact]
    public void only_a_space_administrator_changes_its_access_and_who_cannot_read_it_does_not_learn_it_is_there()
    {
        Spec.Given(Opened).When(new ChangeSpaceAccess("SPACE-1", Finance, AccessLevel.Read, AccessLevel.Approve, Now, Now)).ThenRejects("not-a-space-administrator")
            .Kind.Should().Be(ErrorKind.Forbidden);
        Spec.Given(Opened).When(new ChangeSpaceAccess("SPACE-1", Finance, AccessLevel.Read, AccessLevel.None, Now, Now)).ThenRejects("space-not-found")
            .Kind.Should().Be(ErrorKind.NotFound);
        Spec.When(new ChangeSpaceAccess("SPACE-9", Finance, AccessLevel.Read, AccessLevel.Administer, Now, Now)).ThenRejects("space-not-found");
    }

    [Fact]
    public void a_space_of_deals_names_its_region_and_is_closed_to_whoever_is_bound_to_another()
    {
        var deals = new CreateSpace("SPACE-2", "华东商机文档", SpaceKind.Deals, null, ["sales-rep", "regional-manager"], Now, Now, "east");
        Spec.When(deals).Then(new SpaceCreated("SPACE-2", "华东商机文档", SpaceKind.Deals, null, ["sales-rep", "regional-manager"], Now, "east"));
        Spec.When(deals with { Region = null }).ThenRejects("region-of-deals-only").Kind.Should().Be(ErrorKind.Unprocessable);
        Spec.When(Create() with { Region = "east" }).ThenRejects("region-of-deals-only");

        var space = Spec.Given(new SpaceCreated("SPACE-2", "华东商机文档", SpaceKind.Deals, null, ["sales-rep"], Now, "east")).State!;
        new Reader("p1", ["sales-rep"], null, "east").LevelIn(space).Should().Be(AccessLevel.Edit);
        new Reader("p2", ["sales-rep"], null, "north").LevelIn(space).Should().Be(AccessLevel.None, "a rep of another region is bound to theirs, whatever the grants say");
        new Reader("p3", ["sales-rep", "regional-manager"], null, "north").LevelIn(space).Should().Be(AccessLevel.None);
        new Reader("p4", ["sales-rep", "finance"], null, "north").LevelIn(space).Should().Be(AccessLevel.Edit, "a finance clerk acts in every region");
        new Reader("p5", ["executive"], null, null).LevelIn(space).Should().Be(AccessLevel.Read);
    }

    [Fact]
    public void a_reader_holds_the_highest_level_of_every_grant_they_fall_under_and_administrators_every_level()
    {
        var space = Spec.Given(
            Opened,
            new SpaceAccessChanged("SPACE-1", Finance, AccessLevel.Approve, Now),
            new SpaceAccessChanged("SPACE-1", new Grantee(GranteeKind.Region, "east"), AccessLevel.Edit, Now),
            new SpaceAccessChanged("SPACE-1", Grantee.Everyone, AccessLevel.None, Now)).State!;
        new Reader("p1", ["sales-rep"], "finance", "east").LevelIn(space).Should().Be(AccessLevel.Approve);
        new Reader("p2", ["sales-rep"], "north-sales", "east").LevelIn(space).Should().Be(AccessLevel.Edit);
        new Reader("p3", ["executive"], null, null).LevelIn(space).Should().Be(AccessLevel.Edit);
        new Reader("p4", ["sales-rep"], "north-sales", "north").LevelIn(space).Should().Be(AccessLevel.None);
        new Reader("p5", ["administrator"], null, null).LevelIn(space).Should().Be(AccessLevel.Administer);
        new Reader("p4", ["sales-rep"], "north-sales", "north").LevelIn(Spec.Given(Opened).State!).Should().Be(AccessLevel.Read);
    }

    [Fact]
    public void a_space_administrator_says_whether_its_revisions_are_reviewed()
    {
        Spec.Given(Opened).When(new RequireReview("SPACE-1", true, AccessLevel.Administer, Now, Now)).Then(new SpaceReviewChanged("SPACE-1", true, Now));
        Spec.Given(Opened, new SpaceReviewChanged("SPACE-1", true, Now)).State!.ReviewRequired.Should().BeTrue();
        Spec.Given(Opened).When(new RequireReview("SPACE-1", false, AccessLevel.Administer, Now, Now)).ThenRejects("review-unchanged");
        Spec.Given(Opened).When(new RequireReview("SPACE-1", true, AccessLevel.Approve, Now, Now)).ThenRejects("not-a-space-administrator");
    }

    [Fact]
    public void a_space_administrator_asks_teams_to_confirm_reading_its_pages_and_changes_which()
    {
        var ask = new RequireReadConfirmation("SPACE-1", ["finance", "dispatch"], AccessLevel.Administer, Now, Now);
        Spec.Given(Opened).When(ask).Then(new SpaceReadConfirmationChanged("SPACE-1", ["finance", "dispatch"], Now));
        var asked = new SpaceReadConfirmationChanged("SPACE-1", ["finance", "dispatch"], Now);
        Spec.Given(Opened, asked).State!.ConfirmingTeams.Should().Equal("finance", "dispatch");
        Spec.Given(Opened, asked).When(ask with { Teams = ["dispatch", "finance"] }).ThenRejects("read-confirmation-unchanged");
        Spec.Given(Opened, asked).When(ask with { Teams = [] }).Then(new SpaceReadConfirmationChanged("SPACE-1", [], Now));
        Spec.Given(Opened).When(ask with { Teams = [] }).ThenRejects("read-confirmation-unchanged");
        Spec.Given(Opened).When(ask with { AskedBy = AccessLevel.Edit }).ThenRejects("not-a-space-administrator");
        Spec.Given(Opened).When(ask with { AskedBy = AccessLevel.None }).ThenRejects("space-not-found");
    }
}

/// <summary>A space's document as stored before a field was added still reads.</summary>
public sealed class StoredSpaceTests
{
    [Fact]
    public void a_space_stored_before_teams_were_asked_to_confirm_reading_reads_as_asking_none()
    {
        const string stored = """
            {"id":"SPACE-1","name":"规章制度","kind":"Rules","description":null,"grants":[],"reviewRequired":false,
             "createdAt":"2026-01-01T00:00:00Z","lastOccurredAt":"2026-01-01T00:00:00Z"}
            """;
        var space = System.Text.Json.JsonSerializer.Deserialize<Space>(stored, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        })!;
        space.ConfirmingTeams.Should().BeEmpty();
        SpaceView.From(space, 1).ConfirmingTeams.Should().BeEmpty();
    }
}
