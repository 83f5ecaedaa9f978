namespace JinGong.Simulation;

/// <summary>A sales region: its home warehouse (dispatch's, <c>Dispatch:Regions</c>) first, a second depot, where its mines are.</summary>
public sealed record Region(string Name, string[] Warehouses, double Latitude, double Longitude, string[] Customers);

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
        new("east", ["wuxi-1", "ningbo-1"], 31.49, 120.31, ["Conch Cement Wuhu", "Anhui Tongling Nonferrous", "Zhejiang Jiaotou Quarries"]),
        new("north", ["tianjin-1", "tangshan-1"], 39.13, 117.2, ["Shenhua Zhungeer", "Baotou Steel Bayan Obo", "Hebei Iron Sijiaying"]),
        new("central", ["wuhan-1", "changsha-1"], 30.59, 114.31, ["Daye Nonferrous", "Hunan Gold Yuanling", "China Coal Pingdingshan"]),
        new("south", ["guangzhou-1", "nanning-1"], 23.13, 113.26, ["Zijin Mining Shanghang", "Guangxi Pinggui Bauxite", "Yunfu Pyrite"]),
        new("west", ["chengdu-1", "urumqi-1"], 30.57, 104.07, ["Panzhihua Iron", "Xinjiang Zhundong Coal", "Yulong Copper"]),
        new("northeast", ["shenyang-1", "anshan-1"], 41.81, 123.43, ["Anshan Iron Qidashan", "Fushun West Open Pit", "Benxi Steel Nanfen"]),
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
