using JinGong.EventSourcing;
using JinGong.EventSourcing.Privacy;
using JinGong.EventSourcing.Rebuilding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.Hosting;

public static class ServiceApi
{
    /// <summary>
    /// Maps an event-sourced service's API root, <c>/api/{service}</c> (see <see cref="HttpApi.MapApiRoot"/>), with its
    /// audit API, its projections' rebuild check and its export of what it holds about a subject.
    /// </summary>
    public static RouteGroupBuilder MapServiceApi(this WebApplication app, string service) =>
        app.MapApiRoot(service).MapAudit().MapRebuildCheck().MapSubjectExport();
}
