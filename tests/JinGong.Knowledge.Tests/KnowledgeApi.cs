using System.Net;
using System.Text.Json;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests;

/// <summary>What every knowledge API test does: spaces and pages made through the API, as the administrator.</summary>
internal static class KnowledgeApi
{
    public static async Task<string> CreateSpaceAsync(this IApiUnderTest knowledge, string name = "规章制度", string kind = "Rules", string[]? editors = null) =>
        (await knowledge.PostOkAsync("/api/knowledge/spaces", new { name, kind, editors }, HttpStatusCode.Created)).GetProperty("id").GetString()!;

    public static Task<JsonElement> CreatePageAsync(
        this IApiUnderTest knowledge, string spaceId, string title, string body, string? parentId = null, int? position = null, DateTimeOffset? occurredAt = null) =>
        knowledge.PostOkAsync($"/api/knowledge/spaces/{spaceId}/pages", new { title, body, parentId, position, occurredAt }, HttpStatusCode.Created);

    public static async Task<string> CreatePageIdAsync(this IApiUnderTest knowledge, string spaceId, string title, string body = "正文", string? parentId = null) =>
        (await knowledge.CreatePageAsync(spaceId, title, body, parentId)).GetProperty("id").GetString()!;

    public static async Task<long> EventCountAsync(this IApiUnderTest knowledge, string streamId) =>
        (await new EventStoreQueries(await knowledge.ConnectionStringAsync("knowledgedb")).EventsAsync(streamId)).Count;
}
