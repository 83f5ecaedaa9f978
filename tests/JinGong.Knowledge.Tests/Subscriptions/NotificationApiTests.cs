using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JinGong.Http.Security;
using JinGong.Testing;

namespace JinGong.Knowledge.Tests.Subscriptions;

/// <summary>Following a page or a space over HTTP: publishing a revision tells its followers, through the bus, once.</summary>
[Collection(KnowledgeService.Collection)]
public sealed class NotificationApiTests(KnowledgeService knowledge)
{
    private static readonly TimeSpan NoticeDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task publishing_a_revision_notifies_the_followers_of_the_page_and_of_its_space_but_not_its_author_and_only_while_they_may_read_it()
    {
        var space = await knowledge.CreateSpaceAsync("安全制度", "Rules");
        var page = await knowledge.CreatePageIdAsync(space, "现场安全", "佩戴安全帽");
        using var pageFollower = knowledge.SignedInAs(GatewayRequests.Unique("rep"), [Roles.SalesRep], "east");
        using var spaceFollower = knowledge.SignedInAs(GatewayRequests.Unique("ops"), [Roles.FleetOperations]);
        (await (await pageFollower.PostAsJsonAsync($"/api/knowledge/pages/{page}/subscription", new { })).JsonAsync()).GetProperty("pages").EnumerateArray()
            .Select(id => id.GetString()).Should().Equal(page);
        await (await spaceFollower.PostAsJsonAsync($"/api/knowledge/spaces/{space}/subscription", new { })).JsonAsync();
        await (await pageFollower.PostAsJsonAsync($"/api/knowledge/pages/{page}/subscription", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "already-subscribed");

        await knowledge.PostOkAsync($"/api/knowledge/pages/{page}/revisions", new { title = "现场安全", body = "佩戴安全帽与反光背心" });
        foreach (var follower in new[] { pageFollower, spaceFollower })
        {
            var notices = await NoticesWhenAsync(follower, view => view.GetProperty("unread").GetInt32() == 1);
            notices.GetProperty("items")[0].GetProperty("revision").GetInt32().Should().Be(2);
            notices.GetProperty("items")[0].GetProperty("pageId").GetString().Should().Be(page);
        }

        (await (await knowledge.Api.GetAsync("/api/knowledge/notifications")).JsonAsync()).GetProperty("unread").GetInt32().Should().Be(0, "the author is not told of their own revision");
        await (await pageFollower.PostAsJsonAsync("/api/knowledge/notifications/read", new { number = 1 })).JsonAsync();
        (await (await pageFollower.GetAsync("/api/knowledge/notifications?unread=true")).JsonAsync()).GetProperty("items").GetArrayLength().Should().Be(0);
        await (await pageFollower.PostAsJsonAsync("/api/knowledge/notifications/read", new { number = 1 })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "notifications-already-read");

        // A space closed to its follower hides what they were told of it.
        await knowledge.PostOkAsync($"/api/knowledge/spaces/{space}/access", new { kind = "Everyone", level = "None" });
        (await (await spaceFollower.GetAsync("/api/knowledge/notifications")).JsonAsync()).GetProperty("items").GetArrayLength().Should().Be(0);
        await (await spaceFollower.PostAsJsonAsync($"/api/knowledge/pages/{page}/subscription", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "page-not-found");
        await (await pageFollower.PostAsJsonAsync($"/api/knowledge/pages/{page}/unsubscription", new { })).JsonAsync();
    }

    [Fact]
    public async Task a_subscription_sent_again_with_its_key_is_answered_the_same_and_recorded_once()
    {
        var space = await knowledge.CreateSpaceAsync("营销工具包", "MarketingToolkit");
        var person = GatewayRequests.Unique("rep");
        using var follower = knowledge.SignedInAs(person, [Roles.SalesRep], "east");
        var key = Guid.NewGuid().ToString();
        using var first = await follower.SendWithKeyAsync(HttpMethod.Post, $"/api/knowledge/spaces/{space}/subscription", new { }, key);
        using var again = await follower.SendWithKeyAsync(HttpMethod.Post, $"/api/knowledge/spaces/{space}/subscription", new { }, key);
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await again.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        (await knowledge.EventCountAsync($"subscriber:{person}")).Should().Be(1);
    }

    private static async Task<JsonElement> NoticesWhenAsync(HttpClient client, Func<JsonElement, bool> isDone) =>
        await Eventually.ReturnsAsync(
            async cancellationToken => await (await client.GetAsync("/api/knowledge/notifications", cancellationToken)).JsonAsync(), isDone, NoticeDeadline,
            "the follower is told of the revision through the bus");
}
