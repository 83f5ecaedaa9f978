using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using JinGong.Http;

namespace JinGong.Testing;

/// <summary>
/// What the meter <c>JinGong.Business</c> counted while this listens, as the dashboard would receive it: a service host
/// runs in the test's process, so its counters are heard here.
/// </summary>
public sealed class BusinessFigures : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, KeyValuePair<string, object?>[] Tags)> measurements = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> recorded = new();

    public BusinessFigures()
    {
        listener.InstrumentPublished = (instrument, listening) =>
        {
            if (instrument.Meter.Name == BusinessMetrics.MeterName)
            {
                listening.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => recorded.Enqueue((instrument.Name, value, tags.ToArray())));
        listener.Start();
    }

    /// <summary>The sum <paramref name="instrument"/> counted with every one of <paramref name="tags"/> (others may differ).</summary>
    public long Count(string instrument, params (string Name, string Value)[] tags) =>
        measurements.Where(measurement => measurement.Instrument == instrument
                && tags.All(tag => measurement.Tags.Any(pair => pair.Key == tag.Name && Equals(pair.Value, tag.Value))))
            .Sum(measurement => measurement.Value);

    /// <summary>The values the histogram <paramref name="instrument"/> recorded with every one of <paramref name="tags"/>.</summary>
    public IReadOnlyList<double> Values(string instrument, params (string Name, string Value)[] tags) =>
        recorded.Where(measurement => measurement.Instrument == instrument
                && tags.All(tag => measurement.Tags.Any(pair => pair.Key == tag.Name && Equals(pair.Value, tag.Value))))
            .Select(measurement => measurement.Value).ToList();

    /// <summary>Everything counted, one measurement a line: what a failed assertion shows.</summary>
    public override string ToString() =>
        string.Join(Environment.NewLine, measurements.Select(measurement => $"{measurement.Instrument} +{measurement.Value} {string.Join(", ", measurement.Tags.Select(tag => $"{tag.Key}={tag.Value}"))}"));

    public void Dispose() => listener.Dispose();
}
