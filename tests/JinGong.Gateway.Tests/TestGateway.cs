using JinGong.Testing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.Gateway.Tests;

/// <summary>The gateway in this process, trusting this process's test tokens instead of reading identity's keys.</summary>
public static class TestGateway
{
    /// <param name="configure">Its settings: where the services are (as the AppHost's service discovery gives them), and more.</param>
    public static WebApplicationFactory<ServiceHealthCheck> Start(Action<IWebHostBuilder> configure) =>
        new WebApplicationFactory<ServiceHealthCheck>().WithWebHostBuilder(host =>
        {
            configure(host);
            host.UseSetting("Identity:MetadataAddress", TestTokens.MetadataAddress);
            host.ConfigureTestServices(services =>
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, TestTokens.Trust));
        });
}
