using JinGong.Orders.Catalogue;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Catalogue;

/// <summary>A model's place in the catalogue as a pure function: given its events, when a command, then events or the rule broken.</summary>
public sealed class CatalogueDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> Chinese = new() { ["zh"] = "90吨纯电动宽体矿卡" };

    private static readonly ModelListed Listed = new("MT-90E", "mining-truck", "90 t wide-body electric mining truck", Chinese, Now.AddDays(-30));

    private static readonly ModelWithdrawn Withdrawn = new("MT-90E", "replaced by the MT-120E", Now.AddDays(-10));

    private static DeciderSpecification<CatalogueCommand, CatalogueModel> NoModel =>
        DeciderSpecification.For<CatalogueCommand, CatalogueModel>(CatalogueDecider.Decide);

    private static DeciderSpecification<CatalogueCommand, CatalogueModel> OnSale => NoModel.Given(Listed);

    private static DeciderSpecification<CatalogueCommand, CatalogueModel> WithdrawnFromSale => OnSale.Given(Withdrawn);

    private static ListModel List(
        string category = "mining-truck", string name = "90 t wide-body electric mining truck", IReadOnlyDictionary<string, string>? names = null,
        DateTimeOffset? occurredAt = null, bool fromSettings = false) =>
        new("MT-90E", category, name, names ?? Chinese, occurredAt ?? Now, Now, fromSettings);

    private static WithdrawModel Withdraw(DateTimeOffset? occurredAt = null) => new("MT-90E", "replaced by the MT-120E", occurredAt ?? Now, Now);

    [Fact]
    public void a_model_is_listed_with_its_category_and_names_and_never_in_the_future()
    {
        NoModel.When(List(occurredAt: Listed.OccurredAt)).Then(Listed);
        OnSale.State.Should().BeEquivalentTo(new { Id = "model:MT-90E", Model = "MT-90E", Category = "mining-truck", Names = Chinese, Listed = true, WithdrawalReason = (string?)null });
        NoModel.When(List(occurredAt: Now.AddMinutes(1))).ThenRejects("occurred-in-future");
    }

    [Fact]
    public void listing_a_model_again_under_other_names_or_another_category_changes_it_and_as_it_is_changes_nothing()
    {
        var renamed = new Dictionary<string, string> { ["zh"] = "90吨宽体电动矿卡" };
        OnSale.When(List(names: renamed)).Then(new ModelListingChanged("MT-90E", "mining-truck", "90 t wide-body electric mining truck", renamed, Now));
        OnSale.When(List(name: "90 t electric mining truck")).Then(new ModelListingChanged("MT-90E", "mining-truck", "90 t electric mining truck", Chinese, Now));
        OnSale.When(List(category: "truck")).Then(new ModelListingChanged("MT-90E", "truck", "90 t wide-body electric mining truck", Chinese, Now));
        OnSale.When(List(names: new Dictionary<string, string>())).Then(new ModelListingChanged("MT-90E", "mining-truck", "90 t wide-body electric mining truck", new Dictionary<string, string>(), Now));
        OnSale.Given(new ModelListingChanged("MT-90E", "mining-truck", "90 t wide-body electric mining truck", renamed, Now.AddDays(-1))).State!.Names.Should().Equal(renamed);

        OnSale.When(List(names: new Dictionary<string, string> { ["zh"] = "90吨纯电动宽体矿卡" })).Then();
        // Done already: even a time before its last event is no reason to refuse what changes nothing.
        OnSale.When(List(occurredAt: Now.AddDays(-40))).Then();
        OnSale.When(List(names: renamed, occurredAt: Now.AddDays(-40))).ThenRejects("occurred-before-previous-event");
    }

    [Fact]
    public void a_withdrawn_model_is_withdrawn_for_its_reason_once_and_listed_again_under_the_names_given()
    {
        OnSale.When(Withdraw()).Then(new ModelWithdrawn("MT-90E", "replaced by the MT-120E", Now));
        WithdrawnFromSale.State.Should().BeEquivalentTo(new { Listed = false, WithdrawalReason = "replaced by the MT-120E", LastOccurredAt = Withdrawn.OccurredAt });
        WithdrawnFromSale.When(Withdraw()).Then();
        OnSale.When(Withdraw(Now.AddDays(-40))).ThenRejects("occurred-before-previous-event");

        WithdrawnFromSale.When(List()).Then(new ModelListed("MT-90E", "mining-truck", "90 t wide-body electric mining truck", Chinese, Now));
        WithdrawnFromSale.When(List(names: new Dictionary<string, string>())).Then(new ModelListed("MT-90E", "mining-truck", "90 t wide-body electric mining truck", new Dictionary<string, string>(), Now));
        WithdrawnFromSale.Given(new ModelListed("MT-90E", "mining-truck", "90 t wide-body electric mining truck", Chinese, Now)).State
            .Should().BeEquivalentTo(new { Listed = true, WithdrawalReason = (string?)null, LastOccurredAt = Now });
        WithdrawnFromSale.When(List(occurredAt: Now.AddDays(-20))).ThenRejects("occurred-before-previous-event");
    }

    [Fact]
    public void only_a_model_the_catalogue_has_listed_is_withdrawn()
    {
        var refused = NoModel.When(Withdraw()).ThenRejects("model-not-found");
        refused.Detail.Should().Contain("MT-90E");
    }

    [Fact]
    public void a_name_under_a_language_the_api_does_not_answer_in_is_refused_naming_the_model_and_the_language()
    {
        var misspelt = new Dictionary<string, string> { ["cn"] = "90吨纯电动宽体矿卡" };
        NoModel.When(List(names: misspelt)).ThenRejects("name-in-unknown-language").Detail.Should().Contain("MT-90E").And.Contain("'cn'").And.Contain("zh");
        OnSale.When(List(names: misspelt)).ThenRejects("name-in-unknown-language");
        NoModel.When(List(names: new Dictionary<string, string> { ["en"] = "English is its name" })).ThenRejects("name-in-unknown-language");
    }

    [Fact]
    public void a_model_of_the_settings_is_listed_only_when_the_catalogue_never_held_it_so_the_settings_undo_nothing()
    {
        NoModel.When(List(occurredAt: Listed.OccurredAt, fromSettings: true)).Then(Listed);
        OnSale.When(List(names: new Dictionary<string, string> { ["zh"] = "90吨宽体电动矿卡" }, fromSettings: true)).Then();
        WithdrawnFromSale.When(List(fromSettings: true)).Then();
        NoModel.When(List(names: new Dictionary<string, string> { ["cn"] = "90吨纯电动宽体矿卡" }, fromSettings: true)).ThenRejects("name-in-unknown-language");
    }

    [Fact]
    public void new_opportunities_and_orders_name_only_models_the_catalogue_lists()
    {
        CatalogueDecider.Unsold(["MT-90E"], CatalogueRecords.Sold).Should().BeNull();
        CatalogueDecider.Unsold([], CatalogueRecords.Sold).Should().BeNull();

        var withdrawn = CatalogueDecider.Unsold(["MT-90E", "EX-12E"], CatalogueRecords.Sold)!;
        (withdrawn.Rule, withdrawn.Kind).Should().Be(("model-withdrawn", JinGong.Domain.ErrorKind.Unprocessable));
        withdrawn.Detail.Should().Contain("EX-12E").And.Contain("replaced by the EX-22E");

        var unknown = CatalogueDecider.Unsold(["TANK-1"], CatalogueRecords.Sold)!;
        (unknown.Rule, unknown.Kind).Should().Be(("model-not-in-catalogue", JinGong.Domain.ErrorKind.Unprocessable));
        unknown.Detail.Should().Contain("TANK-1");
    }

    [Fact]
    public void a_model_with_no_name_in_the_readers_language_is_named_in_english()
    {
        var unnamed = new[] { new ModelListed("LD-1E", "loader", "1 t electric loader", new Dictionary<string, string>(), Now) }.Fold<CatalogueModel>()!;
        var named = unnamed.After(new ModelListingChanged("LD-1E", "loader", "1 t electric loader", new Dictionary<string, string> { ["zh"] = "1吨纯电动装载机" }, Now));

        UiCulture.With("zh-CN", () => unnamed.ForReader().Name).Should().Be("1 t electric loader");
        UiCulture.With("zh-CN", () => named.ForReader()).Should().Be(new ProductModel("LD-1E", "loader", "1吨纯电动装载机"));
        UiCulture.With("en", () => named.ForReader().Name).Should().Be("1 t electric loader");
    }
}
