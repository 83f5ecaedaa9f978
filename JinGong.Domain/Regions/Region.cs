namespace JinGong.Domain.Regions;

/// <summary>
/// A sales region, its home warehouse (where its orders are delivered from) and where that is: one of the company's
/// regions, read by fleet (which opens the home warehouses) and dispatch (which allocates by distance between them).
/// </summary>
public sealed record Region(string Name, string Warehouse, double Latitude, double Longitude)
{
    /// <summary>The file of the company's regions (section <c>Regions</c>), copied beside every service that reads them.</summary>
    public const string SettingsFile = "regions.json";
}
