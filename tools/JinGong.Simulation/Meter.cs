namespace JinGong.Simulation;

/// <summary>
/// A deployed unit's telematics box: a reading every <c>TelematicsEvery</c> while it works at a site, the hour meter
/// running during the day shift (07:00–19:00 China time) and standing still at night, sent in batches of a fortnight,
/// one in five of them late (after the next).
/// </summary>
internal sealed class Meter(string code, Random random, TimeSpan every)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly TimeSpan BatchSpan = TimeSpan.FromDays(14);
    private DateTimeOffset? last;
    private int batches;
    private (double Latitude, double Longitude) site;
    private (double North, double East) offset;

    public decimal Hours { get; private set; } = 20m + random.Next(0, 80);

    public int Batches => batches;

    /// <summary>Readings after <paramref name="from"/> and before <paramref name="to"/>, at a site near (<paramref name="latitude"/>, <paramref name="longitude"/>).</summary>
    public async Task ReportAsync(GatewayCommands gateway, DateTimeOffset from, DateTimeOffset to, double latitude, double longitude, CancellationToken cancellationToken)
    {
        var at = from.Add(every);
        if (last is { } previous && at <= previous)
        {
            at = previous.Add(every);
        }

        if (site != (latitude, longitude))
        {
            site = (latitude, longitude);
            offset = (0, 0);
        }

        object? held = null;
        while (at < to)
        {
            var batchEnd = at.Add(BatchSpan) < to ? at.Add(BatchSpan) : to;
            var points = new List<object>();
            for (; at < batchEnd; at = at.Add(every))
            {
                var hour = at.ToOffset(ChinaOffset).Hour;
                if (hour is >= 7 and < 19)
                {
                    Hours += (decimal)every.TotalHours * (0.55m + ((decimal)random.NextDouble() * 0.45m));
                    offset = (Wander(offset.North), Wander(offset.East));
                }

                points.Add(new
                {
                    at, operatingHours = Math.Round(Hours, 2),
                    latitude = Math.Round(site.Latitude + offset.North, 5), longitude = Math.Round(site.Longitude + offset.East, 5),
                });
                last = at;
            }

            var batch = new { batchId = $"T{++batches}", points };
            // One batch in five is buffered out of signal (a tunnel, the far bench of a pit) and uploaded after the next
            // one, late and out of order; within the same stretch of work, so a loan's readings still reach its loan.
            if (held is null && batches % 5 == 2 && at < to)
            {
                held = batch;
                continue;
            }

            await gateway.PostAsync($"/api/fleet/vehicles/{code}/usage", batch, cancellationToken);
            if (held is not null)
            {
                await gateway.PostAsync($"/api/fleet/vehicles/{code}/usage", held, cancellationToken);
                held = null;
            }
        }
    }

    /// <summary>
    /// While it works a unit moves about its pit, up to ~100 m an hour and never more than ~1 km from the site's centre;
    /// at night it stands where it stopped: a track a person can follow, not a cloud of unrelated points.
    /// </summary>
    /// <summary>
    /// The radius of a site that holds every reading of a unit working there: it wanders at most 0.01° north and east of
    /// the centre, about 1.6 km on the diagonal.
    /// </summary>
    public const double SiteRadiusMetres = 2_000;

    private const double MaxWander = 0.01;

    private double Wander(double degrees) => Math.Clamp(degrees + ((random.NextDouble() - 0.5) * 0.002), -MaxWander, MaxWander);
}
