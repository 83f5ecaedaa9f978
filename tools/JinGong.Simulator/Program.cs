using JinGong.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Not a web app: a worker that plays the demo company's year through the gateway and stops (exit code 0, or 1 on failure).
var builder = Host.CreateApplicationBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddHostedService<SimulatorWorker>();
builder.Build().Run();
