using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace JinGong.Bench;

/// <summary>Counts consumed messages down to zero; awaited, not blocked on.</summary>
public sealed class Countdown(int count)
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int left = count;

    public int Missing => Volatile.Read(ref left);

    public void Signal()
    {
        if (Interlocked.Decrement(ref left) == 0)
        {
            done.TrySetResult();
        }
    }

    /// <summary>Waits until every message is consumed or <paramref name="deadline"/> passes; <see cref="Missing"/> says which.</summary>
    public async Task AllAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        try
        {
            await done.Task.WaitAsync(deadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Counted as errors by the caller.
        }
    }
}

/// <summary>A message the size of a small integration event.</summary>
public sealed record BenchPing(long Number, string VehicleCode, string Model, string Region, DateTimeOffset OccurredAt);

/// <summary>
/// Messages published and consumed end to end on the system's broker: through MassTransit (publisher confirms,
/// persistent messages, its envelope) beside raw RabbitMQ.Client doing the same (confirms, persistent, manual acks,
/// the same prefetch and the same number of concurrent publishers).
/// </summary>
public static class BusThroughput
{
    private const int Publishers = 16;
    private const int Prefetch = 64;

    public static async Task<Throughput> MassTransitAsync(string broker, int messages, CancellationToken cancellationToken)
    {
        var consumed = new Countdown(messages);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(broker));
            rabbit.ReceiveEndpoint($"bench-masstransit-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.PrefetchCount = Prefetch;
                endpoint.AutoDelete = true;
                endpoint.Handler<BenchPing>(_ =>
                {
                    consumed.Signal();
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync(cancellationToken);
        try
        {
            return await PublishAllAsync("MassTransit publish (confirms) → consume", messages, consumed, async (n, latencies) =>
            {
                var started = Stopwatch.GetTimestamp();
                await bus.Publish(Ping(n), cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started));
            }, cancellationToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    public static async Task<Throughput> RawClientAsync(string broker, int messages, CancellationToken cancellationToken)
    {
        var queue = $"bench-raw-{Guid.NewGuid():N}";
        var consumed = new Countdown(messages);
        var factory = new ConnectionFactory { Uri = new Uri(broker) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var consumer = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await consumer.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: true, cancellationToken: cancellationToken);
        await consumer.BasicQosAsync(0, Prefetch, global: false, cancellationToken);
        var receiver = new AsyncEventingBasicConsumer(consumer);
        receiver.ReceivedAsync += async (_, delivery) =>
        {
            JsonSerializer.Deserialize<BenchPing>(delivery.Body.Span);
            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            consumed.Signal();
        };
        await consumer.BasicConsumeAsync(queue, autoAck: false, receiver, cancellationToken);

        var channels = new IChannel[Publishers];
        for (var i = 0; i < Publishers; i++)
        {
            channels[i] = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        }

        try
        {
            var persistent = new BasicProperties { Persistent = true, ContentType = "application/json" };
            return await PublishAllAsync("raw RabbitMQ.Client publish (confirms) → consume", messages, consumed, async (n, latencies) =>
            {
                var started = Stopwatch.GetTimestamp();
                var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Ping(n)));
                await channels[n % Publishers].BasicPublishAsync(string.Empty, queue, mandatory: true, persistent, body, cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started));
            }, cancellationToken);
        }
        finally
        {
            foreach (var channel in channels)
            {
                await channel.DisposeAsync();
            }
        }
    }

    private static BenchPing Ping(long n) => new(n, $"JG-{n:000000}", "MT-90E", "east", DateTimeOffset.UtcNow);

    /// <summary>Publishers share the messages; the rate is until the last one is consumed, the latency that of each publish.</summary>
    private static async Task<Throughput> PublishAllAsync(
        string what, int messages, Countdown consumed, Func<int, Latencies, Task> publish, CancellationToken cancellationToken)
    {
        var latencies = new Latencies();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(async publisher =>
        {
            for (var n = publisher; n < messages; n += Publishers)
            {
                await publish(n, latencies);
            }
        }));
        await consumed.AllAsync(TimeSpan.FromMinutes(2), cancellationToken);
        for (var lost = 0; lost < consumed.Missing; lost++)
        {
            latencies.Fail();
        }

        return latencies.Summarize(what, watch.Elapsed);
    }
}
