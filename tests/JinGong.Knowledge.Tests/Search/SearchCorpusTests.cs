using System.Diagnostics;
using System.Net;
using System.Text.Json;
using JinGong.Knowledge.Search;
using JinGong.Testing;
using Xunit.Abstractions;

namespace JinGong.Knowledge.Tests.Search;

/// <summary>
/// Chinese search proven on a corpus of short pages (Search/corpus.json: rules, product sheets, talk tracks, news in
/// Chinese with model codes): every string of 2, 3, 4 or 8 Chinese characters taken from it finds exactly the pages that
/// contain it, mixed queries work, results are ranked and their matches marked.
/// </summary>
[Collection(KnowledgeService.Collection)]
public sealed class SearchCorpusTests(KnowledgeService knowledge, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static (string Space, Dictionary<string, CorpusPage> Pages)? loaded;

    private sealed record CorpusPage(string Title, string Body);

    private static readonly IReadOnlyList<CorpusPage> Corpus =
        JsonSerializer.Deserialize<List<CorpusPage>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Search", "corpus.json")), JsonSerializerOptions.Web)!;

    /// <summary>How many queries of each length the recall test sends, spread over the corpus (every one, when there are fewer).</summary>
    private const int QueriesPerLength = 150;

    private Dictionary<string, CorpusPage> pages = [];
    private string space = string.Empty;

    /// <summary>The corpus is written once, in a space of its own, for every test of the class.</summary>
    public async Task InitializeAsync()
    {
        await Loading.WaitAsync();
        try
        {
            if (loaded is null)
            {
                var made = await knowledge.CreateSpaceAsync("搜索语料", "ProductMaterials");
                var written = new Dictionary<string, CorpusPage>();
                foreach (var page in Corpus)
                {
                    written[await knowledge.CreatePageIdAsync(made, page.Title, page.Body)] = page;
                }

                loaded = (made, written);
            }

            (space, pages) = loaded.Value;
        }
        finally
        {
            Loading.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task every_chinese_string_of_the_corpus_finds_exactly_the_pages_that_contain_it()
    {
        var timings = new Dictionary<int, List<double>>();
        var wrong = new List<string>();
        var sent = 0;
        foreach (var length in new[] { 2, 3, 4, 8 })
        {
            var queries = Corpus.SelectMany(page => ChineseRuns(page.Title).Concat(ChineseRuns(page.Body)))
                .SelectMany(run => Enumerable.Range(0, Math.Max(0, run.Length - length + 1)).Select(start => run.Substring(start, length)))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            var sample = queries.Where((_, index) => index % Math.Max(1, queries.Count / QueriesPerLength) == 0).ToList();
            sample.Should().NotBeEmpty($"the corpus has strings of {length} Chinese characters");
            timings[length] = [];
            foreach (var query in sample)
            {
                var watch = Stopwatch.StartNew();
                var found = await SearchAsync(query);
                timings[length].Add(watch.Elapsed.TotalMilliseconds);
                sent++;
                var expected = pages.Where(page => page.Value.Title.Contains(query, StringComparison.Ordinal) || page.Value.Body.Contains(query, StringComparison.Ordinal))
                    .Select(page => page.Key).Order(StringComparer.Ordinal);
                var got = found.GetProperty("items").EnumerateArray().Select(hit => hit.GetProperty("pageId").GetString()!).Order(StringComparer.Ordinal);
                if (!got.SequenceEqual(expected))
                {
                    wrong.Add($"{query}: found {string.Join(",", got)}, contained in {string.Join(",", expected)}");
                }
            }
        }

        foreach (var (length, measured) in timings)
        {
            measured.Sort();
            output.WriteLine($"{length} characters: {measured.Count} queries, p50 {measured[measured.Count / 2]:0.0} ms, p99 {measured[(int)Math.Ceiling(measured.Count * 0.99) - 1]:0.0} ms");
        }

        output.WriteLine($"{sent} queries over {Corpus.Count} pages; {sent - wrong.Count} found exactly the pages containing them");
        wrong.Should().BeEmpty("recall and precision are 100 % on the corpus");
    }

    [Fact]
    public async Task a_mixed_query_finds_the_pages_holding_every_word_best_first_with_its_matches_marked()
    {
        var found = await SearchAsync("EX-35E 电池");

        var hits = found.GetProperty("items").EnumerateArray().ToList();
        hits.Select(hit => hit.GetProperty("title").GetProperty("text").GetString()).Should().BeEquivalentTo("EX-35E 电池维护手册", "EX-35E 电动挖掘机产品资料");
        hits[0].GetProperty("title").GetProperty("text").GetString().Should().Be("EX-35E 电池维护手册", "its title and text name both words most often");
        hits[0].GetProperty("score").GetInt32().Should().BeGreaterThan(hits[1].GetProperty("score").GetInt32());
        var snippet = hits[1].GetProperty("snippet");
        var text = snippet.GetProperty("text").GetString()!;
        snippet.GetProperty("highlights").EnumerateArray().Select(mark => text.Substring(mark.GetProperty("start").GetInt32(), mark.GetProperty("length").GetInt32()))
            .Should().BeEquivalentTo(["EX-35E", "电池"]);
        var title = hits[0].GetProperty("title");
        title.GetProperty("highlights").EnumerateArray().Select(mark => title.GetProperty("text").GetString()!.Substring(mark.GetProperty("start").GetInt32(), mark.GetProperty("length").GetInt32()))
            .Should().Equal("EX-35E", "电池");
    }

    [Fact]
    public async Task a_query_in_another_case_or_width_finds_the_same_and_one_without_a_match_finds_nothing()
    {
        Ids(await SearchAsync("ｅｘ-35e")).Should().BeEquivalentTo(Ids(await SearchAsync("EX-35E"))).And.HaveCount(5);
        // The attendance rules hold both pairs of 以上午 (三次以上, 每日上午), not the string: the index finds it, the match does not.
        (await SearchAsync("以上午")).GetProperty("total").GetInt32().Should().Be(0);
        (await SearchAsync("量子计算")).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("？！")]
    [InlineData("\u0001电池")]
    [InlineData(null)]
    public async Task a_query_with_nothing_to_search_for_is_a_problem_never_a_server_error(string? query)
    {
        using var answer = await knowledge.Api.GetAsync(query is null ? "/api/knowledge/search" : $"/api/knowledge/search?q={Uri.EscapeDataString(query)}");
        await answer.ShouldBeValidationProblemAsync("q");
    }

    [Fact]
    public async Task a_query_too_long_is_a_problem()
    {
        using var answer = await knowledge.Api.GetAsync($"/api/knowledge/search?q={Uri.EscapeDataString(new string('矿', 1000))}");
        await answer.ShouldBeValidationProblemAsync("q");
        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private async Task<JsonElement> SearchAsync(string query) =>
        await knowledge.GetOkAsync($"/api/knowledge/search?q={Uri.EscapeDataString(query)}&space={space}&pageSize=500");

    private static IEnumerable<string?> Ids(JsonElement found) => found.GetProperty("items").EnumerateArray().Select(hit => hit.GetProperty("pageId").GetString());

    private static IEnumerable<string> ChineseRuns(string text) => Segmenter.Runs(text).Where(run => run.Chinese).Select(run => run.Text);
}
