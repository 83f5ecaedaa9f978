using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace JinGong.AppHost.Infrastructure;

/// <summary>
/// One service's user on the broker (the machine's RabbitMQ or a container): its own password, and only the
/// permissions it needs (<see cref="BrokerPermissions.For"/>).
/// </summary>
public sealed class ServiceBrokerUserResource(string name, string user, IResourceWithConnectionString broker, EndpointReference endpoint, ParameterResource password, BrokerPermissions permissions)
    : Resource(name), IResourceWithParent, IResourceWithConnectionString
{
    public string User { get; } = user;

    /// <summary>The broker, whose connection string is its administrator's.</summary>
    public IResource Parent { get; } = broker;

    public ParameterResource Password { get; } = password;

    public BrokerPermissions Permissions { get; } = permissions;

    public ReferenceExpression ConnectionStringExpression => Address(endpoint, User, Password);

    /// <summary>The AMQP address of the broker at <paramref name="endpoint"/>, signed in as <paramref name="user"/>.</summary>
    public static ReferenceExpression Address(EndpointReference endpoint, string user, ParameterResource password) => ReferenceExpression.Create(
        $"amqp://{user}:{password}@{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}");
}

public static class ServiceBrokerUserExtensions
{
    /// <summary>A service's user on <paramref name="broker"/> (<c>{broker}-{service}</c>), allowed what <paramref name="permissions"/> say.</summary>
    public static IResourceBuilder<ServiceBrokerUserResource> AddServiceUser<TBroker>(
        this IResourceBuilder<TBroker> broker, string service, EndpointReference endpoint, IResourceBuilder<ParameterResource> password, BrokerPermissions permissions)
        where TBroker : IResourceWithConnectionString =>
        broker.ApplicationBuilder.AddResource(new ServiceBrokerUserResource($"{broker.Resource.Name}-{service}", service, broker.Resource, endpoint, password.Resource, permissions))
            .ExcludeFromManifest();

    /// <summary>The service users of <paramref name="broker"/> declared in the application.</summary>
    public static IEnumerable<ServiceBrokerUserResource> ServiceUsers(this DistributedApplicationModel model, IResource broker) =>
        model.Resources.OfType<ServiceBrokerUserResource>().Where(user => user.Parent == broker);

    /// <summary>
    /// A broker container's service users, made (or brought up to date) through its management API each time it is
    /// ready: the container's image makes only its administrator (the AppHost's, not <c>guest</c>).
    /// </summary>
    public static IResourceBuilder<RabbitMQServerResource> WithServiceUsersThroughManagementApi(this IResourceBuilder<RabbitMQServerResource> broker)
    {
        broker.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(broker.Resource, async (ready, ct) =>
        {
            var resource = broker.Resource;
            var administrator = resource.UserNameParameter is { } name ? await name.GetValueAsync(ct) : null;
            using var management = new HttpClient { BaseAddress = new Uri(resource.ManagementEndpoint.Url) };
            management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
                Encoding.UTF8.GetBytes($"{administrator}:{await resource.PasswordParameter.GetValueAsync(ct)}")));
            var model = ready.Services.GetRequiredService<DistributedApplicationModel>();
            foreach (var user in model.ServiceUsers(resource))
            {
                var account = Uri.EscapeDataString(user.User);
                await PutAsync(management, $"/api/users/{account}", new { password = await user.Password.GetValueAsync(ct), tags = string.Empty }, ct);
                await PutAsync(management, $"/api/permissions/%2F/{account}", new { configure = user.Permissions.Configure, write = user.Permissions.Write, read = user.Permissions.Read }, ct);
            }
        });
        return broker;
    }

    // The management plugin may answer a little after AMQP does: asked again for half a minute.
    private static async Task PutAsync(HttpClient management, string path, object body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var answer = await management.PutAsJsonAsync(path, body, cancellationToken);
                answer.EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}
