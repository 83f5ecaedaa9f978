using JinGong.Domain.Regions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class CompanyRegions
{
    /// <summary>
    /// Reads the company's regions (<see cref="Region.SettingsFile"/>, beside the service: the one list fleet and dispatch
    /// share) into the configuration and serves them as <c>IReadOnlyList&lt;Region&gt;</c>.
    /// </summary>
    public static IReadOnlyList<Region> AddCompanyRegions(this IHostApplicationBuilder builder)
    {
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, Region.SettingsFile), optional: false, reloadOnChange: false);
        IReadOnlyList<Region> regions = builder.Configuration.GetSection("Regions").Get<List<Region>>() ?? [];
        builder.Services.AddSingleton(regions);
        return regions;
    }
}
