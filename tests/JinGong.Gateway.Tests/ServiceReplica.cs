using System.Collections.Concurrent;
using JinGong.Http.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace JinGong.Gateway.Tests;

/// <summary>
/// A replica of a service on a real port: one that answers with what it was sent, or one that dies with each request
/// in hand; both answer the gateway's health probes as healthy.
/// </summary>
public sealed class ServiceReplica(bool answers) : IAsyncDisposable
{
    public const string MarkerHeader = "X-Test-Marker";

    private WebApplication? app;

    /// <summary>What it was sent, by the request's marker: the body and the idempotency key.</summary>
    public ConcurrentDictionary<string, (string Body, string? Key)> Seen { get; } = new();

    public async Task<string> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(async http =>
        {
            // The gateway's health probes find both replicas well: this one dies only with requests in hand.
            if (http.Request.Path == "/health")
            {
                await http.Response.WriteAsJsonAsync(new { status = "Healthy" }, http.RequestAborted);
                return;
            }

            var body = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
            Seen[http.Request.Headers[MarkerHeader].ToString()] = (body, http.Request.Headers[IdempotencyKeys.Header].FirstOrDefault());
            if (!answers)
            {
                http.Abort();
                return;
            }

            await http.Response.WriteAsync(body, http.RequestAborted);
        });
        await app.StartAsync();
        return app.Urls.Single();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
