using JinGong.Knowledge.Links;

namespace JinGong.Knowledge.Tests.Links;

/// <summary>Links read out of Markdown: to pages and to system records, never out of code.</summary>
public sealed class LinkParserTests
{
    private static IEnumerable<string> Links(string markdown) => LinkParser.Links(markdown).Select(target => target.ToString());

    [Fact]
    public void a_page_links_to_pages_and_mentions_records_bare_or_as_a_link()
    {
        Links("""
              见[考勤制度](page:PAGE-3F9A0C12B7)与 vehicle:JG-MT-0012。
              订单 [ORD](order:ORD-1A2B3C4D5E)，商机 opportunity:OPP-77AA00BB11，车型model:MT-90E；
              """)
            .Should().Equal("page:PAGE-3F9A0C12B7", "vehicle:JG-MT-0012", "order:ORD-1A2B3C4D5E", "opportunity:OPP-77AA00BB11", "model:MT-90E");
    }

    [Fact]
    public void each_target_is_listed_once_its_id_in_capitals_and_its_trailing_punctuation_left_out()
    {
        Links("vehicle:jg-mt-0012, Vehicle:JG-MT-0012. 再提 vehicle:JG-MT-0012...").Should().Equal("vehicle:JG-MT-0012");
        Links("(model:EX-35E)").Should().Equal("model:EX-35E");
    }

    [Fact]
    public void code_spans_and_fenced_code_are_not_links()
    {
        Links("写作 `[x](page:PAGE-A)` 或 ``vehicle:JG-1 ` x`` 即可，但 vehicle:JG-2 是链接。").Should().Equal("vehicle:JG-2");
        Links("""
              ```markdown
              [x](page:PAGE-A) vehicle:JG-1
              ```
              ~~~~
              model:MT-90E
              ```
              still code: order:ORD-1
              ~~~~
              after: order:ORD-2
              """).Should().Equal("order:ORD-2");
        Links("an unclosed ` backtick, then vehicle:JG-3").Should().Equal(["vehicle:JG-3"], "a lone backtick opens no code span");
        Links("```\nunclosed fence vehicle:JG-4").Should().BeEmpty("an unclosed fence runs to the end");
    }

    [Fact]
    public void what_only_looks_like_a_link_is_none()
    {
        Links("subpage:PAGE-A mypage:X airvehicle:JG-1 email:a@b").Should().BeEmpty("a kind is a whole word, and only the five kinds link");
        Links("vehicle: JG-1 and page:").Should().BeEmpty("a target has an id right after its colon");
        Links("https://example.com/page:PAGE-B").Should().Equal("page:PAGE-B");
    }

    [Fact]
    public void a_target_asked_for_is_read_the_way_it_is_written()
    {
        LinkTarget.Parse(" vehicle:jg-mt-0012 ").Should().Be(new LinkTarget(LinkKind.Vehicle, "JG-MT-0012"));
        LinkTarget.Parse("truck:JG-1").Should().BeNull();
        LinkTarget.Parse("vehicle:JG-1 extra").Should().BeNull();
        LinkTarget.Parse(null).Should().BeNull();
    }
}
