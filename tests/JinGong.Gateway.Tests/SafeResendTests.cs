using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using JinGong.Gateway;
using JinGong.Http.Idempotency;
using JinGong.Http.Security;
using JinGong.Simulation;
using JinGong.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JinGong.Gateway.Tests;

/// <summary>
/// The gateway in front of a service with two replicas, one of which dies with every request in hand (its process
/// killed mid-request, as the connection shows it): a read, or a write with an <c>Idempotency-Key</c>, is answered by
/// the other replica; a write without a key is not sent a second time.
/// </summary>
public sealed class SafeResendTests : IAsyncLifetime
{
    private const int Requests = 16;

    private readonly ServiceReplica dying = new(answers: false);
    private readonly ServiceReplica answering = new(answers: true);
    private WebApplicationFactory<ServiceHealthCheck> gateway = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var dyingAddress = await dying.StartAsync();
        var answeringAddress = await answering.StartAsync();
        gateway = TestGateway.Start(host =>
        {
            // Service discovery as the AppHost configures it: orders at two addresses, the others at the live one.
            foreach (var service in ServiceRoutes.All)
            {
                host.UseSetting($"services:{service}:http:0", service == "orders" ? dyingAddress : answeringAddress);
            }

            host.UseSetting("services:orders:http:1", answeringAddress);
        });
        client = gateway.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(SignIn.Administrator, [Roles.Administrator]));
    }

    [Fact]
    public async Task a_keyed_write_whose_replica_dies_mid_request_is_answered_by_the_other_replica_with_the_same_body()
    {
        var answers = new List<(string Marker, HttpResponseMessage Response)>();
        for (var i = 0; i < Requests; i++)
        {
            var marker = $"placed-{i}";
            var request = Request(HttpMethod.Post, marker);
            request.Headers.Add(IdempotencyKeys.Header, Guid.NewGuid().ToString());
            request.Content = JsonContent.Create(new { marker, model = "JG-MT-90", units = i + 1 });
            answers.Add((marker, await client.SendAsync(request)));
        }

        dying.Seen.Should().NotBeEmpty("with two replicas and this many requests, the dying one must have been chosen (else this proves nothing)");
        foreach (var (marker, response) in answers)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{marker} carries a key, so the gateway may resend it");
            (await response.Content.ReadAsStringAsync()).Should().Be(answering.Seen[marker].Body, "the replica answered what it was sent");
        }

        foreach (var (marker, seen) in dying.Seen)
        {
            answering.Seen[marker].Should().Be(seen, $"{marker} was resent whole: the same body and the same key");
        }
    }

    [Fact]
    public async Task a_read_whose_replica_dies_is_answered_by_the_other_replica()
    {
        for (var i = 0; i < Requests; i++)
        {
            var marker = $"read-{i}";
            using var response = await client.SendAsync(Request(HttpMethod.Get, marker));
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{marker} is a read");
            answering.Seen.Should().ContainKey(marker);
        }

        dying.Seen.Should().NotBeEmpty("the dying replica must have been chosen for some reads (else this proves nothing)");
    }

    [Fact]
    public async Task a_write_without_a_key_is_never_sent_to_a_second_replica()
    {
        var refused = 0;
        for (var i = 0; i < Requests; i++)
        {
            var marker = $"unkeyed-{i}";
            var request = Request(HttpMethod.Post, marker);
            request.Content = JsonContent.Create(new { marker });
            using var response = await client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.BadGateway)
            {
                refused++;
                dying.Seen.Should().ContainKey(marker, "a 502 comes from the replica that died");
            }
            else
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK);
            }
        }

        dying.Seen.Should().NotBeEmpty("the dying replica must have been chosen for some writes (else this proves nothing)");
        refused.Should().Be(dying.Seen.Count, "every write the dying replica took is answered 502, not sent again");
        answering.Seen.Keys.Should().NotIntersectWith(dying.Seen.Keys, "a write without a key may have been done already: only its client may send it again");
    }

    private static HttpRequestMessage Request(HttpMethod method, string marker)
    {
        var request = new HttpRequestMessage(method, $"/api/orders/orders?marker={marker}");
        request.Headers.Add(ServiceReplica.MarkerHeader, marker);
        return request;
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await gateway.DisposeAsync();
        await dying.DisposeAsync();
        await answering.DisposeAsync();
    }
}
