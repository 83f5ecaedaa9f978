using System.Text.RegularExpressions;
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

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
