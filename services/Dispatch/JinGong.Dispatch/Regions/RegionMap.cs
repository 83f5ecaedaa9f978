using JinGong.Domain.Regions;

namespace JinGong.Dispatch.Regions;

/// <summary>
/// The company's regions (<see cref="Region.SettingsFile"/>): which warehouse serves a region, and which
/// other regions are nearest to it, so a unit missing in one region is brought from the closest.
/// </summary>
public sealed class RegionMap(IReadOnlyList<Region> regions)
{
    private const double EarthRadiusKm = 6371;

    public IReadOnlyList<Region> Regions { get; } = regions;

    public Region? Find(string name) => Regions.FirstOrDefault(region => region.Name == name);

    /// <summary>
    /// How far <paramref name="from"/> is from <paramref name="to"/> (great-circle km): 0 for the same region;
    /// a region not on the map is farther than any on it (and can only be served locally).
    /// </summary>
    public double Distance(string from, string to)
    {
        if (from == to)
        {
            return 0;
        }

        return Find(from) is { } a && Find(to) is { } b ? Kilometres(a, b) : double.PositiveInfinity;
    }

    private static double Kilometres(Region a, Region b)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(h));
    }
}
