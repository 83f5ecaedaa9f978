using System.Text.RegularExpressions;
using JinGong.Orders.Catalogue;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Catalogue;

/// <summary>
/// The models the company sells are named in the reader's language (<c>Accept-Language</c>), in English where the
/// catalogue has no name in it: the Chinese console shows 90吨纯电动宽体矿卡, not "90 t wide-body electric mining truck".
/// </summary>
[Collection(OrdersService.Collection)]
public sealed partial class ModelNameTests(OrdersService orders)
{
    [Fact]
    public async Task the_models_are_named_in_chinese_for_a_chinese_reader_and_in_english_for_any_other()
    {
        var chinese = await orders.Api.ModelNamesAsync("zh-CN,zh;q=0.9,en;q=0.8");
        chinese["MT-90E"].Should().Be("90吨纯电动宽体矿卡");
        chinese["WL-50E"].Should().Be("5吨纯电动轮式装载机");
        chinese["EX-22E"].Should().Be("22吨纯电动挖掘机");
        chinese.Values.Should().OnlyContain(name => Chinese().IsMatch(name), "every model the company sells has its Chinese name");

        foreach (var language in new[] { "en", "en-GB", "fr-FR", null })
        {
            var english = await orders.Api.ModelNamesAsync(language);
            english.Keys.Should().Equal(chinese.Keys, "the same models, in the same order, whatever the language");
            english["MT-90E"].Should().Be("90 t wide-body electric mining truck", $"Accept-Language {language ?? "(none)"} reads English");
            english.Values.Should().NotContain(name => Chinese().IsMatch(name));
        }
    }

    [Fact]
    public void a_model_with_no_name_in_the_readers_language_is_named_in_english()
    {
        var unnamed = new CatalogueModel("LD-1E", "loader", "1 t electric loader");
        var named = unnamed with { Names = new Dictionary<string, string> { ["zh"] = "1吨纯电动装载机" } };

        UiCulture.With("zh-CN", () => unnamed.ForReader().Name).Should().Be("1 t electric loader");
        UiCulture.With("zh-CN", () => named.ForReader().Name).Should().Be("1吨纯电动装载机");
        UiCulture.With("en", () => named.ForReader().Name).Should().Be("1 t electric loader");
    }

    [Fact]
    public void a_name_in_a_language_the_api_does_not_answer_in_is_refused_when_the_catalogue_is_read()
    {
        var misspelt = new CatalogueModel("LD-1E", "loader", "1 t electric loader", new Dictionary<string, string> { ["cn"] = "1吨纯电动装载机" });

        var reading = () => new ProductCatalogue([misspelt]);

        reading.Should().Throw<InvalidOperationException>().WithMessage("*LD-1E*'cn'*");
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
