namespace JinGong.Simulation;

/// <summary>
/// A sales region: its home warehouse (the company's regions, <c>regions.json</c>, which fleet opens itself) first, a
/// second depot (opened by the play, at <paramref name="Depot"/>), and the mines it sells to.
/// </summary>
public sealed record Region(string Name, string[] Warehouses, Customer[] Customers, (double Latitude, double Longitude) Depot);

/// <summary>A customer of a region and where its pit is: where a unit sold or lent to it reports from.</summary>
public sealed record Customer(string Name, double Latitude, double Longitude)
{
    /// <summary>The id of the site drawn around its pit: its name in lower case, words joined by '-'.</summary>
    public string SiteId => string.Join('-', Name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A model the company builds; <paramref name="Price"/> is the list price in yuan, null for the rental fleet's.</summary>
public sealed record Model(string Code, string Category, decimal Price);

/// <summary>
/// The company a year is played for: how big it is, where it works and what it sells. Everything else (who buys what,
/// when, how late they pay) follows from the seed, so the same profile always plays the same year.
/// </summary>
/// <param name="Vehicles">Units registered over the year (two in five are for sale, the rest rented out).</param>
/// <param name="People">People on the roster (at least the 10 who lead: executives and regional managers, and one of each team).</param>
/// <param name="CodePrefix">What vehicle codes start with (<c>JG-MT-0001</c>).</param>
/// <param name="TelematicsEvery">How often a deployed unit's telematics box reports a reading.</param>
public sealed record CompanyProfile(int Vehicles, int People, int Seed, string CodePrefix, TimeSpan TelematicsEvery)
{
    /// <summary>The demo company of the run command (issue 11): 300 units, 60 people, hourly telematics.</summary>
    public static CompanyProfile Demo(int vehicles = 300, int people = 60, int seed = 2026) => new(vehicles, people, seed, "JG", TimeSpan.FromHours(1));

    /// <summary>Dispatch's regions, with their home warehouses as its settings name them; two warehouses each.</summary>
    public static readonly Region[] Regions =
    [
        new("east", ["wuxi-1", "ningbo-1"],
            [new("Conch Cement Wuhu", 31.33, 118.38), new("Anhui Tongling Nonferrous", 30.94, 117.81), new("Zhejiang Jiaotou Quarries", 29.99, 120.58)], (29.87, 121.55)),
        new("north", ["tianjin-1", "tangshan-1"],
            [new("Shenhua Zhungeer", 39.86, 111.24), new("Baotou Steel Bayan Obo", 41.77, 109.97), new("Hebei Iron Sijiaying", 39.5, 118.68)], (39.63, 118.18)),
        new("central", ["wuhan-1", "changsha-1"],
            [new("Daye Nonferrous", 30.1, 114.97), new("Hunan Gold Yuanling", 28.45, 110.4), new("China Coal Pingdingshan", 33.74, 113.19)], (28.23, 112.94)),
        new("south", ["guangzhou-1", "nanning-1"],
            [new("Zijin Mining Shanghang", 25.18, 116.42), new("Guangxi Pinggui Bauxite", 24.46, 111.29), new("Yunfu Pyrite", 22.93, 112.04)], (22.82, 108.37)),
        new("west", ["chengdu-1", "urumqi-1"],
            [new("Panzhihua Iron", 26.58, 101.72), new("Xinjiang Zhundong Coal", 44.9, 89.5), new("Yulong Copper", 31.4, 97.73)], (43.83, 87.62)),
        new("northeast", ["shenyang-1", "anshan-1"],
            [new("Anshan Iron Qidashan", 41.07, 123.06), new("Fushun West Open Pit", 41.85, 123.88), new("Benxi Steel Nanfen", 41.1, 123.75)], (41.11, 122.99)),
    ];

    /// <summary>Sold: wide-body mining trucks and the big loader and excavator.</summary>
    public static readonly Model[] SaleModels =
    [
        new("MT-90E", "mining-truck", 4_200_000m), new("MT-60E", "mining-truck", 2_900_000m),
        new("WL-50E", "loader", 1_100_000m), new("EX-35E", "excavator", 950_000m),
    ];

    /// <summary>Lent out: the small loader and excavator.</summary>
    public static readonly Model[] RentalModels = [new("WL-30E", "loader", 0m), new("EX-22E", "excavator", 0m)];

    /// <summary>The next mining truck, sold before any is built: its orders wait on the dispatch board as backorders.</summary>
    public static readonly Model PreOrderModel = new("MT-120E", "mining-truck", 5_600_000m);

    public static bool IsRental(int i) => i % 5 >= 2;

    public Model ModelOf(int i) => IsRental(i) ? RentalModels[i % RentalModels.Length] : SaleModels[i % SaleModels.Length];

    public Region RegionOf(int i) => Regions[i % Regions.Length];

    /// <summary>The code of the <paramref name="i"/>-th unit (from 0): <c>JG-MT-0001</c>.</summary>
    public string VehicleCode(int i) => $"{CodePrefix}-{ModelOf(i).Code[..2]}-{i + 1:0000}";

    /// <summary>Opportunities filed over the year: one for every three units.</summary>
    public int Opportunities => Math.Max(3, Vehicles / 3);
}
