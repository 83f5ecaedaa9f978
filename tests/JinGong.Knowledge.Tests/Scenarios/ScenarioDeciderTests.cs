using JinGong.Domain;
using JinGong.Knowledge.Catalogue;
using JinGong.Knowledge.Scenarios;
using JinGong.Knowledge.Spaces;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Scenarios;

/// <summary>A scenario's rules as pure functions: given its events, when a command, then its events or the rule broken.</summary>
public sealed class ScenarioDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private static readonly DeciderSpecification<ScenarioCommand, Scenario> Spec = DeciderSpecification.For<ScenarioCommand, Scenario>(ScenarioDecider.Decide);
    private static readonly SolutionTeams Teams = new("technical", "brand", "marketing");
    private static readonly ScenarioAccess Approver = new(AccessLevel.Approve, "management");
    private static readonly ScenarioAccess Technical = new(AccessLevel.Edit, "technical");
    private static readonly ScenarioDefined Defined = new("SCN-1", "SPACE-1", "露天煤矿", "北方露天煤矿的剥离与运煤", Teams, "chen.li", Now.AddDays(-10));
    private static readonly ConditionTerms Stripping = new("剥离重载上坡", 3.5m, 8m, 60m, "剥离物", Climate.Cold);
    private static readonly WorkingConditionAdded Added = new("SCN-1", "SCN-1-C1", Stripping, Now.AddDays(-9));
    private static readonly CatalogueEntry Listed = new("MT-90E", "Mining truck", "90 t electric wide-body mining truck", new Dictionary<string, string>(), true, Now.AddDays(-30));

    private static DefineScenario Define(SpaceKind? kind = SpaceKind.Solutions, ScenarioAccess? access = null, DateTimeOffset? occurredAt = null) =>
        new("SCN-1", "SPACE-1", kind, "露天煤矿", null, Teams, "chen.li", access ?? Approver, occurredAt ?? Now, Now);

    private static RecommendModel Recommend(CatalogueEntry? listing, ScenarioAccess? access = null, string condition = "SCN-1-C1") =>
        new("SCN-1", condition, "MT-90E", listing, "重载上坡能量回收，电耗低", "wang.wei", access ?? Technical, Now, Now);

    [Fact]
    public void an_approver_of_a_space_of_solutions_defines_a_scenario_once()
    {
        Spec.When(Define()).Then(new ScenarioDefined("SCN-1", "SPACE-1", "露天煤矿", null, Teams, "chen.li", Now));
        Spec.Given(Defined).When(Define()).ThenRejects("scenario-already-defined");
        Spec.When(Define(occurredAt: Now.AddMinutes(1))).ThenRejects("occurred-in-future");
    }

    [Fact]
    public void a_scenario_is_defined_only_in_a_space_of_solutions_the_caller_approves_in()
    {
        Spec.When(Define(SpaceKind.ProductMaterials)).ThenRejects("not-a-solutions-space").Kind.Should().Be(ErrorKind.Unprocessable);
        Spec.When(Define(access: Technical)).ThenRejects("not-a-space-approver").Kind.Should().Be(ErrorKind.Forbidden);
        // No such space, or one the caller may not read: not there.
        Spec.When(Define(kind: null)).ThenRejects("space-not-found");
        Spec.When(Define(access: new(AccessLevel.None, "technical"))).ThenRejects("space-not-found");
    }

    [Fact]
    public void its_technical_team_adds_and_revises_working_conditions_each_named_once()
    {
        Spec.Given(Defined).When(new AddWorkingCondition("SCN-1", Stripping, Technical, Now, Now)).Then(new WorkingConditionAdded("SCN-1", "SCN-1-C1", Stripping, Now));
        var second = Stripping with { Name = "运煤平路", GradientPercent = 1m };
        Spec.Given(Defined, Added).When(new AddWorkingCondition("SCN-1", second, Approver, Now, Now)).Then(new WorkingConditionAdded("SCN-1", "SCN-1-C2", second, Now));
        Spec.Given(Defined, Added).When(new AddWorkingCondition("SCN-1", Stripping with { PayloadTonnes = 90m }, Technical, Now, Now)).ThenRejects("condition-already-there");

        var measured = Stripping with { HaulDistanceKm = 4.2m };
        Spec.Given(Defined, Added).When(new ReviseWorkingCondition("SCN-1", "SCN-1-C1", measured, Technical, Now, Now))
            .Then(new WorkingConditionRevised("SCN-1", "SCN-1-C1", measured, Now));
        Spec.Given(Defined, Added, new WorkingConditionRevised("SCN-1", "SCN-1-C1", measured, Now)).State!.ConditionOf("SCN-1-C1")!.Terms.Should().Be(measured);
        Spec.Given(Defined, Added).When(new ReviseWorkingCondition("SCN-1", "SCN-1-C1", Stripping, Technical, Now, Now)).ThenRejects("condition-unchanged");
        Spec.Given(Defined, Added).When(new ReviseWorkingCondition("SCN-1", "SCN-1-C9", measured, Technical, Now, Now)).ThenRejects("condition-not-found");
        Spec.Given(Defined, Added, new WorkingConditionAdded("SCN-1", "SCN-1-C2", Stripping with { Name = "运煤平路" }, Now.AddDays(-8)))
            .When(new ReviseWorkingCondition("SCN-1", "SCN-1-C2", Stripping, Technical, Now, Now)).ThenRejects("condition-already-there");
    }

    [Fact]
    public void other_teams_and_readers_do_not_keep_a_scenario_and_who_cannot_read_its_space_does_not_learn_it_is_there()
    {
        Spec.Given(Defined).When(new AddWorkingCondition("SCN-1", Stripping, new(AccessLevel.Edit, "brand"), Now, Now)).ThenRejects("not-the-technical-team")
            .Kind.Should().Be(ErrorKind.Forbidden);
        Spec.Given(Defined).When(new AddWorkingCondition("SCN-1", Stripping, new(AccessLevel.Read, "technical"), Now, Now)).ThenRejects("not-the-technical-team");
        Spec.Given(Defined).When(new AddWorkingCondition("SCN-1", Stripping, new(AccessLevel.None, "technical"), Now, Now)).ThenRejects("scenario-not-found")
            .Kind.Should().Be(ErrorKind.NotFound);
        Spec.When(new AddWorkingCondition("SCN-9", Stripping, Approver, Now, Now)).ThenRejects("scenario-not-found");
        Spec.Given(Defined).When(new AddWorkingCondition("SCN-1", Stripping, Technical, Now.AddDays(-11), Now)).ThenRejects("occurred-before-previous-event");
    }

    [Fact]
    public void a_model_the_catalogue_lists_is_recommended_once_per_condition_and_withdrawn_with_a_reason()
    {
        Spec.Given(Defined, Added).When(Recommend(Listed)).Then(new ModelRecommended("SCN-1", "SCN-1-C1", "MT-90E", "重载上坡能量回收，电耗低", "wang.wei", Now));
        var recommended = new ModelRecommended("SCN-1", "SCN-1-C1", "MT-90E", "重载上坡能量回收，电耗低", "wang.wei", Now.AddDays(-1));
        Spec.Given(Defined, Added, recommended).State!.ConditionOf("SCN-1-C1")!.Recommendations.Should()
            .Equal(new Recommendation("MT-90E", "重载上坡能量回收，电耗低", "wang.wei", Now.AddDays(-1)));
        Spec.Given(Defined, Added, recommended).When(Recommend(Listed)).ThenRejects("model-already-recommended");
        Spec.Given(Defined, Added).When(Recommend(Listed, condition: "SCN-1-C9")).ThenRejects("condition-not-found");
        Spec.Given(Defined, Added).When(Recommend(Listed, new(AccessLevel.Edit, "marketing"))).ThenRejects("not-the-technical-team");

        var withdraw = new WithdrawRecommendation("SCN-1", "SCN-1-C1", "MT-90E", "试用中爬坡电耗超出预期", "wang.wei", Technical, Now, Now);
        Spec.Given(Defined, Added, recommended).When(withdraw).Then(new RecommendationWithdrawn("SCN-1", "SCN-1-C1", "MT-90E", "试用中爬坡电耗超出预期", "wang.wei", Now));
        Spec.Given(Defined, Added, recommended, new RecommendationWithdrawn("SCN-1", "SCN-1-C1", "MT-90E", "试用中爬坡电耗超出预期", "wang.wei", Now))
            .State!.ConditionOf("SCN-1-C1")!.Recommendations.Should().BeEmpty();
        Spec.Given(Defined, Added).When(withdraw).ThenRejects("recommendation-not-found").Kind.Should().Be(ErrorKind.NotFound);
    }

    [Fact]
    public void a_model_never_listed_or_withdrawn_from_the_catalogue_is_not_recommended()
    {
        Spec.Given(Defined, Added).When(Recommend(null)).ThenRejects("model-not-in-catalogue").Kind.Should().Be(ErrorKind.Unprocessable);
        Spec.Given(Defined, Added).When(Recommend(Listed with { Listed = false })).ThenRejects("model-withdrawn");
    }
}
