using System.Net;
using System.Text.Json;
using FluentAssertions;

namespace JinGong.Testing;

public static class ProblemAssertions
{
    public const string ProblemTypes = "https://jingong.dev/problems/";

    /// <summary>Asserts a Problem Details answer whose type names <paramref name="rule"/>, and returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage answer, HttpStatusCode status, string rule)
    {
        var body = await answer.Content.ReadAsStringAsync();
        answer.StatusCode.Should().Be(status, body);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes + rule);
        return problem;
    }

    /// <summary>Asserts a 400 validation problem naming (at least) each of <paramref name="fields"/> in its errors, and returns it.</summary>
    public static async Task<JsonElement> ShouldBeValidationProblemAsync(this HttpResponseMessage answer, params string[] fields)
    {
        var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
        problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).Should().Contain(fields, problem.ToString());
        return problem;
    }
}
