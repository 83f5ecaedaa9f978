using System.Net;
using JinGong.Knowledge.Spaces;
using JinGong.Knowledge.Templates;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Templates;

/// <summary>A space offers the templates of its kind of page, in the company's words.</summary>
[Collection(KnowledgeService.Collection)]
public sealed class TemplateApiTests(KnowledgeService knowledge)
{
    [Theory]
    [InlineData("Rules", new[] { "目的", "适用范围", "规定", "责任部门", "生效日期" })]
    [InlineData("ProductMaterials", new[] { "型号", "主要参数", "电池与续航", "适用工况", "试用数据" })]
    [InlineData("MarketingToolkit", new[] { "场景", "客户痛点", "话术", "方案", "报价" })]
    [InlineData("IndustryNews", new[] { "来源", "摘要", "对我司的影响" })]
    public async Task a_space_offers_the_templates_of_its_kind_with_its_headings_in_order(string kind, string[] headings)
    {
        var space = await knowledge.CreateSpaceAsync("模板", kind);
        var templates = await knowledge.GetOkAsync($"/api/knowledge/spaces/{space}/templates");
        templates.GetProperty("kind").GetString().Should().Be(kind);
        var template = templates.GetProperty("templates").EnumerateArray().Single();
        template.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        template.GetProperty("body").GetString()!.Split('\n').Where(line => line.StartsWith("## ", StringComparison.Ordinal)).Select(line => line[3..].Trim())
            .Should().Equal(headings);
    }

    [Fact]
    public void every_kind_of_space_has_a_template() =>
        Enum.GetValues<SpaceKind>().Where(kind => PageTemplates.For(kind).Count == 0).Should().BeEmpty();

    [Fact]
    public async Task a_space_that_does_not_exist_has_no_templates() =>
        await (await knowledge.Api.GetAsync("/api/knowledge/spaces/SPACE-NONE/templates")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "space-not-found");
}
