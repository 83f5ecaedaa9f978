using JinGong.Knowledge.Search;

namespace JinGong.Knowledge.Tests.Search;

public sealed class SegmenterTests
{
    [Fact]
    public void chinese_runs_give_every_character_and_every_overlapping_pair()
    {
        Segmenter.DocumentTokens("电池包").Should().Equal("电", "池", "包", "电池", "池包");
        Segmenter.DocumentTokens("宽体车，矿").Should().Equal("宽", "体", "车", "宽体", "体车", "矿");
    }

    [Fact]
    public void a_model_code_is_found_by_its_words_and_by_itself_in_any_case_or_width()
    {
        Segmenter.DocumentTokens("EX-35E 电池").Should().Equal("ex", "35e", "ex-35e", "电", "池", "电池");
        Segmenter.DocumentTokens("ＥＸ－３５Ｅ").Should().Equal("ex", "35e", "ex-35e");
        Segmenter.DocumentTokens("-EX- 282kWh").Should().Equal("ex", "282kwh");
    }

    [Fact]
    public void a_query_needs_the_pairs_of_its_chinese_and_each_word_run_whole()
    {
        Segmenter.QueryTokens(Segmenter.Runs("EX-35E 电池包")).Should().Equal("ex-35e", "电池", "池包");
        Segmenter.QueryTokens(Segmenter.Runs("矿")).Should().Equal("矿");
        Segmenter.Runs("？！…").Should().BeEmpty();
    }

    [Fact]
    public void every_query_token_of_a_string_is_a_token_of_a_text_containing_it()
    {
        const string text = "EX-35E 电池容量 282 kWh，宽体车在矿区作业。";
        var tokens = Segmenter.DocumentTokens($"前言 {text} 结语").ToHashSet();

        foreach (var length in Enumerable.Range(1, text.Length))
        {
            foreach (var start in Enumerable.Range(0, text.Length - length + 1))
            {
                var query = text.Substring(start, length);
                // A piece that cuts a word in two (X-35 of EX-35E) is not a word of the text; Chinese is cut anywhere.
                if (query.Any(char.IsAsciiLetterOrDigit) && (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]) || start + length < text.Length && char.IsAsciiLetterOrDigit(text[start + length])))
                {
                    continue;
                }

                Segmenter.QueryTokens(Segmenter.Runs(query)).Should().BeSubsetOf(tokens, query);
            }
        }
    }
}
