using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Orders.Tests.Reading;

/// <summary>
/// Problem Details in the language the request asks for (<c>Accept-Language</c>): titles, details and field errors, with
/// the words of the domain inside them (a stage, a field's name); English when it asks for none the API speaks.
/// </summary>
[Collection(OrdersService.Collection)]
public sealed class AnswerLanguageTests(OrdersService orders)
{
    private static readonly object IncompleteOpportunity = new { region = "north", salesRep = "li.wei", lines = new[] { new { model = "WL-50E", quantity = 1 } }, expectedAmount = 1_000_000m };

    [Fact]
    public async Task a_refused_field_is_named_in_chinese_when_the_request_asks_for_chinese_and_in_english_otherwise()
    {
        var chinese = await ProblemAsync(HttpMethod.Post, "/api/orders/opportunities", "zh-CN,zh;q=0.9,en;q=0.8", IncompleteOpportunity, HttpStatusCode.BadRequest);
        chinese.GetProperty("title").GetString().Should().Be("请求无效");
        chinese.GetProperty("errors").GetProperty("customer")[0].GetString().Should().Be("客户为必填项。");
        chinese.GetProperty("errors").GetProperty("expectedCloseDate")[0].GetString().Should().Be("预计成交日期为必填项。");

        foreach (var english in new[] { null, "en-GB", "fr-FR" })
        {
            var answer = await ProblemAsync(HttpMethod.Post, "/api/orders/opportunities", english, IncompleteOpportunity, HttpStatusCode.BadRequest);
            answer.GetProperty("title").GetString().Should().Be("The request is not valid", $"Accept-Language {english ?? "(none)"} gets English");
            answer.GetProperty("errors").GetProperty("customer")[0].GetString().Should().Be("The customer is required.");
        }
    }

    [Fact]
    public async Task a_broken_rule_says_its_title_and_detail_in_chinese_with_the_stage_in_chinese_too()
    {
        var id = await orders.FileOpportunityAsync(GatewayRequests.Unique("north"));
        await orders.PostOkAsync($"/api/orders/opportunities/{id}/lost", new { reason = "price" });

        var refused = await ProblemAsync(HttpMethod.Post, $"/api/orders/opportunities/{id}/stage", "zh", new { stage = "Negotiation" }, HttpStatusCode.Conflict);

        refused.GetProperty("type").GetString().Should().EndWith("/opportunity-closed", "the type is the rule's, whatever the language");
        refused.GetProperty("title").GetString().Should().Be("商机已关闭");
        refused.GetProperty("detail").GetString().Should().Be($"商机 {id} 当前为输单；只有进行中的商机才能推进阶段，请先重新打开。");

        var missing = await ProblemAsync(HttpMethod.Get, "/api/orders/opportunities/OPP-NONE", "zh-CN", null, HttpStatusCode.NotFound);
        (missing.GetProperty("title").GetString(), missing.GetProperty("detail").GetString()).Should().Be(("商机不存在", "没有商机 OPP-NONE。"));
    }

    private async Task<JsonElement> ProblemAsync(HttpMethod method, string path, string? language, object? body, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var answer = await orders.Api.SendAsync(request);
        answer.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return await answer.JsonAsync(status);
    }
}
