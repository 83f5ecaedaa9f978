using JinGong.Knowledge.Spaces;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Spaces;

/// <summary>A space's rules as pure functions: given its events, when a command, then its events or the rule broken.</summary>
public sealed class SpaceDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly DeciderSpecification<CreateSpace, Space> Spec = DeciderSpecification.For<CreateSpace, Space>(SpaceDecider.Decide);

    private static CreateSpace Create(DateTimeOffset? occurredAt = null, params string[] editors) =>
        new("SPACE-1", "产品资料", SpaceKind.ProductMaterials, "每个型号一页", editors.Length == 0 ? ["administrator"] : editors, occurredAt ?? Now, Now);

    [Fact]
    public void a_space_is_created_once_with_its_kind_and_editors()
    {
        Spec.When(Create(Now, "administrator", "fleet-operations"))
            .Then(new SpaceCreated("SPACE-1", "产品资料", SpaceKind.ProductMaterials, "每个型号一页", ["administrator", "fleet-operations"], Now));
        Spec.Given(new SpaceCreated("SPACE-1", "产品资料", SpaceKind.ProductMaterials, null, ["administrator"], Now)).When(Create()).ThenRejects("space-already-created");
    }

    [Fact]
    public void a_space_is_not_created_in_the_future_nor_without_an_editor()
    {
        Spec.When(Create(Now.AddMinutes(1))).ThenRejects("occurred-in-future");
        Spec.When(Create() with { Editors = [] }).ThenRejects("space-without-editors");
    }
}
